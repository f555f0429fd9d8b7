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

/** jsonb refuses U+0000 (the pipeline refuses it in inputs already; the trail must not depend on that). */
function jsonbSafe(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text;
}

/** A JSON copy of a mutation input with every credential-like field replaced, at any depth. */
export function redactSecrets(value: unknown, depth = 0): JsonValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return jsonbSafe(value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return null;
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1));
  const copy: JsonObject = {};
  for (const [field, item] of Object.entries(value)) {
    if (item === undefined || typeof item === 'function') continue;
    copy[jsonbSafe(field)] = SECRET_FIELD.test(field) ? REDACTED : redactSecrets(item, depth + 1);
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

/** One call to record: the operation, its input as sent, and how it ended (null: failed unexpectedly). */
export interface AuditRecord {
  operation: string;
  input: object;
  outcome: MutationResult<unknown> | null;
}

const AUDIT_COLUMNS = ['api_key_id', 'role', 'operation', 'input', 'outcome', 'error_codes', 'entity_type', 'entity_id', 'request_id'];

/**
 * Records calls of one request, any number in one INSERT (the bulk paths pass a batch). Inside
 * the mutation's transaction (`inTransaction`) a failure to write fails the call, so the change
 * rolls back with its entry: a committed change always has one. Outside (a refusal or failure after
 * its rollback, an unchanged bulk item) a failure to write is logged with the entries, not reported.
 */
export async function recordAuditEntries(
  em: EntityManager,
  ctx: RequestContext,
  records: readonly AuditRecord[],
  options: { inTransaction: boolean },
): Promise<void> {
  if (records.length === 0) return;
  const entries = records.map((record) => {
    const entity = affectedEntity(record.input, (record.outcome?.result as BaseRecord | null | undefined) ?? null);
    const redacted = redactSecrets(record.input);
    return [
      ctx.principal.keyId,
      ctx.principal.role,
      record.operation,
      JSON.stringify(redacted !== null && typeof redacted === 'object' && !Array.isArray(redacted) ? redacted : {}),
      outcomeOf(record.outcome),
      [...new Set(record.outcome?.userErrors.map((error) => error.code) ?? [])],
      entity?.type ?? null,
      entity?.id ?? null,
      ctx.requestId,
    ];
  });
  const rows = entries.map((_, row) => `(${AUDIT_COLUMNS.map((_column, column) => `$${row * AUDIT_COLUMNS.length + column + 1}`).join(', ')})`);
  const insert = (): Promise<unknown> =>
    em.query(`INSERT INTO "audit_entry" (${AUDIT_COLUMNS.map((column) => `"${column}"`).join(', ')}) VALUES ${rows.join(', ')}`, entries.flat());
  if (options.inTransaction) {
    await insert();
    return;
  }
  try {
    await insert();
  } catch (error) {
    ctx.logger.error({ err: error, audit: entries }, 'could not record mutation calls in the audit trail');
  }
}

/** Records one mutation call of the runner (src/common/mutation.ts): see recordAuditEntries. */
export function recordMutationAudit(
  em: EntityManager,
  ctx: RequestContext,
  spec: MutationSpec,
  outcome: MutationResult<unknown> | null,
  options: { inTransaction: boolean },
): Promise<void> {
  return recordAuditEntries(em, ctx, [{ operation: spec.operation, input: spec.input, outcome }], options);
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
