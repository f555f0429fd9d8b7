import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { assertCanReadProgramme } from '../common/access';
import { badInput } from '../common/errors';
import type { RequestContext } from '../context';
import { CustomerCommunication } from '../customers/customer-communication.entity';
import { Customer, CustomerPayload } from '../customers/customer.entity';
import { RecordCustomerCommunicationInput } from '../opportunities/opportunity.inputs';
import { incumbencyOf, recordCustomerCommunication, tenderPricingFor } from './renewal.service';
import { Incumbency, TenderBidPricing, TenderPricingLevel } from './renewal.types';

const MAX_BIDDERS = 50;

@Resolver(() => Customer)
export class RenewalResolver {
  @FieldResolver(() => Incumbency, { description: 'Incumbent partner and renewal-discount eligibility (R-REN-01/02).' })
  incumbency(@Root() customer: Customer, @Ctx() ctx: RequestContext) {
    return incumbencyOf(ctx, customer);
  }

  @FieldResolver(() => [CustomerCommunication], { description: 'Recorded customer communications, oldest first (R-REN-02).' })
  communications(@Root() customer: Customer, @Ctx() ctx: RequestContext) {
    return ctx.loaders.listBy(CustomerCommunication, 'customerId').load(customer.id);
  }

  @Mutation(() => CustomerPayload, { description: 'Records a customer communication designating a partner; a formal written one moves incumbency (R-REN-02).' })
  async recordCustomerCommunication(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RecordCustomerCommunicationInput, { validate: false }) input: RecordCustomerCommunicationInput,
  ) {
    return CustomerPayload.from(await recordCustomerCommunication(ctx, input));
  }

  @Query(() => [TenderBidPricing], { description: 'Pricing for each bidder of a tender on an opportunity (R-REN-03).' })
  async tenderPricing(
    @Ctx() ctx: RequestContext,
    @Arg('opportunityId', () => ID) opportunityId: string,
    @Arg('bidderPartnerIds', () => [ID]) bidderPartnerIds: string[],
  ): Promise<TenderBidPricing[]> {
    assertCanReadProgramme(ctx);
    if (bidderPartnerIds.length === 0 || bidderPartnerIds.length > MAX_BIDDERS) throw badInput(`Give 1 to ${MAX_BIDDERS} bidders`, 'bidderPartnerIds');
    const bids = await tenderPricingFor(ctx, opportunityId, bidderPartnerIds);
    return bids.map((bid) => ({ partner: bid.partner, pricing: bid.outcome as TenderPricingLevel, ruleIds: bid.ruleIds, reasons: bid.reasons }));
  }
}
