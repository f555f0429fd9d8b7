import { createHash } from 'node:crypto';
import { ValidationError, validate } from 'class-validator';
import { EntityManager, QueryFailedError } from 'typeorm';
import { Role } from '../auth/role.enum';
import type { RequestContext } from '../context';
import { ENTITIES } from '../db/entities';
import { recordMutationAudit } from '../audit/audit.service';
import { withTransaction } from '../db/transaction';
import type { BaseRecord } from './base.entity';
import { IdempotencyRecord } from './idempotency-record.entity';
import { Refusal, UserError, UserErrorCode, refuse, userError } from './user-error';

export interface MutationResult<T> {
  result: T | null;
  userErrors: UserError[];
}

export interface MutationSpec {
  /** Mutation name, recorded with idempotency keys. */
  operation: string;
  /** Roles allowed to call it; ADMIN always may. */
  roles: readonly Role[];
  /** The input object as type-graphql built it (a class instance, so class-validator applies). */
  input: object;
  idempotencyKey?: string | null;
}

export interface MutationScope {
  em: EntityManager;
  /** The program clock, read once: every rule in this mutation sees the same instant. */
  now: Date;
  ctx: RequestContext;
  afterCommit(effect: () => void | Promise<void>): void;
}

/** Unique and check constraints whose violation is the caller's conflict, not a server fault. */
const CONSTRAINT_ERRORS: Record<string, { code: UserErrorCode; message: string; ruleIds: string[] }> = {
  deal_registration_one_approved_per_opportunity: {
    code: UserErrorCode.CONFLICT,
    message: 'Another registration for this opportunity was approved at the same moment (R-DEAL-04); read it again',
    ruleIds: ['R-DEAL-04'],
  },
  service_registration_one_qualifying_per_opportunity: {
    code: UserErrorCode.CONFLICT,
    message: 'Another service registration already qualifies for this opportunity (R-SAR-01)',
    ruleIds: ['R-SAR-01'],
  },
  statement_of_work_reference_unique: {
    code: UserErrorCode.RULE_VIOLATION,
    message: 'This SOW already backs another registration; only a multi-phase exception allows reuse (R-SAR-02)',
    ruleIds: ['R-SAR-02'],
  },
  partner_portal_external_id_key: { code: UserErrorCode.ALREADY_EXISTS, message: 'A partner with this portal ID exists already', ruleIds: [] },
  partner_crm_account_id_key: { code: UserErrorCode.ALREADY_EXISTS, message: 'A partner with this CRM account ID exists already', ruleIds: [] },
  person_portal_external_id_key: { code: UserErrorCode.ALREADY_EXISTS, message: 'A person with this portal ID exists already', ruleIds: [] },
  person_partner_email_key: { code: UserErrorCode.ALREADY_EXISTS, message: 'This partner already has a person with this email', ruleIds: [] },
  deal_registration_portal_external_id_key: { code: UserErrorCode.ALREADY_EXISTS, message: 'A registration with this portal ID exists already', ruleIds: [] },
  service_registration_portal_external_id_key: {
    code: UserErrorCode.ALREADY_EXISTS,
    message: 'A service registration with this portal ID exists already',
    ruleIds: [],
  },
  champion_nomination_one_open_per_person: {
    code: UserErrorCode.ALREADY_EXISTS,
    message: 'This person already has a nomination in progress',
    ruleIds: ['R-CHAMP-02'],
  },
  psp_designation_partner_key: { code: UserErrorCode.ALREADY_EXISTS, message: 'This partner already holds a PSP designation', ruleIds: ['R-PSP-01'] },
  certification_person_kind_earned_key: {
    code: UserErrorCode.ALREADY_EXISTS,
    message: 'This person already has this certification earned at this time',
    ruleIds: [],
  },
  nfr_license_portal_external_id_key: { code: UserErrorCode.ALREADY_EXISTS, message: 'An NFR license request with this portal ID exists already', ruleIds: [] },
};

/**
 * Unique keys two requests may race to create (the same new CRM opportunity or customer): the
 * loser is retried, and on the retry it finds and locks the row the winner created.
 */
const RETRY_ON_CONFLICT = new Set(['opportunity_external_id_key', 'customer_crm_account_id_key']);

const SERIALIZATION_FAILURE = '40001';
const DEADLOCK = '40P01';
const UNIQUE_VIOLATION = '23505';
const MAX_ATTEMPTS = 3;

/**
 * Every call, refused or not, leaves an audit entry. It is written after the transaction has
 * finished, in its own statement, so a refusal's rollback does not take it along.
 */
export async function runMutation<T extends BaseRecord>(
  ctx: RequestContext,
  spec: MutationSpec,
  work: (scope: MutationScope) => Promise<T>,
): Promise<MutationResult<T>> {
  let outcome: MutationResult<T> | null = null;
  try {
    outcome = await runUnaudited(ctx, spec, work);
    return outcome;
  } finally {
    await recordMutationAudit(ctx, spec, outcome);
  }
}

/**
 * Runs one mutation: role check, input validation, then one transaction in which `work` loads,
 * asks the rules and writes. A Refusal rolls everything back and becomes `userErrors`; effects
 * registered with `afterCommit` run only after a commit. With an idempotency key, a retry of the
 * same input returns the first result without doing anything again.
 */
async function runUnaudited<T extends BaseRecord>(
  ctx: RequestContext,
  spec: MutationSpec,
  work: (scope: MutationScope) => Promise<T>,
): Promise<MutationResult<T>> {
  if (ctx.principal.role !== Role.ADMIN && !spec.roles.includes(ctx.principal.role)) {
    return failed(
      userError(UserErrorCode.FORBIDDEN, `${ctx.principal.role} may not call ${spec.operation} (allowed: ${[...spec.roles, Role.ADMIN].join(', ')})`),
    );
  }
  const invalid = await validationErrors(spec.input);
  if (invalid.length > 0) return { result: null, userErrors: invalid };

  for (let attempt = 1; ; attempt += 1) {
    try {
      const result = await withTransaction(ctx, async (em, afterCommit) => {
        const now = ctx.clock.now();
        const replay = spec.idempotencyKey ? await claimIdempotencyKey(em, ctx, spec) : null;
        if (replay) return replay as T;
        const entity = await work({ em, now, ctx, afterCommit });
        if (spec.idempotencyKey) {
          await em.update(
            IdempotencyRecord,
            { apiKeyId: ctx.principal.keyId, key: spec.idempotencyKey },
            { resultType: entity.constructor.name, resultId: entity.id },
          );
        }
        return entity;
      });
      return { result, userErrors: [] };
    } catch (error) {
      if (error instanceof Refusal) return { result: null, userErrors: error.userErrors };
      const code = driverCode(error);
      const constraint = code === UNIQUE_VIOLATION || code === '23514' ? driverConstraint(error) : null;
      const retryable = code === SERIALIZATION_FAILURE || code === DEADLOCK || (constraint !== null && RETRY_ON_CONFLICT.has(constraint));
      if (retryable && attempt < MAX_ATTEMPTS) continue;
      const known = constraint ? CONSTRAINT_ERRORS[constraint] : undefined;
      if (known) return failed(userError(known.code, known.message, { ruleIds: known.ruleIds }));
      throw error;
    }
  }
}

function failed<T>(error: UserError): MutationResult<T> {
  return { result: null, userErrors: [error] };
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
  if (inserted.raw.length > 0) return null;
  const first = await em.findOneByOrFail(IdempotencyRecord, { apiKeyId: ctx.principal.keyId, key });
  if (first.operation !== spec.operation || first.requestHash !== requestHash) {
    refuse(UserErrorCode.IDEMPOTENCY_KEY_REUSED, `Idempotency key "${key}" was used with another input; use a new key for a new request`, {
      field: ['input', 'idempotencyKey'],
    });
  }
  const entity = ENTITIES.find((candidate) => candidate.name === first.resultType);
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
