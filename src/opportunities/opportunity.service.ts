import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { partnerScopeOf } from '../auth/principal';
import { databaseIdsOf } from '../common/global-id';
import { paginate, whereIn } from '../common/list-query';
import { ConnectionArgs, PageOf, RecordOrder } from '../common/pagination';
import type { RequestContext } from '../context';
import { Customer } from '../customers/customer.entity';
import { CustomerFilter, OpportunityFilter } from './opportunity.inputs';
import { Opportunity } from './opportunity.entity';

/** SQL: the partner registered or resold this opportunity. */
function partnerTouchesOpportunity(opportunityIdSql: string): string {
  return `(EXISTS (SELECT 1 FROM deal_registration d WHERE d.opportunity_id = ${opportunityIdSql} AND d.partner_id = :scopePartnerId)
        OR EXISTS (SELECT 1 FROM service_registration s WHERE s.opportunity_id = ${opportunityIdSql} AND s.partner_id = :scopePartnerId)
        OR EXISTS (SELECT 1 FROM opportunity r WHERE r.id = ${opportunityIdSql} AND r.reseller_partner_id = :scopePartnerId))`;
}

/** A partner user sees CRM opportunities it registered or resold, nothing else of the CRM. */
function scopeOpportunities<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, ctx: RequestContext): void {
  const partnerId = partnerScopeOf(ctx.principal);
  if (partnerId) qb.andWhere(partnerTouchesOpportunity(`${qb.alias}.id`), { scopePartnerId: partnerId });
}

export async function listOpportunities(
  ctx: RequestContext,
  filter: OpportunityFilter | null | undefined,
  orderBy: RecordOrder | null | undefined,
  args: ConnectionArgs,
): Promise<PageOf<Opportunity>> {
  const qb = ctx.dataSource.getRepository(Opportunity).createQueryBuilder('opportunity');
  scopeOpportunities(qb, ctx);
  whereIn(qb, 'externalId', filter?.externalIds);
  whereIn(qb, 'stage', filter?.stage);
  whereIn(qb, 'kind', filter?.kind);
  whereIn(qb, 'customerId', databaseIdsOf(filter?.customerIds, 'Customer', 'filter.customerIds'));
  return paginate(qb, filter, orderBy, args);
}

export async function listCustomers(
  ctx: RequestContext,
  filter: CustomerFilter | null | undefined,
  orderBy: RecordOrder | null | undefined,
  args: ConnectionArgs,
): Promise<PageOf<Customer>> {
  const qb = ctx.dataSource.getRepository(Customer).createQueryBuilder('customer');
  const partnerId = partnerScopeOf(ctx.principal);
  if (partnerId) {
    qb.andWhere(
      `(customer.incumbent_partner_id = :scopePartnerId OR EXISTS (SELECT 1 FROM opportunity o WHERE o.customer_id = customer.id AND ${partnerTouchesOpportunity('o.id')}))`,
      { scopePartnerId: partnerId },
    );
  }
  whereIn(qb, 'crmAccountId', filter?.crmAccountIds);
  return paginate(qb, filter, orderBy, args);
}

/** Whether a partner user may read this opportunity (for node lookups). */
export async function partnerMayReadOpportunity(ctx: RequestContext, opportunityId: string, partnerId: string): Promise<boolean> {
  const count = await ctx.dataSource
    .getRepository(Opportunity)
    .createQueryBuilder('opportunity')
    .where('opportunity.id = :opportunityId', { opportunityId })
    .andWhere(partnerTouchesOpportunity('opportunity.id'), { scopePartnerId: partnerId })
    .getCount();
  return count > 0;
}
