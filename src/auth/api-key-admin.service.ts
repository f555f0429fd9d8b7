import type { EntityManager } from 'typeorm';
import { paginate, whereIn } from '../common/list-query';
import { MutationResult, runMutation } from '../common/mutation';
import { idFromInput, lockById } from '../common/mutation-guards';
import { ConnectionArgs, PageOf } from '../common/pagination';
import { UserErrorCode, refuse } from '../common/user-error';
import type { RequestContext } from '../context';
import { assertAdmin } from './admin-only';
import { ApiKey } from './api-key.entity';
import { ApiKeyFilter, CreateApiKeyInput, RevokeApiKeyInput, RotateApiKeyInput } from './api-key.inputs';
import { createApiKey } from './api-key.service';
import type { IssuedApiKey } from './api-key.types';
import { Role } from './role.enum';

const ENTITY = 'ApiKey';
const ID_FIELD = ['input', 'id'];
/** Keys are managed by ADMIN only (runMutation always lets ADMIN through). */
const KEY_MANAGERS: readonly Role[] = [];

export async function listApiKeys(ctx: RequestContext, filter: ApiKeyFilter | null | undefined, args: ConnectionArgs): Promise<PageOf<ApiKey>> {
  assertAdmin(ctx, 'list API keys');
  const qb = ctx.dataSource.getRepository(ApiKey).createQueryBuilder('key');
  whereIn(qb, 'role', filter?.role);
  if (filter?.revoked === true) qb.andWhere('key.revokedAt IS NOT NULL');
  if (filter?.revoked === false) qb.andWhere('key.revokedAt IS NULL');
  return paginate(qb, null, null, args);
}

/**
 * Runs a mutation that issues a key and hands its secret out only if this very call created the
 * returned key: an idempotent replay returns the earlier key without a secret, which is not stored.
 */
async function issue(run: (remember: (record: ApiKey, key: string) => void) => Promise<MutationResult<ApiKey>>): Promise<IssuedApiKey> {
  const issued = new Map<string, string>();
  const outcome = await run((record, key) => issued.set(record.id, key));
  return { outcome, key: outcome.result ? (issued.get(outcome.result.id) ?? null) : null };
}

export function createApiKeyByAdmin(ctx: RequestContext, input: CreateApiKeyInput): Promise<IssuedApiKey> {
  return issue((remember) =>
    runMutation(ctx, { operation: 'createApiKey', roles: KEY_MANAGERS, input, idempotencyKey: input.idempotencyKey }, async ({ em }) => {
      const partnerId = await scopeId(em, input.role === Role.PARTNER_USER, input.partnerId, 'Partner', 'partnerId', 'A PARTNER_USER key');
      const distributorId = await scopeId(em, input.role === Role.DISTRIBUTOR, input.distributorId, 'Distributor', 'distributorId', 'A DISTRIBUTOR key');
      const { key, record } = await createApiKey(em, { name: input.name, role: input.role, partnerId, distributorId });
      remember(record, key);
      return record;
    }),
  );
}

/** The partner or distributor a scoped key acts for: required for its role, refused for every other. */
async function scopeId(
  em: EntityManager,
  required: boolean,
  globalId: string | null | undefined,
  /** The scope's entity, by name: keys belong to auth, which knows no domain. */
  entity: 'Partner' | 'Distributor',
  field: string,
  scopedKey: string,
): Promise<string | null> {
  const path = ['input', field];
  if (!globalId) {
    if (required) refuse(UserErrorCode.VALIDATION_FAILED, `${scopedKey} needs \`${field}\``, { field: path });
    return null;
  }
  if (!required) refuse(UserErrorCode.VALIDATION_FAILED, `Only ${scopedKey} takes \`${field}\``, { field: path });
  const id = idFromInput(globalId, entity, path);
  if (!(await em.existsBy(entity, { id }))) refuse(UserErrorCode.NOT_FOUND, `No ${entity} with ID ${globalId}`, { field: path });
  return id;
}

/** A new key with the old one's name, role and scope; the old key is revoked in the same transaction. */
export function rotateApiKeyByAdmin(ctx: RequestContext, input: RotateApiKeyInput): Promise<IssuedApiKey> {
  return issue((remember) =>
    runMutation(ctx, { operation: 'rotateApiKey', roles: KEY_MANAGERS, input, idempotencyKey: input.idempotencyKey }, async ({ em }) => {
      const old = await lockById(em, ApiKey, ENTITY, input.id, ID_FIELD);
      if (old.revokedAt) refuse(UserErrorCode.INVALID_TRANSITION, 'This key is revoked already: create a new one instead', { field: ID_FIELD });
      const { key, record } = await createApiKey(em, { name: old.name, role: old.role, partnerId: old.partnerId, distributorId: old.distributorId });
      // Wall-clock time, not the program clock: this is a security event, not a program decision.
      old.revokedAt = new Date();
      await em.save(old);
      remember(record, key);
      return record;
    }),
  );
}

export function revokeApiKeyByAdmin(ctx: RequestContext, input: RevokeApiKeyInput): Promise<MutationResult<ApiKey>> {
  return runMutation(ctx, { operation: 'revokeApiKey', roles: KEY_MANAGERS, input }, async ({ em }) => {
    const key = await lockById(em, ApiKey, ENTITY, input.id, ID_FIELD);
    if (key.revokedAt) return key;
    key.revokedAt = new Date();
    return em.save(key);
  });
}
