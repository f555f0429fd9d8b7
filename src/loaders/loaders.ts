import DataLoader from 'dataloader';
import type { EntityManager, EntityMetadata, EntityTarget } from 'typeorm';
import { In } from 'typeorm';
import type { BaseRecord } from '../common/base.entity';
import { OrderDirection, PageOf, PageRequest, keysetCondition, orderSql, pageOf } from '../common/pagination';

type Key<T> = Extract<keyof T, string>;

/**
 * Per-request batching: every relation is loaded here, one SQL statement per batch of parents,
 * so a list costs the same number of statements whatever its page size. Built for each request
 * and never shared, so one caller never sees another's cached rows.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<string, unknown>>();

  constructor(private readonly manager: EntityManager) {}

  private memo<V>(key: string, create: () => DataLoader<string, V>): DataLoader<string, V> {
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = create();
      this.loaders.set(key, loader);
    }
    return loader as DataLoader<string, V>;
  }

  private metadata<T extends BaseRecord>(entity: EntityTarget<T>): EntityMetadata {
    return this.manager.getRepository(entity).metadata;
  }

  private columnSql(meta: EntityMetadata, property: string, alias?: string): string {
    const column = meta.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${meta.name} has no column ${property}`);
    return alias ? `${alias}."${column.databaseName}"` : `"${column.databaseName}"`;
  }

  /** A row by primary key, or null. */
  byId<T extends BaseRecord>(entity: EntityTarget<T>): DataLoader<string, T | null> {
    const meta = this.metadata(entity);
    return this.memo(
      `byId:${meta.name}`,
      () =>
        new DataLoader<string, T | null>(async (ids) => {
          const rows = await this.manager.getRepository(entity).find({ where: { id: In([...ids]) } as never });
          const byId = new Map(rows.map((row) => [row.id, row]));
          return ids.map((id) => byId.get(id) ?? null);
        }),
    );
  }

  /** All rows whose `property` equals the key, oldest first. For small, bounded children. */
  listBy<T extends BaseRecord>(entity: EntityTarget<T>, property: Key<T>): DataLoader<string, T[]> {
    const meta = this.metadata(entity);
    return this.memo(
      `listBy:${meta.name}:${property}`,
      () =>
        new DataLoader<string, T[]>(async (keys) => {
          const rows = await this.manager
            .getRepository(entity)
            .createQueryBuilder('t')
            .where(`${this.columnSql(meta, property, 't')} = ANY(:keys)`, { keys: [...keys] })
            .orderBy('t.createdAt', 'ASC')
            .addOrderBy('t.id', 'ASC')
            .getMany();
          return groupBy(keys, rows, (row) => String(row[property]));
        }),
    );
  }

  /** Number of rows whose `property` equals the key (a connection's totalCount). */
  countBy<T extends BaseRecord>(entity: EntityTarget<T>, property: Key<T>): DataLoader<string, number> {
    const meta = this.metadata(entity);
    return this.memo(
      `countBy:${meta.name}:${property}`,
      () =>
        new DataLoader<string, number>(async (keys) => {
          const column = this.columnSql(meta, property, 't');
          const rows: Array<{ key: string; count: string }> = await this.manager
            .getRepository(entity)
            .createQueryBuilder('t')
            .select(`${column}::text`, 'key')
            .addSelect('count(*)', 'count')
            .where(`${column} = ANY(:keys)`, { keys: [...keys] })
            .groupBy(column)
            .getRawMany();
          const counts = new Map(rows.map((row) => [row.key, Number(row.count)]));
          return keys.map((key) => counts.get(key) ?? 0);
        }),
    );
  }

  /**
   * One page of children per parent, for all parents in one statement: the rows are ranked within
   * each parent by the keyset order, and only the first `limit + 1` of each are read.
   */
  pageBy<T extends BaseRecord>(entity: EntityTarget<T>, property: Key<T>, page: PageRequest): DataLoader<string, PageOf<T>> {
    const meta = this.metadata(entity);
    const cacheKey = `pageBy:${meta.name}:${property}:${JSON.stringify(page)}`;
    return this.memo(
      cacheKey,
      () =>
        new DataLoader<string, PageOf<T>>(async (parentIds) => {
          const column = (p: string): string => this.columnSql(meta, p);
          const keyset = keysetCondition(column, page);
          const ranked =
            `SELECT "id" FROM (SELECT "id", row_number() OVER (PARTITION BY ${column(property)} ORDER BY ${orderSql(column, page)}) AS rn ` +
            `FROM ${meta.tablePath} WHERE ${column(property)} = ANY(:parentIds)${keyset ? ` AND ${keyset.sql}` : ''}) ranked WHERE rn <= :rowsPerParent`;
          const rows = await this.manager
            .getRepository(entity)
            .createQueryBuilder('t')
            .where(`t.id IN (${ranked})`, { parentIds: [...parentIds], rowsPerParent: page.limit + 1, ...(keyset?.params ?? {}) })
            .getMany();
          const groups = groupBy(parentIds, rows, (row) => String(row[property]));
          const counter = this.countBy(entity, property);
          return parentIds.map((parentId, index) => pageOf(sortForFetch(groups[index], page), page, () => counter.load(parentId)));
        }),
    );
  }

  /** A domain's own batched lookup (defined next to its domain), memoized for this request. */
  get<K, V>(definition: LoaderDefinition<K, V>): DataLoader<K, V> {
    return this.memo(
      `custom:${definition.name}`,
      () => new DataLoader<string, V>((keys) => definition.batch(this.manager, keys as unknown as readonly K[])),
    ) as unknown as DataLoader<K, V>;
  }
}

/** A batched lookup a domain defines in its own folder: one statement per batch of keys, values in key order. */
export interface LoaderDefinition<K, V> {
  readonly name: string;
  batch(manager: EntityManager, keys: readonly K[]): Promise<V[]>;
}

export function defineLoader<K, V>(name: string, batch: (manager: EntityManager, keys: readonly K[]) => Promise<V[]>): LoaderDefinition<K, V> {
  return { name, batch };
}

export function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

function sortForFetch<T extends BaseRecord>(rows: T[], page: PageRequest): T[] {
  const ascending = (page.sort.direction === OrderDirection.ASC) !== page.backward;
  const sign = ascending ? 1 : -1;
  return [...rows].sort((a, b) => {
    const byValue = a[page.sort.column].getTime() - b[page.sort.column].getTime();
    if (byValue !== 0) return sign * byValue;
    return sign * (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
}
