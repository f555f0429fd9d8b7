import { Writable } from 'node:stream';
import { ApiKey } from '../../src/auth/api-key.entity';
import { Role } from '../../src/auth/role.enum';
import { createLogger } from '../../src/config/logger';
import { gid, insertPartner } from '../support/fixtures';
import { TestDatabase, TestServer, createTestDatabase, startTestServer } from '../support/test-server';

let database: TestDatabase;
let a: TestServer;
let b: TestServer;
let admin: string;

beforeAll(async () => {
  database = await createTestDatabase();
  a = await startTestServer({ database });
  b = await startTestServer({ database });
  admin = await a.key(Role.ADMIN);
});
afterAll(async () => {
  await a.stop();
  await b.stop();
  await database.drop();
});

interface ApiKeyView {
  id: string;
  name: string;
  role: string;
  partnerId: string | null;
  distributorId: string | null;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
interface UserErrorView {
  field: string[] | null;
  code: string;
}
interface Issued {
  apiKey: ApiKeyView | null;
  key: string | null;
  userErrors: UserErrorView[];
}

const KEY_FIELDS = 'id name role partnerId distributorId prefix createdAt lastUsedAt revokedAt';
const CREATE = `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { ${KEY_FIELDS} } userErrors { field code message } } }`;
const ROTATE = `mutation ($input: RotateApiKeyInput!) { rotateApiKey(input: $input) { key apiKey { ${KEY_FIELDS} } userErrors { field code message } } }`;
const REVOKE = `mutation ($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { apiKey { ${KEY_FIELDS} } userErrors { field code message } } }`;
const LIST = `query ($first: Int, $after: String, $filter: ApiKeyFilter) {
  apiKeys(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } nodes { ${KEY_FIELDS} } }
}`;

async function create(server: TestServer, input: Record<string, unknown>, key = admin): Promise<Issued> {
  const response = await server.gql<{ createApiKey: Issued }>(key, CREATE, { input });
  expect(response.errors).toBeUndefined();
  return response.data!.createApiKey;
}

async function createOk(input: Record<string, unknown>): Promise<{ key: string; apiKey: ApiKeyView }> {
  const issued = await create(a, input);
  expect(issued.userErrors).toEqual([]);
  return { key: issued.key!, apiKey: issued.apiKey! };
}

async function listAll(server: TestServer, filter?: Record<string, unknown>): Promise<ApiKeyView[]> {
  const response = await server.gql<{ apiKeys: { nodes: ApiKeyView[] } }>(admin, LIST, { first: 100, filter });
  expect(response.errors).toBeUndefined();
  return response.data!.apiKeys.nodes;
}

async function statusWith(server: TestServer, key: string): Promise<number> {
  return (await server.gql(key, '{ viewer { role } }')).status;
}

describe('API key management', () => {
  it('is for ADMIN only: other roles get FORBIDDEN and create, rotate or revoke nothing', async () => {
    const partner = await insertPartner(a.app.dataSource);
    const victim = await createOk({ name: 'victim', role: 'CRM_SYNC' });
    const others = [await a.key(Role.ECOSYSTEM_OPS), await a.key(Role.PORTAL_SYNC), await a.key(Role.PARTNER_USER, { partnerId: partner.id })];
    const before = await a.app.dataSource.getRepository(ApiKey).count();
    for (const key of others) {
      const list = await a.gql(key, LIST, {});
      expect(list.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(list.data).toBeNull();
      const created = await create(a, { name: 'sneaky', role: 'ADMIN' }, key);
      expect(created).toMatchObject({ apiKey: null, key: null, userErrors: [{ code: 'FORBIDDEN' }] });
      const rotated = await a.gql<{ rotateApiKey: Issued }>(key, ROTATE, { input: { id: victim.apiKey.id } });
      expect(rotated.data?.rotateApiKey).toMatchObject({ apiKey: null, key: null, userErrors: [{ code: 'FORBIDDEN' }] });
      const revoked = await a.gql<{ revokeApiKey: Issued }>(key, REVOKE, { input: { id: victim.apiKey.id } });
      expect(revoked.data?.revokeApiKey).toMatchObject({ apiKey: null, userErrors: [{ code: 'FORBIDDEN' }] });
    }
    expect(await a.app.dataSource.getRepository(ApiKey).count()).toBe(before);
    expect(await statusWith(b, victim.key)).toBe(200);
  });

  it('creates a working key whose secret is shown once and never again', async () => {
    const { key, apiKey } = await createOk({ name: 'Salesforce jobs', role: 'CRM_SYNC' });
    expect(key).toMatch(/^prm_[\w-]{43}$/);
    expect(apiKey).toMatchObject({
      name: 'Salesforce jobs',
      role: 'CRM_SYNC',
      partnerId: null,
      distributorId: null,
      prefix: key.slice(0, 12),
      revokedAt: null,
    });
    for (const server of [a, b]) {
      const viewer = await server.gql<{ viewer: { role: string } }>(key, '{ viewer { role } }');
      expect(viewer.data?.viewer.role).toBe('CRM_SYNC');
    }
    const listed = await a.gql(admin, LIST, { first: 100 });
    expect(JSON.stringify(listed)).not.toContain(key);
    expect(JSON.stringify(listed)).not.toContain(key.slice(12));
    expect((listed.data as { apiKeys: { nodes: ApiKeyView[] } }).apiKeys.nodes.map((n) => n.id)).toContain(apiKey.id);

    // Neither the hash nor the secret is a field of the type.
    const type = await a.gql<{ __type: { fields: Array<{ name: string }> } }>(admin, '{ __type(name: "ApiKey") { fields { name } } }');
    const fields = type.data!.__type.fields.map((f) => f.name);
    expect(fields).toEqual(expect.arrayContaining(['id', 'name', 'role', 'partnerId', 'distributorId', 'prefix', 'createdAt', 'lastUsedAt', 'revokedAt']));
    expect(fields.filter((f) => /hash|secret|^key$/i.test(f))).toEqual([]);
  });

  it('scopes PARTNER_USER and DISTRIBUTOR keys, and refuses a missing, misplaced or unknown scope', async () => {
    const partner = await insertPartner(a.app.dataSource);
    const partnerKey = await createOk({ name: 'Acme portal user', role: 'PARTNER_USER', partnerId: gid('Partner', partner.id) });
    expect(partnerKey.apiKey.partnerId).toBe(gid('Partner', partner.id));
    const viewer = await b.gql<{ viewer: { role: string; partnerId: string } }>(partnerKey.key, '{ viewer { role partnerId } }');
    expect(viewer.data?.viewer).toEqual({ role: 'PARTNER_USER', partnerId: gid('Partner', partner.id) });

    expect((await create(a, { name: 'x', role: 'PARTNER_USER' })).userErrors).toMatchObject([{ code: 'VALIDATION_FAILED', field: ['input', 'partnerId'] }]);
    expect((await create(a, { name: 'x', role: 'CRM_SYNC', partnerId: gid('Partner', partner.id) })).userErrors).toMatchObject([
      { code: 'VALIDATION_FAILED', field: ['input', 'partnerId'] },
    ]);
    expect((await create(a, { name: 'x', role: 'DISTRIBUTOR' })).userErrors).toMatchObject([{ code: 'VALIDATION_FAILED', field: ['input', 'distributorId'] }]);
    expect((await create(a, { name: 'x', role: 'PARTNER_USER', partnerId: gid('Partner', '00000000-0000-4000-8000-000000000000') })).userErrors).toMatchObject([
      { code: 'NOT_FOUND', field: ['input', 'partnerId'] },
    ]);
    expect((await create(a, { name: '', role: 'ESM' })).userErrors).toMatchObject([{ code: 'VALIDATION_FAILED', field: ['input', 'name'] }]);
  });

  it('rotates: the old key fails at once on both instances, the new one works, with the same name, role and scope', async () => {
    const partner = await insertPartner(a.app.dataSource);
    const old = await createOk({ name: 'to rotate', role: 'PARTNER_USER', partnerId: gid('Partner', partner.id) });
    expect(await statusWith(a, old.key)).toBe(200);
    expect(await statusWith(b, old.key)).toBe(200);

    const rotated = await a.gql<{ rotateApiKey: Issued }>(admin, ROTATE, { input: { id: old.apiKey.id } });
    const { key: fresh, apiKey, userErrors } = rotated.data!.rotateApiKey;
    expect(userErrors).toEqual([]);
    expect(fresh).not.toBe(old.key);
    expect(apiKey).toMatchObject({
      name: 'to rotate',
      role: 'PARTNER_USER',
      partnerId: gid('Partner', partner.id),
      revokedAt: null,
      prefix: fresh!.slice(0, 12),
    });
    expect(apiKey!.id).not.toBe(old.apiKey.id);

    expect(await statusWith(b, old.key)).toBe(401);
    expect(await statusWith(a, old.key)).toBe(401);
    expect(await statusWith(b, fresh!)).toBe(200);
    expect(await statusWith(a, fresh!)).toBe(200);

    const [oldListed] = (await listAll(b, { revoked: true })).filter((k) => k.id === old.apiKey.id);
    expect(oldListed.revokedAt).not.toBeNull();
    expect(JSON.stringify(await listAll(b))).not.toContain(fresh!.slice(12));

    const again = await a.gql<{ rotateApiKey: Issued }>(admin, ROTATE, { input: { id: old.apiKey.id } });
    expect(again.data?.rotateApiKey).toMatchObject({ apiKey: null, key: null, userErrors: [{ code: 'INVALID_TRANSITION', field: ['input', 'id'] }] });
  });

  it('revokes: the key fails at once on both instances; revoking again changes nothing', async () => {
    const { key, apiKey } = await createOk({ name: 'to revoke', role: 'PORTAL_SYNC' });
    expect(await statusWith(a, key)).toBe(200);
    expect(await statusWith(b, key)).toBe(200);

    const revoked = await b.gql<{ revokeApiKey: { apiKey: ApiKeyView; userErrors: UserErrorView[] } }>(admin, REVOKE, { input: { id: apiKey.id } });
    expect(revoked.data?.revokeApiKey.userErrors).toEqual([]);
    expect(revoked.data?.revokeApiKey.apiKey.revokedAt).not.toBeNull();
    expect(await statusWith(a, key)).toBe(401);
    expect(await statusWith(b, key)).toBe(401);

    const again = await a.gql<{ revokeApiKey: { apiKey: ApiKeyView; userErrors: UserErrorView[] } }>(admin, REVOKE, { input: { id: apiKey.id } });
    expect(again.data?.revokeApiKey.userErrors).toEqual([]);
    expect(again.data?.revokeApiKey.apiKey.revokedAt).toBe(revoked.data?.revokeApiKey.apiKey.revokedAt);

    const unknown = await a.gql<{ revokeApiKey: { userErrors: UserErrorView[] } }>(admin, REVOKE, { input: { id: gid('Partner', apiKey.id) } });
    expect(unknown.data?.revokeApiKey.userErrors).toMatchObject([{ code: 'NOT_FOUND', field: ['input', 'id'] }]);
  });

  it('shows lastUsedAt to ADMIN after use, written at most once a minute', async () => {
    const { key, apiKey } = await createOk({ name: 'last use', role: 'ESM' });
    const find = async (): Promise<ApiKeyView> => (await listAll(a)).find((k) => k.id === apiKey.id)!;
    expect((await find()).lastUsedAt).toBeNull();

    expect(await statusWith(b, key)).toBe(200);
    let seen: string | null = null;
    for (let i = 0; i < 50 && !seen; i += 1) {
      seen = (await find()).lastUsedAt;
      if (!seen) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(seen).not.toBeNull();
    expect(Math.abs(new Date(seen!).getTime() - Date.now())).toBeLessThan(30_000);

    // Within the minute, further use writes nothing: no version bump, the same timestamp.
    const versionBefore = (await a.app.dataSource.getRepository(ApiKey).findOneByOrFail({ prefix: key.slice(0, 12) })).version;
    for (let i = 0; i < 5; i += 1) expect(await statusWith(i % 2 ? a : b, key)).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const after = await a.app.dataSource.getRepository(ApiKey).findOneByOrFail({ prefix: key.slice(0, 12) });
    expect(after.lastUsedAt?.toISOString()).toBe(seen);
    expect(after.version).toBe(versionBefore);
  });

  it('lists with filters by role and revocation, in pages', async () => {
    const first = await createOk({ name: 'filter 1', role: 'CHAMPIONS_PROGRAM_MANAGER' });
    await createOk({ name: 'filter 2', role: 'CHAMPIONS_PROGRAM_MANAGER' });
    await b.gql(admin, REVOKE, { input: { id: first.apiKey.id } });
    const live = await listAll(a, { role: ['CHAMPIONS_PROGRAM_MANAGER'], revoked: false });
    expect(live.map((k) => k.name)).toEqual(['filter 2']);
    const revoked = await listAll(a, { role: ['CHAMPIONS_PROGRAM_MANAGER'], revoked: true });
    expect(revoked.map((k) => k.name)).toEqual(['filter 1']);

    const page1 = await a.gql<{ apiKeys: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: ApiKeyView[] } }>(admin, LIST, {
      first: 2,
    });
    const page2 = await a.gql<{ apiKeys: { nodes: ApiKeyView[] } }>(admin, LIST, { first: 2, after: page1.data!.apiKeys.pageInfo.endCursor });
    expect(page1.data!.apiKeys.pageInfo.hasNextPage).toBe(true);
    expect(page1.data!.apiKeys.totalCount).toBeGreaterThan(4);
    const ids = [...page1.data!.apiKeys.nodes, ...page2.data!.apiKeys.nodes].map((k) => k.id);
    expect(new Set(ids).size).toBe(4);
  });

  it('with an idempotency key, a retry returns the same key without its secret', async () => {
    const input = { name: 'idempotent', role: 'PORTAL_SYNC', idempotencyKey: 'create-portal-key-1' };
    const first = await create(a, input);
    const retry = await create(b, input);
    expect(first.key).toMatch(/^prm_/);
    expect(retry.userErrors).toEqual([]);
    expect(retry.apiKey?.id).toBe(first.apiKey?.id);
    expect(retry.key).toBeNull();
    expect((await listAll(a)).filter((k) => k.name === 'idempotent')).toHaveLength(1);
  });
});

describe('keys never reach the logs', () => {
  it('redacts the authorization header and key, secret, password and token fields at any usual depth', async () => {
    const lines: string[] = [];
    const logger = createLogger(
      { LOG_LEVEL: 'trace' },
      new Writable({
        write: (chunk, _enc, done) => {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const secret = 'prm_THIS-MUST-NOT-BE-LOGGED';
    logger.info({ req: { headers: { authorization: `Bearer ${secret}` } } }, 'request');
    logger.info({ connectionParams: { authorization: `Bearer ${secret}` } }, 'socket');
    logger.info({ key: secret, payload: { key: secret }, variables: { input: { key: secret, secret, password: secret, token: secret } } }, 'mutation');
    logger.info({ audit: { input: { apiKey: secret } }, idempotencyKey: 'kept' }, 'audit');
    logger.child({ requestId: 'r1', keyId: 'k1' }).error({ err: new Error('boom'), input: { key: secret } }, 'request logger');
    await new Promise((resolve) => setImmediate(resolve));
    const output = lines.join('');
    expect(lines).toHaveLength(5);
    expect(output).not.toContain('THIS-MUST-NOT-BE-LOGGED');
    expect(output).toContain('[redacted]');
    expect(output).toContain('"idempotencyKey":"kept"');
  });
});
