import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { badInput } from '../common/errors';
import type { RequestContext } from '../context';
import { tenderPricingFor } from './tender-pricing.service';
import { TenderBidPricing, TenderPricingLevel } from './tender-pricing.types';

const MAX_BIDDERS = 50;

@Resolver()
export class TenderPricingResolver {
  @Query(() => [TenderBidPricing], {
    description:
      'Pricing for each bidder of a tender on an opportunity (R-REN-03). A partner key asks only about opportunities it may read and sees only its own pricing.',
  })
  async tenderPricing(
    @Ctx() ctx: RequestContext,
    @Arg('opportunityId', () => ID) opportunityId: string,
    @Arg('bidderPartnerIds', () => [ID]) bidderPartnerIds: string[],
  ): Promise<TenderBidPricing[]> {
    if (bidderPartnerIds.length === 0 || bidderPartnerIds.length > MAX_BIDDERS) throw badInput(`Give 1 to ${MAX_BIDDERS} bidders`, 'bidderPartnerIds');
    const bids = await tenderPricingFor(ctx, opportunityId, bidderPartnerIds);
    return bids.map(({ partner, bid }) =>
      bid
        ? { partner, pricing: TenderPricingLevel[bid.outcome], ruleIds: bid.ruleIds, reasons: bid.reasons }
        : { partner, pricing: null, ruleIds: [], reasons: [] },
    );
  }
}
