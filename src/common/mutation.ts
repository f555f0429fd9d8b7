import { createHash } from 'node:crypto';
import { ValidationError, validate } from 'class-validator';
import { EntityManager, QueryFailedError } from 'typeorm';
import { Role } from '../auth/role.enum';
import type { RequestContext } from '../context';
import { recordMutationAudit } from '../audit/audit.service';
import { UnitOfWork, inUnitOfWork } from '../db/unit-of-work';
import type { BaseRecord } from './base.entity';
import { IdempotencyRecord } from './idempotency-record.entity';
import { Refusal, UserError, UserErrorCode, refuse, userError } from './user-error';

/** A status change a dry run would have recorded: the decision it returns instead of writing. */
export interface DryRunDecision {
  entityType: string;
  from: string | null;
  to: string;
  ruleIds: string[];
  reason: string;
  unmet: UnitOfWork['recorded'][number]['unmet'];
}

export interface MutationResult<T> {
  result: T | null;
  userErrors: UserError[];
  /** Set for a dry run: what it decided; nothing was written. */
  dryRun?: DryRunDecision[];
  /** Set by runMutation: the call has its audit entry. A bulk path audits the items that lack one (src/common/bulk.ts). */
  audited?: true;
}

export interface MutationSpec {
  /** Mutation name, recorded with idempotency keys and in the audit trail. */
  operation: string;
  /** Roles allowed to call it; ADMIN always may. */
  roles: readonly Role[];
  /** The input object as type-graphql built it (a class instance, so class-validator applies). */
  input: object;
  idempotencyKey?: string | null;
  /** The same checks and rules, the decision returned, then everything rolled back. */
  dryRun?: boolean;
}

const SERIALIZATION_FAILURE = '40001';
const DEADLOCK = '40P01';
const UNIQUE_VIOLATION = '23505';
const CHECK_VIOLATION = '23514';
const MAX_ATTEMPTS = 3;

/** Thrown at the end of a dry run's work so that its transaction rolls back. */
class DryRunRollback extends Error {
  constructor(readonly decisions: DryRunDecision[]) {
    super('dry run');
  }
}

/**
 * Runs one mutation: role check, input validation, then one unit of work in which `work` loads,
 * asks the rules and writes. A Refusal rolls everything back and becomes `userErrors`. With an
 * idempotency key, a retry of the same input returns the first result without doing anything again.
 * Audit: a call that commits writes its entry in its own transaction (both or neither); a refusal
 * or a failure is recorded after its rollback, in a statement of its own.
 */
export async function runMutation<T extends BaseRecord>(
  ctx: RequestContext,
  spec: MutationSpec,
  work: (uow: UnitOfWork) => Promise<T>,
): Promise<MutationResult<T>> {
  try {
    return await runAudited(ctx, spec, work);
  } catch (error) {
    await recordMutationAudit(ctx.dataSource.manager, ctx, spec, null, { inTransaction: false });
    throw error;
  }
}

async function runAudited<T extends BaseRecord>(ctx: RequestContext, spec: MutationSpec, work: (uow: UnitOfWork) => Promise<T>): Promise<MutationResult<T>> {
  const refused = (userErrors: UserError[]): Promise<MutationResult<T>> => auditedOutside<T>(ctx, spec, { result: null, userErrors });
  if (ctx.principal.role !== Role.ADMIN && !spec.roles.includes(ctx.principal.role)) {
    return refused([
      userError(UserErrorCode.FORBIDDEN, `${ctx.principal.role} may not call ${spec.operation} (allowed: ${[...spec.roles, Role.ADMIN].join(', ')})`),
    ]);
  }
  const invalid = await validationErrors(spec.input);
  if (invalid.length > 0) return refused(invalid);

  for (let attempt = 1; ; attempt += 1) {
    try {
      const result = await inUnitOfWork(
        { dataSource: ctx.dataSource, logger: ctx.logger, hooks: ctx.registry.hooks, rules: ctx.registry.rules, onCommitted: () => ctx.events.poke() },
        ctx.principal,
        {
          now: ctx.clock.now(),
          beforeCommit: async (uow, entity) => {
            if (spec.dryRun) throw new DryRunRollback(uow.recorded.map(dryRunDecision));
            await recordMutationAudit(uow.em, ctx, spec, { result: entity as T, userErrors: [] }, { inTransaction: true });
          },
        },
        async (uow) => {
          const replay = spec.idempotencyKey && !spec.dryRun ? await claimIdempotencyKey(uow.em, ctx, spec) : null;
          if (replay) return replay as T;
          const entity = await work(uow);
          if (spec.idempotencyKey && !spec.dryRun) {
            await uow.em.update(
              IdempotencyRecord,
              { apiKeyId: ctx.principal.keyId, key: spec.idempotencyKey },
              { resultType: entity.constructor.name, resultId: entity.id },
            );
          }
          return entity;
        },
      );
      return { result, userErrors: [], audited: true };
    } catch (error) {
      if (error instanceof DryRunRollback) return auditedOutside<T>(ctx, spec, { result: null, userErrors: [], dryRun: error.decisions });
      if (error instanceof Refusal) return refused(error.userErrors);
      const code = driverCode(error);
      const constraint = code === UNIQUE_VIOLATION || code === CHECK_VIOLATION ? driverConstraint(error) : null;
      const retryable = code === SERIALIZATION_FAILURE || code === DEADLOCK || (constraint !== null && ctx.registry.retriesOnConflict(constraint));
      if (retryable && attempt < MAX_ATTEMPTS) continue;
      const known = constraint ? ctx.registry.constraintError(constraint) : undefined;
      if (known) return refused([userError(known.code, known.message, { ruleIds: known.ruleIds })]);
      throw error;
    }
  }
}

async function auditedOutside<T>(ctx: RequestContext, spec: MutationSpec, outcome: MutationResult<T>): Promise<MutationResult<T>> {
  await recordMutationAudit(ctx.dataSource.manager, ctx, spec, outcome, { inTransaction: false });
  return { ...outcome, audited: true };
}

function dryRunDecision(row: UnitOfWork['recorded'][number]): DryRunDecision {
  return { entityType: row.entityType, from: row.fromStatus, to: row.toStatus, ruleIds: row.ruleIds, reason: row.reason, unmet: row.unmet };
}

/**
 * Inserts the key; if a request with the same key committed first (the insert waits for it),
 * returns that request's result instead. A different input under the same key is refused.
 */
async function claimIdempotencyKey(em: EntityManager, ctx: RequestContext, spec: MutationSpec): Promise<BaseRecord | null> {
  const key = spec.idempotencyKey as string;
  const requestHash = hashInput(spec.operation, spec.input);
  const inserted = await em
    .createQueryBuilder()
    .insert()
    .into(IdempotencyRecord)
    .values({ apiKeyId: ctx.principal.keyId, key, operation: spec.operation, requestHash, resultType: '', resultId: null })
    .orIgnore()
    .returning('id')
    .execute();
  if ((inserted.raw as unknown[]).length > 0) return null;
  const first = await em.findOneByOrFail(IdempotencyRecord, { apiKeyId: ctx.principal.keyId, key });
  if (first.operation !== spec.operation || first.requestHash !== requestHash) {
    refuse(UserErrorCode.IDEMPOTENCY_KEY_REUSED, `Idempotency key "${key}" was used with another input; use a new key for a new request`, {
      field: ['input', 'idempotencyKey'],
    });
  }
  const entity = ctx.registry.entityNamed(first.resultType);
  const result = entity && first.resultId ? ((await em.findOneBy(entity, { id: first.resultId })) as BaseRecord | null) : null;
  // Never run the work twice under one key, even if its first result has since gone.
  if (!result)
    refuse(UserErrorCode.CONFLICT, `The request with idempotency key "${key}" was done, but its result no longer exists`, {
      field: ['input', 'idempotencyKey'],
    });
  return result;
}

function hashInput(operation: string, input: object): string {
  return createHash('sha256').update(operation).update(stableJson(input)).digest('hex');
}

/** JSON with sorted keys and without the idempotency key, so equal inputs hash equally. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([k, v]) => k !== 'idempotencyKey' && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

async function validationErrors(input: object): Promise<UserError[]> {
  const errors = await validate(input, { forbidUnknownValues: false, validationError: { target: false, value: false } });
  return flatten(errors, ['input']);
}

function flatten(errors: ValidationError[], path: string[]): UserError[] {
  return errors.flatMap((error) => {
    const field = [...path, error.property];
    const own = Object.values(error.constraints ?? {}).map((message) => userError(UserErrorCode.VALIDATION_FAILED, message, { field }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

function driverCode(error: unknown): string | undefined {
  return error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
}

function driverConstraint(error: unknown): string | null {
  return error instanceof QueryFailedError ? ((error.driverError as { constraint?: string }).constraint ?? null) : null;
}
