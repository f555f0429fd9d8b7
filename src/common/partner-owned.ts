import type { EntityTarget } from 'typeorm';
import type { RequestContext } from '../context';
import type { BaseRecord } from './base.entity';
import { scopeToOwnPartner } from './access';
import { databaseIdsOf } from './global-id';
import { PartnerOwnedFilter, paginate, whereIn } from './list-query';
import { ConnectionArgs, PageOf, RecordOrder } from './pagination';

type PartnerOwned = BaseRecord & { partnerId: string };

/**
 * A root list of rows that belong to a partner: confined to the caller's partner for partner
 * users, filtered by partner IDs, then by whatever `refine` adds.
 */
export async function listPartnerOwned<T extends PartnerOwned, F extends PartnerOwnedFilter>(
  ctx: RequestContext,
  entity: EntityTarget<T>,
  filter: F | null | undefined,
  orderBy: RecordOrder | null | undefined,
  args: ConnectionArgs,
  refine: (qb: ReturnType<typeof createBuilder<T>>, filter: F) => void = () => undefined,
): Promise<PageOf<T>> {
  const qb = createBuilder(ctx, entity);
  scopeToOwnPartner(qb, ctx);
  whereIn(qb, 'partnerId', databaseIdsOf(filter?.partnerIds, 'Partner', 'filter.partnerIds'));
  if (filter) refine(qb, filter);
  return paginate(qb, filter, orderBy, args);
}

function createBuilder<T extends PartnerOwned>(ctx: RequestContext, entity: EntityTarget<T>) {
  return ctx.dataSource.getRepository(entity).createQueryBuilder('row');
}
