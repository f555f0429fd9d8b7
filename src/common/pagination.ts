import { ArgsType, ClassType, Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badInput } from './errors';
import { declareGeneratedValueType } from './value-types';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

/**
 * Keyset orders every list offers. UPDATED_AT with `updatedSince` is the incremental-sync order;
 * the id breaks ties so the order is total and stable.
 */
export enum RecordOrderField {
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
}

registerEnumType(OrderDirection, { name: 'OrderDirection' });
registerEnumType(RecordOrderField, { name: 'RecordOrderField' });

@InputType({ description: 'Order of a list; ties are broken by id, so paging never skips or repeats.' })
export class RecordOrder {
  @Field(() => RecordOrderField)
  field: RecordOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction: OrderDirection;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: `Up to ${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} when neither first nor last is given.` })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Up to ${MAX_PAGE_SIZE}.` })
  last?: number | null;

  @Field(() => String, { nullable: true })
  before?: string | null;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field()
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

type SortColumn = 'createdAt' | 'updatedAt';

export interface SortSpec {
  column: SortColumn;
  direction: OrderDirection;
}

interface CursorPosition {
  value: Date;
  id: string;
}

export interface PageRequest {
  sort: SortSpec;
  limit: number;
  backward: boolean;
  cursor: CursorPosition | null;
  hasCursor: boolean;
}

export function sortSpecOf(order: RecordOrder | null | undefined, defaultField = RecordOrderField.CREATED_AT): SortSpec {
  const field = order?.field ?? defaultField;
  return {
    column: field === RecordOrderField.UPDATED_AT ? 'updatedAt' : 'createdAt',
    direction: order?.direction ?? OrderDirection.ASC,
  };
}

function cursorTag(sort: SortSpec): string {
  return `${sort.column}:${sort.direction}`;
}

export function encodeCursor(sort: SortSpec, row: { id: string; createdAt: Date; updatedAt: Date }): string {
  return Buffer.from(JSON.stringify([cursorTag(sort), row[sort.column].toISOString(), row.id])).toString('base64url');
}

function decodeCursor(cursor: string, sort: SortSpec, argName: string): CursorPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 3 && parsed[0] === cursorTag(sort)) {
      const value = new Date(String(parsed[1]));
      const id = String(parsed[2]);
      if (!Number.isNaN(value.getTime()) && /^[0-9a-f-]{36}$/i.test(id)) return { value, id };
    }
  } catch {
    // falls through to the error below
  }
  throw badInput(`\`${argName}\` is not a cursor of this list in this order`, argName);
}

function checkSize(value: number | null | undefined, argName: string): void {
  if (value !== null && value !== undefined && (value < 0 || value > MAX_PAGE_SIZE)) {
    throw badInput(`\`${argName}\` must be between 0 and ${MAX_PAGE_SIZE}`, argName);
  }
}

export function pageRequestOf(args: ConnectionArgs, sort: SortSpec): PageRequest {
  checkSize(args.first, 'first');
  checkSize(args.last, 'last');
  const hasFirst = args.first !== null && args.first !== undefined;
  const hasLast = args.last !== null && args.last !== undefined;
  if (hasFirst && hasLast) throw badInput('Pass `first` or `last`, not both', 'last');
  if (args.after && args.before) throw badInput('Pass `after` or `before`, not both', 'before');
  const backward = hasLast || (Boolean(args.before) && !hasFirst);
  const limit = (backward ? args.last : args.first) ?? DEFAULT_PAGE_SIZE;
  const rawCursor = backward ? args.before : args.after;
  const cursor = rawCursor ? decodeCursor(rawCursor, sort, backward ? 'before' : 'after') : null;
  return { sort, limit, backward, cursor, hasCursor: cursor !== null };
}

/** The direction rows are fetched in: reversed when paging backwards. */
function fetchDirection(page: PageRequest): 'ASC' | 'DESC' {
  const ascending = page.sort.direction === OrderDirection.ASC;
  return ascending !== page.backward ? 'ASC' : 'DESC';
}

/** SQL for "after the cursor" in fetch order, on (sort column, id) as a row value. */
export function keysetCondition(columnSql: (property: string) => string, page: PageRequest): { sql: string; params: ObjectLiteral } | null {
  if (!page.cursor) return null;
  const comparator = fetchDirection(page) === 'ASC' ? '>' : '<';
  return {
    sql: `(${columnSql(page.sort.column)}, ${columnSql('id')}) ${comparator} (:cursorValue, :cursorId)`,
    params: { cursorValue: page.cursor.value, cursorId: page.cursor.id },
  };
}

export function orderSql(columnSql: (property: string) => string, page: PageRequest): string {
  const direction = fetchDirection(page);
  return `${columnSql(page.sort.column)} ${direction}, ${columnSql('id')} ${direction}`;
}

/** Adds keyset condition, order and limit (one extra row, to know whether there is more). */
export function applyPage<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, page: PageRequest): SelectQueryBuilder<T> {
  const alias = qb.alias;
  const keyset = keysetCondition((property) => `${alias}.${property}`, page);
  if (keyset) qb.andWhere(keyset.sql, keyset.params);
  const direction = fetchDirection(page);
  return qb
    .orderBy(`${alias}.${page.sort.column}`, direction)
    .addOrderBy(`${alias}.id`, direction)
    .take(undefined)
    .limit(page.limit + 1);
}

export interface PageOf<T> {
  nodes: T[];
  pageInfo: PageInfo;
  cursors: string[];
  countTotal: () => Promise<number>;
}

/** Turns fetched rows (in fetch order, up to limit + 1) into a page in display order. */
export function pageOf<T extends { id: string; createdAt: Date; updatedAt: Date }>(rows: T[], page: PageRequest, countTotal: () => Promise<number>): PageOf<T> {
  const hasMore = rows.length > page.limit;
  const kept = rows.slice(0, page.limit);
  const nodes = page.backward ? kept.reverse() : kept;
  const cursors = nodes.map((node) => encodeCursor(page.sort, node));
  const pageInfo = new PageInfo();
  pageInfo.hasNextPage = page.backward ? page.hasCursor : hasMore;
  pageInfo.hasPreviousPage = page.backward ? hasMore : page.hasCursor;
  pageInfo.startCursor = cursors[0] ?? null;
  pageInfo.endCursor = cursors[cursors.length - 1] ?? null;
  return { nodes, pageInfo, cursors, countTotal };
}

/** `<Name>Connection` and `<Name>Edge` object types (Relay cursor connections). */
export function Connection<T extends object>(itemClass: ClassType<T>, name: string = itemClass.name) {
  declareGeneratedValueType(`${name}Edge`);
  declareGeneratedValueType(`${name}Connection`);
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor: string;

    @Field(() => itemClass)
    node: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [itemClass])
    nodes: T[];

    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    countTotal: () => Promise<number>;

    @Field(() => Int, { description: 'Rows matching the filters, over all pages (one extra query when asked for).' })
    totalCount(): Promise<number> {
      return this.countTotal();
    }

    static from(page: PageOf<T>): ConnectionClass {
      const connection = new ConnectionClass();
      connection.nodes = page.nodes;
      connection.edges = page.nodes.map((node, index) => Object.assign(new Edge(), { node, cursor: page.cursors[index] }));
      connection.pageInfo = page.pageInfo;
      connection.countTotal = page.countTotal;
      return connection;
    }
  }
  return ConnectionClass;
}
