import { badInput } from '../common/errors';
import { idFromInput } from '../common/mutation-guards';
import type { RequestContext } from '../context';
import { Customer } from '../crm/customer.entity';
import { Opportunity } from '../crm/opportunity.entity';
import { OpportunityStage } from '../crm/opportunity.enums';
import { Partner } from '../partners/partner.entity';
import { DealRegistration } from './deal-registration.entity';
import { DealRegistrationStatus } from './deal.enums';
import { dealExpiry } from './deal.rules';
import { TenderBid, tenderPricing } from './tender-pricing.rules';

/** R-REN-03: the pricing each bidder of a tender gets. */
export async function tenderPricingFor(
  ctx: RequestContext,
  opportunityGlobalId: string,
  bidderGlobalIds: string[],
): Promise<Array<TenderBid & { partner: Partner }>> {
  ctx.access.assertMayRead(Opportunity.name);
  const now = ctx.clock.now();
  const opportunity = await ctx.loaders.byId(Opportunity).load(idFromQuery(opportunityGlobalId, 'Opportunity', 'opportunityId'));
  if (!opportunity) throw notFound('opportunityId', opportunityGlobalId);
  const customer = await ctx.loaders.byId(Customer).load(opportunity.customerId);
  const bidderIds = bidderGlobalIds.map((id) => idFromQuery(id, 'Partner', 'bidderPartnerIds'));
  const partners = await Promise.all(bidderIds.map((id) => ctx.loaders.byId(Partner).load(id)));
  partners.forEach((partner, index) => {
    if (!partner) throw notFound('bidderPartnerIds', bidderGlobalIds[index]);
  });
  const registrations = await ctx.loaders.listBy(DealRegistration, 'opportunityId').load(opportunity.id);
  const closedWonAt = opportunity.stage === OpportunityStage.CLOSED_WON ? opportunity.closedAt : null;
  const sourced = registrations.find(
    (r) =>
      r.status === DealRegistrationStatus.APPROVED &&
      dealExpiry.decide({ status: r.status, approvedAt: r.approvedAt, opportunityClosedWonAt: closedWonAt }, now).outcome === 'KEEP',
  );
  const bids = tenderPricing.decide({ territory: (customer as Customer).territory, bidderIds, sourcedPartnerId: sourced?.partnerId ?? null }, now);
  return bids.map((bid, index) => ({ ...bid, partner: partners[index] as Partner }));
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
