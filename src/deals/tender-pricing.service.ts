import { badInput } from '../common/errors';
import { idFromInput } from '../common/mutation-guards';
import type { RequestContext } from '../context';
import { Customer } from '../crm/customer.entity';
import { Opportunity } from '../crm/opportunity.entity';
import { OpportunityStage } from '../crm/opportunity.enums';
import { Partner } from '../partners/partner.entity';
import { PartnerCategory } from '../partners/partner.enums';
import { DealRegistration } from './deal-registration.entity';
import { DealRegistrationStatus } from './deal.enums';
import { dealExpiry } from './deal.rules';
import { TenderBid, tenderPricing } from './tender-pricing.rules';

export interface TenderBidView {
  partner: Partner;
  /** null: another partner's bid, which a partner key does not see */
  bid: TenderBid | null;
}

/**
 * R-REN-03: the pricing each bidder of a tender gets. A partner key asks only about opportunities it
 * may read (any other answers as if it did not exist) and learns its own pricing only: the other
 * bidders come back as their public partner reference, without pricing, rule IDs or reasons.
 */
export async function tenderPricingFor(ctx: RequestContext, opportunityGlobalId: string, bidderGlobalIds: string[]): Promise<TenderBidView[]> {
  ctx.access.assertMayRead(Opportunity.name);
  const now = ctx.clock.now();
  const opportunity = await ctx.loaders.byId(Opportunity).load(idFromQuery(opportunityGlobalId, 'Opportunity', 'opportunityId'));
  if (!opportunity || (await ctx.access.shapeOf(opportunity, Opportunity.name)) === 'NONE') throw notFound('opportunityId', opportunityGlobalId);
  const bidderIds = bidderGlobalIds.map((id) => idFromQuery(id, 'Partner', 'bidderPartnerIds'));
  const repeated = bidderGlobalIds.find((_id, index) => bidderIds.indexOf(bidderIds[index]) !== index);
  if (repeated !== undefined) throw badInput(`\`bidderPartnerIds\`: ${repeated} is named twice`, 'bidderPartnerIds');
  const partners = await Promise.all(bidderIds.map((id) => ctx.loaders.byId(Partner).load(id)));
  const bidders = partners.map((partner, index) => {
    if (!partner) throw notFound('bidderPartnerIds', bidderGlobalIds[index]);
    // The category is part of every partner's public reference, so saying so reveals nothing.
    if (partner.category !== PartnerCategory.CHANNEL) {
      throw badInput(
        `\`bidderPartnerIds\`: ${bidderGlobalIds[index]} is a ${partner.category} partner; channel partners bid in tenders (R-REN-03)`,
        'bidderPartnerIds',
      );
    }
    return partner;
  });
  const customer = await ctx.loaders.byId(Customer).load(opportunity.customerId);
  const registrations = await ctx.loaders.listBy(DealRegistration, 'opportunityId').load(opportunity.id);
  const closedWonAt = opportunity.stage === OpportunityStage.CLOSED_WON ? opportunity.closedAt : null;
  const sourced = registrations.find(
    (r) =>
      r.status === DealRegistrationStatus.APPROVED &&
      dealExpiry.decide({ status: r.status, approvedAt: r.approvedAt, opportunityClosedWonAt: closedWonAt }, now).outcome === 'KEEP',
  );
  const bids = tenderPricing.decide({ territory: (customer as Customer).territory, bidderIds, sourcedPartnerId: sourced?.partnerId ?? null }, now);
  const viewer = ctx.access.viewer;
  return bids.map((bid, index) => ({ partner: bidders[index], bid: viewer.readsWholeProgramme || viewer.owns(bid.partnerId) ? bid : null }));
}

function idFromQuery(globalId: string, typeName: string, argument: string): string {
  try {
    return idFromInput(globalId, typeName, [argument]);
  } catch {
    throw notFound(argument, globalId);
  }
}

function notFound(argument: string, globalId: string) {
  return badInput(`\`${argument}\`: no object with ID ${globalId}`, argument);
}
