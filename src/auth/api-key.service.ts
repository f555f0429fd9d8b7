import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import type { Logger } from '../config/logger';
import { ApiKey } from './api-key.entity';
import { Principal } from './principal';
import { Role } from './role.enum';

const KEY_PREFIX = 'prm_';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** 256 random bits: hashing with SHA-256 is enough, no slow KDF is needed for such secrets. */
export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

export interface CreateApiKeyInput {
  name: string;
  role: Role;
  partnerId?: string | null;
  distributorId?: string | null;
  /** Use this key instead of a random one (development admin key only). */
  key?: string;
}

/** Creates a key and returns it in clear text: the only time it is ever visible. Pass a transaction's manager to create it inside that transaction. */
export async function createApiKey(db: DataSource | EntityManager, input: CreateApiKeyInput): Promise<{ key: string; record: ApiKey }> {
  if ((input.role === Role.PARTNER_USER) !== Boolean(input.partnerId)) {
    throw new Error('A PARTNER_USER key needs a partner, and only a PARTNER_USER key may have one');
  }
  if ((input.role === Role.DISTRIBUTOR) !== Boolean(input.distributorId)) {
    throw new Error('A DISTRIBUTOR key needs a distributor, and only a DISTRIBUTOR key may have one');
  }
  const key = input.key ?? generateApiKey();
  const repo = db.getRepository(ApiKey);
  const record = await repo.save(
    repo.create({
      name: input.name,
      role: input.role,
      partnerId: input.partnerId ?? null,
      distributorId: input.distributorId ?? null,
      keyHash: hashApiKey(key),
      prefix: key.slice(0, 12),
    }),
  );
  return { key, record };
}

const BEARER = /^Bearer\s+(\S{10,200})$/i;

/** `lastUsedAt` is refreshed at most this often, so a key in steady use costs no write per request. */
export const LAST_USED_RESOLUTION_SECONDS = 60;

/**
 * The principal behind an `Authorization: Bearer <key>` header, or null for none or a bad key.
 * Reads the database on every call, never a cache: a revoked or rotated key is refused at once by
 * every instance.
 */
export async function authenticate(dataSource: DataSource, authorization: string | undefined, logger?: Logger): Promise<Principal | null> {
  const match = authorization ? BEARER.exec(authorization.trim()) : null;
  if (!match) return null;
  const record = await dataSource.getRepository(ApiKey).findOne({
    where: { keyHash: hashApiKey(match[1]), revokedAt: IsNull() },
  });
  if (!record) return null;
  if (!record.lastUsedAt || record.lastUsedAt.getTime() < Date.now() - LAST_USED_RESOLUTION_SECONDS * 1000) touchLastUsed(dataSource, record.id, logger);
  return { keyId: record.id, role: record.role, partnerId: record.partnerId, distributorId: record.distributorId };
}

/** Which of these keys are still in use (neither revoked nor rotated, nor gone): one indexed query. */
export async function keysStillActive(dataSource: DataSource, keyIds: readonly string[]): Promise<Set<string>> {
  // Shutting down, the pool is gone: nothing to decide, the sockets are being closed anyway.
  if (keyIds.length === 0 || !dataSource.isInitialized) return new Set(keyIds);
  const active = await dataSource.getRepository(ApiKey).find({ select: { id: true }, where: { id: In([...keyIds]), revokedAt: IsNull() } });
  return new Set(active.map((key) => key.id));
}

/**
 * Fire-and-forget: the request does not wait for it, and a failure only loses a timestamp. The
 * WHERE clause keeps concurrent requests and instances from writing the same minute twice; raw SQL
 * so that `version` and `updatedAt` stay those of the key's real changes.
 */
function touchLastUsed(dataSource: DataSource, id: string, logger: Logger | undefined): void {
  dataSource
    .query(`UPDATE "api_key" SET "last_used_at" = now() WHERE "id" = $1 AND ("last_used_at" IS NULL OR "last_used_at" < now() - make_interval(secs => $2))`, [
      id,
      LAST_USED_RESOLUTION_SECONDS,
    ])
    .catch((error: unknown) => logger?.warn({ err: error, keyId: id }, "could not record the API key's last use"));
}
