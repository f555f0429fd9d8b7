import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { forbidden } from '../common/errors';
import type { Viewer } from './viewer';

/**
 * How much of one row a key may see: all of it, its public reference (the fields a policy names,
 * e.g. another partner's name and badges), or nothing — then it looks absent.
 */
export type Shape = 'FULL' | 'REFERENCE' | 'NONE';

/** What a policy may ask while deciding: who reads, and batched lookups of the request. */
export interface PolicyReader {
  readonly viewer: Viewer;
  /** The request's database access, for batched lookups. */
  readonly em: EntityManager;
  /** R-DIST-03: whether the viewer's distributor serves the partner (territory or buys through it). */
  serves(partnerId: string): Promise<boolean>;
  /** A batched per-request lookup (a DataLoader keyed by `name`). */
  lookup<K, V>(name: string, batch: (keys: readonly K[]) => Promise<V[]>, key: K): Promise<V>;
}

/** Who sees what, in words, per audience: the README's access table is generated from it. */
export interface PolicySummary {
  programme: string;
  partner: string;
  distributor: string;
}

/** One object type's read policy (GitLab's one policy per type), applied wherever a row leaves a resolver. */
export interface RowPolicy<T extends object = object> {
  readonly kind: 'row';
  /** The GraphQL type name (also the entity's class name). */
  readonly type: string;
  readonly summary: PolicySummary;
  /** Fast path: the viewer sees every row of this type in full (no per-row work). */
  seesAll(viewer: Viewer): boolean;
  shape(row: T, reader: PolicyReader): Shape | Promise<Shape>;
  /** Confines a root list to what the viewer may read, or throws FORBIDDEN for a viewer that reads none. */
  scopeList?(qb: SelectQueryBuilder<ObjectLiteral>, viewer: Viewer): void;
  /** Fields shown when the shape is REFERENCE. */
  readonly referenceFields?: ReadonlySet<string>;
  /** Fields some viewers never see even in full shape (answered null), e.g. staff key IDs. */
  readonly fieldGuards?: Readonly<Record<string, (viewer: Viewer) => boolean>>;
}

/** A type without rows of its own (a computed answer, a page, a payload): its parent was checked. */
export interface ValuePolicy {
  readonly kind: 'value';
  readonly type: string;
}

export type TypePolicy = RowPolicy<never> | ValuePolicy;

export function valueType(type: string): ValuePolicy {
  return { kind: 'value', type };
}

const DISTRIBUTOR_READS = 'A DISTRIBUTOR key reads partner status only: use `partnerStatuses` (R-DIST-03)';

/** The FORBIDDEN a root list answers to a key that may read none of its rows. */
export function readsNone(viewer: Viewer, what: string): never {
  throw forbidden(viewer.distributorId !== null ? DISTRIBUTOR_READS : `This key may not read ${what}`);
}

export interface PartnerOwnedOptions<T extends object> {
  /** The row's partner; rows of no partner are programme data. */
  ownerOf: (row: T) => string | null;
  /** The owner property of root lists (default `partnerId`). */
  ownerProperty?: string;
  fieldGuards?: RowPolicy<T>['fieldGuards'];
}

/** Rows that belong to a partner: programme-wide roles see all, a partner key its own, nobody else any. */
export function partnerOwned<T extends object>(type: string, options: PartnerOwnedOptions<T>): RowPolicy<T> {
  const column = options.ownerProperty ?? 'partnerId';
  return {
    kind: 'row',
    type,
    summary: { programme: 'all', partner: 'own partner’s', distributor: 'none' },
    seesAll: (viewer) => viewer.readsWholeProgramme,
    shape: (row, { viewer }) => (viewer.readsWholeProgramme || viewer.owns(options.ownerOf(row)) ? 'FULL' : 'NONE'),
    scopeList(qb, viewer) {
      if (viewer.readsWholeProgramme) return;
      if (viewer.partnerId === null) readsNone(viewer, `${type} rows`);
      qb.andWhere(`${qb.alias}.${column} = :viewerPartnerId`, { viewerPartnerId: viewer.partnerId });
    },
    fieldGuards: options.fieldGuards,
  };
}

/** Rows every key may read in full (the distributors of R-DIST-01, the rule catalogue …). */
export function publicRows(type: string): RowPolicy {
  return {
    kind: 'row',
    type,
    summary: { programme: 'all', partner: 'all', distributor: 'all' },
    seesAll: () => true,
    shape: () => 'FULL',
    scopeList: () => undefined,
  };
}

/** Rows only ADMIN keys read (keys, the audit trail, the job engine). */
export function adminOnly(type: string): RowPolicy {
  return {
    kind: 'row',
    type,
    summary: { programme: 'ADMIN only', partner: 'none', distributor: 'none' },
    seesAll: (viewer) => viewer.isAdmin,
    shape: (_row, { viewer }) => (viewer.isAdmin ? 'FULL' : 'NONE'),
    scopeList(_qb, viewer) {
      if (!viewer.isAdmin) throw forbidden('Only an ADMIN key may read this');
    },
  };
}

/** Programme data no partner owns (e.g. multi-phase exceptions): programme-wide roles only. */
export function programmeOnly(type: string): RowPolicy {
  return {
    kind: 'row',
    type,
    summary: { programme: 'all', partner: 'none', distributor: 'none' },
    seesAll: (viewer) => viewer.readsWholeProgramme,
    shape: (_row, { viewer }) => (viewer.readsWholeProgramme ? 'FULL' : 'NONE'),
    scopeList(_qb, viewer) {
      if (!viewer.readsWholeProgramme) readsNone(viewer, `${type} rows`);
    },
  };
}
