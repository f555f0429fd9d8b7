import { ArrayMaxSize, IsOptional } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ConnectionArgs, PageOf, RecordOrder, RecordOrderField, applyPage, pageOf, pageRequestOf, sortSpecOf } from './pagination';
import { DateTimeScalar } from './scalars';

/** Filters every list has. */
@InputType('RecordFilter', { description: 'Never emitted: the base of every list filter.' })
export class RecordFilter {
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'Only rows changed at or after this time (inclusive); the list is then ordered by UPDATED_AT unless `orderBy` says otherwise.',
  })
  updatedSince?: Date | null;
}

/** `column IN (:values)` when the filter gives values. */
export function whereIn<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, property: string, values: readonly unknown[] | null | undefined): void {
  if (values === null || values === undefined) return;
  const param = `${property}_in_${Object.keys(qb.getParameters()).length}`;
  qb.andWhere(`${qb.alias}.${property} = ANY(:${param})`, { [param]: [...values] });
}

export function whereEquals<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, property: string, value: unknown): void {
  if (value === null || value === undefined) return;
  const param = `${property}_eq_${Object.keys(qb.getParameters()).length}`;
  qb.andWhere(`${qb.alias}.${property} = :${param}`, { [param]: value });
}

/**
 * Runs a root list: filters already on `qb`, then `updatedSince`, keyset order and page.
 * totalCount is a separate COUNT, run only when a client asks for it.
 */
export async function paginate<T extends ObjectLiteral & { id: string; createdAt: Date; updatedAt: Date }>(
  qb: SelectQueryBuilder<T>,
  filter: RecordFilter | null | undefined,
  orderBy: RecordOrder | null | undefined,
  args: ConnectionArgs,
): Promise<PageOf<T>> {
  if (filter?.updatedSince) qb.andWhere(`${qb.alias}.updatedAt >= :updatedSince`, { updatedSince: filter.updatedSince });
  const sort = sortSpecOf(orderBy, filter?.updatedSince ? RecordOrderField.UPDATED_AT : RecordOrderField.CREATED_AT);
  const page = pageRequestOf(args, sort);
  const countQuery = qb.clone();
  const rows = await applyPage(qb, page).getMany();
  return pageOf(rows, page, () => countQuery.getCount());
}

/** One page of a parent's children through the request's loaders (batched across parents). */
export function nestedPage<T extends { id: string; createdAt: Date; updatedAt: Date }>(
  load: (page: ReturnType<typeof pageRequestOf>) => Promise<PageOf<T>>,
  args: ConnectionArgs,
  orderBy?: RecordOrder | null,
): Promise<PageOf<T>> {
  return load(pageRequestOf(args, sortSpecOf(orderBy)));
}

/** Filters shared by the lists of rows that belong to a partner. */
@InputType('PartnerOwnedFilter', { description: 'Never emitted: the base of partner-owned list filters.' })
export class PartnerOwnedFilter extends RecordFilter {
  @Field(() => [ID], { nullable: true, description: 'Global IDs of partners (up to 100).' })
  @IsOptional()
  @ArrayMaxSize(100)
  partnerIds?: string[] | null;
}
