import DataLoader from 'dataloader';
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { forbidden } from '../common/errors';
import type { PolicyReader, RowPolicy, Shape, TypePolicy } from './policy';
import type { Viewer } from './viewer';

/** R-DIST-03 as the distributors domain answers it: which of `partnerIds` the distributor serves. */
export type ServedPartners = (em: EntityManager, distributorId: string, partnerIds: readonly string[]) => Promise<Set<string>>;

/**
 * The GraphQL type of a value leaving a resolver: `__typename` when it carries one, else its class,
 * else (a plain object) the type the field declares.
 */
export function typeNameOf(value: object, declared?: string): string {
  const named = (value as { __typename?: unknown }).__typename;
  if (typeof named === 'string') return named;
  const className = (value.constructor as { name?: string } | undefined)?.name;
  return className && className !== 'Object' ? className : (declared ?? 'Object');
}

/** Every type's policy, gathered from the modules; one lookup for the whole application. */
export class PolicyRegistry {
  private readonly byType = new Map<string, TypePolicy>();

  constructor(
    policies: readonly TypePolicy[],
    readonly servedPartners: ServedPartners,
  ) {
    for (const policy of policies) {
      if (this.byType.has(policy.type)) throw new Error(`Type ${policy.type} has two access policies`);
      this.byType.set(policy.type, policy);
    }
  }

  get(type: string): TypePolicy | undefined {
    return this.byType.get(type);
  }

  row(type: string): RowPolicy | undefined {
    const policy = this.byType.get(type);
    return policy?.kind === 'row' ? policy : undefined;
  }

  all(): TypePolicy[] {
    return [...this.byType.values()];
  }

  withoutPolicy(type: string): PolicyRegistry {
    return new PolicyRegistry(
      this.all().filter((policy) => policy.type !== type),
      this.servedPartners,
    );
  }
}

type MaybePromise<T> = T | Promise<T>;

function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * The access policy for one request (or one subscription event): decides each row's shape once,
 * scopes root lists in SQL, and is what the schema's resolvers consult as objects leave them.
 */
export class AccessScope implements PolicyReader {
  private readonly shapes = new WeakMap<object, MaybePromise<Shape>>();
  private readonly batches = new Map<string, DataLoader<unknown, unknown>>();

  constructor(
    readonly viewer: Viewer,
    readonly registry: PolicyRegistry,
    readonly em: EntityManager,
  ) {}

  serves(partnerId: string): Promise<boolean> {
    const distributorId = this.viewer.distributorId;
    if (distributorId === null) return Promise.resolve(false);
    return this.lookup<string, boolean>(
      'access:served-partners',
      async (partnerIds) => {
        const served = await this.registry.servedPartners(this.em, distributorId, partnerIds);
        return partnerIds.map((id) => served.has(id));
      },
      partnerId,
    );
  }

  lookup<K, V>(name: string, batch: (keys: readonly K[]) => Promise<V[]>, key: K): Promise<V> {
    let loader = this.batches.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch);
      this.batches.set(name, loader);
    }
    return loader.load(key);
  }

  /** The policy of a row's type; a row of a type without one is a programming error, never shown. */
  policyOf(row: object, declared?: string): RowPolicy | null {
    const type = typeNameOf(row, declared);
    const policy = this.registry.get(type);
    if (!policy) throw new Error(`Type ${type} has no access policy`);
    return policy.kind === 'row' ? policy : null;
  }

  /** FULL, REFERENCE or NONE for this viewer; decided once per row per request. */
  shapeOf(row: object, declared?: string): MaybePromise<Shape> {
    const policy = this.policyOf(row, declared);
    if (!policy || policy.seesAll(this.viewer)) return 'FULL';
    let shape = this.shapes.get(row);
    if (shape === undefined) {
      shape = policy.shape(row, this);
      this.shapes.set(row, shape);
    }
    return shape;
  }

  /** The rows this viewer may see at all (any shape but NONE), in their order. */
  visible<T extends object>(rows: readonly T[], declared?: string): MaybePromise<T[]> {
    const shapes = rows.map((row) => this.shapeOf(row, declared));
    if (!shapes.some(isPromise)) return rows.filter((_row, index) => shapes[index] !== 'NONE');
    return Promise.all(shapes.map((shape) => Promise.resolve(shape))).then((resolved) => rows.filter((_row, index) => resolved[index] !== 'NONE'));
  }

  /**
   * Refuses (FORBIDDEN) a viewer that may read no row of `type` at all — for root fields that
   * answer something computed from such rows (a champion's standing, a rebate report).
   */
  assertMayRead(type: string): void {
    const policy = this.registry.row(type);
    if (!policy) throw new Error(`Type ${type} has no row policy`);
    if (policy.seesAll(this.viewer) || !policy.scopeList) return;
    const noQuery = { alias: 'row', andWhere: () => noQuery } as unknown as SelectQueryBuilder<ObjectLiteral>;
    policy.scopeList(noQuery, this.viewer);
  }

  /** Confines a root list of `type` to what this viewer may read (or refuses the list). */
  scopeList<T extends ObjectLiteral>(type: string, qb: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
    const policy = this.registry.row(type);
    if (!policy) throw new Error(`Type ${type} has no row policy`);
    if (policy.seesAll(this.viewer)) return qb;
    if (!policy.scopeList) throw forbidden(`This key may not list ${type} rows`);
    policy.scopeList(qb, this.viewer);
    return qb;
  }
}
