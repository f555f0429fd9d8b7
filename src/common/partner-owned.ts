import type { EntityTarget, SelectQueryBuilder } from 'typeorm';
import type { RequestContext } from '../context';
import type { BaseRecord } from './base.entity';
import { databaseIdsOf } from './global-id';
import { PartnerOwnedFilter, RecordFilter, paginate, whereIn } from './list-query';
import { ConnectionArgs, PageOf, RecordOrder } from './pagination';

/**
 * A root list: confined by the type's access policy to what the key may read (or refused), then
 * filtered by what `refine` adds, then paged. Every root list goes through here.
 */
export async function listRows<T extends BaseRecord, F extends RecordFilter>(
  ctx: RequestContext,
  entity: EntityTarget<T> & { name: string },
  filter: F | null | undefined,
  orderBy: RecordOrder | null | undefined,
  args: ConnectionArgs,
  refine: (qb: SelectQueryBuilder<T>, filter: F) => void = () => undefined,
): Promise<PageOf<T>> {
  const qb = ctx.dataSource.getRepository(entity).createQueryBuilder('row');
  ctx.access.scopeList(entity.name, qb);
  if (filter) refine(qb, filter);
  return paginate(qb, filter, orderBy, args);
}

/** A root list of rows that belong to a partner, with the `partnerIds` filter they all have. */
export function listPartnerOwned<T extends BaseRecord & { partnerId: string }, F extends PartnerOwnedFilter>(
  ctx: RequestContext,
  entity: EntityTarget<T> & { name: string },
  filter: F | null | undefined,
  orderBy: RecordOrder | null | undefined,
  args: ConnectionArgs,
  refine: (qb: SelectQueryBuilder<T>, filter: F) => void = () => undefined,
): Promise<PageOf<T>> {
  return listRows(ctx, entity, filter, orderBy, args, (qb, f) => {
    whereIn(qb, 'partnerId', databaseIdsOf(f.partnerIds, 'Partner', 'filter.partnerIds'));
    refine(qb, f);
  });
}
