import type { EntityManager } from 'typeorm';
import { assertAdmin } from '../auth/admin-only';
import type { BaseRecord } from '../common/base.entity';
import { databaseIdsOf, fromGlobalId } from '../common/global-id';
import { paginate, whereIn } from '../common/list-query';
import type { MutationResult, MutationSpec } from '../common/mutation';
import { ConnectionArgs, OrderDirection, PageOf, RecordOrderField } from '../common/pagination';
import type { RequestContext } from '../context';
import { AuditEntry, JsonObject, JsonValue } from './audit-entry.entity';
import { AuditOutcome } from './audit.enums';
import { AuditEntryFilter } from './audit.inputs';

export const REDACTED = '[redacted]';

/** Field names that hold credentials; `idempotencyKey` is not one and stays visible. */
const SECRET_FIELD = /^key$|secret|password|passphrase|token|authorization|credential|apikey|privatekey|accesskey/i;
const MAX_STRING = 2000;
const MAX_DEPTH = 8;

/** A JSON copy of a mutation input with every credential-like field replaced, at any depth. */
export function redactSecrets(value: unknown, depth = 0): JsonValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return null;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1));
  const copy: JsonObject = {};
  for (const [field, item] of Object.entries(value)) {
    if (item === undefined || typeof item === 'function') continue;
    copy[field] = SECRET_FIELD.test(field) ? REDACTED : redactSecrets(item, depth + 1);
  }
  return copy;
}

/** What the call created or changed; for a refused call, the entity its input named by `id`. */
function affectedEntity(input: object, result: BaseRecord | null): { type: string; id: string } | null {
  if (result) return { type: result.constructor.name, id: result.id };
  const target = (input as { id?: unknown }).id;
  const parsed = typeof target === 'string' ? fromGlobalId(target) : null;
  return parsed && parsed.typeName.length <= 40 ? { type: parsed.typeName, id: parsed.id } : null;
}

/**
 * Records one mutation call; `outcome` is null when the call failed unexpectedly. A call that
 * commits records it in its own transaction (`inTransaction`): if the entry cannot be written, the
 * change rolls back with it. A refusal or failure is recorded after its rollback in a statement of
 * its own; a failure to write that one is logged (with the redacted entry), not reported.
 */
export async function recordMutationAudit(
  em: EntityManager,
  ctx: RequestContext,
  spec: MutationSpec,
  outcome: MutationResult<unknown> | null,
  options: { inTransaction: boolean },
): Promise<void> {
  const entity = affectedEntity(spec.input, (outcome?.result as BaseRecord | null | undefined) ?? null);
  const redacted = redactSecrets(spec.input);
  const input: JsonObject = redacted !== null && typeof redacted === 'object' && !Array.isArray(redacted) ? redacted : {};
  const entry = {
    apiKeyId: ctx.principal.keyId,
    role: ctx.principal.role,
    operation: spec.operation,
    input,
    outcome: outcomeOf(outcome),
    errorCodes: [...new Set(outcome?.userErrors.map((error) => error.code) ?? [])],
    entityType: entity?.type ?? null,
    entityId: entity?.id ?? null,
    requestId: ctx.requestId,
  };
  const insert = (): Promise<unknown> =>
    em.query(
      `INSERT INTO "audit_entry" ("api_key_id", "role", "operation", "input", "outcome", "error_codes", "entity_type", "entity_id", "request_id")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        entry.apiKeyId,
        entry.role,
        entry.operation,
        JSON.stringify(entry.input),
        entry.outcome,
        entry.errorCodes,
        entry.entityType,
        entry.entityId,
        entry.requestId,
      ],
    );
  if (options.inTransaction) {
    await insert();
    return;
  }
  try {
    await insert();
  } catch (error) {
    ctx.logger.error({ err: error, audit: entry }, 'could not record a mutation in the audit trail');
  }
}

function outcomeOf(outcome: MutationResult<unknown> | null): AuditOutcome {
  if (!outcome) return AuditOutcome.FAILED;
  if (outcome.userErrors.length > 0) return AuditOutcome.REFUSED;
  return outcome.dryRun ? AuditOutcome.DRY_RUN : AuditOutcome.OK;
}

/** Newest first: an audit trail is read from the latest call back. */
export async function listAuditEntries(ctx: RequestContext, filter: AuditEntryFilter | null | undefined, args: ConnectionArgs): Promise<PageOf<AuditEntry>> {
  assertAdmin(ctx, 'read the audit trail');
  const qb = ctx.dataSource.getRepository(AuditEntry).createQueryBuilder('entry');
  whereIn(qb, 'apiKeyId', databaseIdsOf(filter?.apiKeyIds, 'ApiKey', 'filter.apiKeyIds'));
  whereIn(qb, 'operation', filter?.operations);
  if (filter?.since) qb.andWhere('entry.createdAt >= :since', { since: filter.since });
  return paginate(qb, null, { field: RecordOrderField.CREATED_AT, direction: OrderDirection.DESC }, args);
}
