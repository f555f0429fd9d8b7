import { databaseIdsOf } from '../common/global-id';
import { whereIn } from '../common/list-query';
import { ConnectionArgs, PageOf, RecordOrder } from '../common/pagination';
import { listRows } from '../common/partner-owned';
import type { RequestContext } from '../context';
import { Customer } from './customer.entity';
import { CustomerFilter, OpportunityFilter } from './opportunity.inputs';
import { Opportunity } from './opportunity.entity';

export function listOpportunities(
  ctx: RequestContext,
  filter: OpportunityFilter | null | undefined,
  orderBy: RecordOrder | null | undefined,
  args: ConnectionArgs,
): Promise<PageOf<Opportunity>> {
  return listRows(ctx, Opportunity, filter, orderBy, args, (qb, f) => {
    whereIn(qb, 'externalId', f.externalIds);
    whereIn(qb, 'stage', f.stage);
    whereIn(qb, 'kind', f.kind);
    whereIn(qb, 'customerId', databaseIdsOf(f.customerIds, 'Customer', 'filter.customerIds'));
  });
}

export function listCustomers(
  ctx: RequestContext,
  filter: CustomerFilter | null | undefined,
  orderBy: RecordOrder | null | undefined,
  args: ConnectionArgs,
): Promise<PageOf<Customer>> {
  return listRows(ctx, Customer, filter, orderBy, args, (qb, f) => whereIn(qb, 'crmAccountId', f.crmAccountIds));
}
