import { createHash, randomBytes } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
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

/** Creates a key and returns it in clear text: the only time it is ever visible. */
export async function createApiKey(dataSource: DataSource, input: CreateApiKeyInput): Promise<{ key: string; record: ApiKey }> {
  if ((input.role === Role.PARTNER_USER) !== Boolean(input.partnerId)) {
    throw new Error('A PARTNER_USER key needs a partner, and only a PARTNER_USER key may have one');
  }
  if ((input.role === Role.DISTRIBUTOR) !== Boolean(input.distributorId)) {
    throw new Error('A DISTRIBUTOR key needs a distributor, and only a DISTRIBUTOR key may have one');
  }
  const key = input.key ?? generateApiKey();
  const repo = dataSource.getRepository(ApiKey);
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

/** The principal behind an `Authorization: Bearer <key>` header, or null for none or a bad key. */
export async function authenticate(dataSource: DataSource, authorization: string | undefined): Promise<Principal | null> {
  const match = authorization ? BEARER.exec(authorization.trim()) : null;
  if (!match) return null;
  const record = await dataSource.getRepository(ApiKey).findOne({
    where: { keyHash: hashApiKey(match[1]), revokedAt: IsNull() },
  });
  if (!record) return null;
  return { keyId: record.id, role: record.role, partnerId: record.partnerId, distributorId: record.distributorId };
}
