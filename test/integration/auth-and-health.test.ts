import { Role } from '../../src/auth/role.enum';
import { ApiKey } from '../../src/auth/api-key.entity';
import { TestServer, startTestServer } from '../support/test-server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe('authentication', () => {
  it('refuses a request without a key with 401 and no data', async () => {
    const response = await server.gql(null, '{ partners { totalCount } }');
    expect(response.status).toBe(401);
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a malformed or unknown key with 401', async () => {
    expect((await server.gql('not-a-key', '{ viewer { role } }')).status).toBe(401);
    expect((await server.gql('prm_' + 'x'.repeat(43), '{ viewer { role } }')).status).toBe(401);
  });

  it('accepts a valid key and tells the caller who it is', async () => {
    const key = await server.key(Role.CRM_SYNC);
    const response = await server.gql<{ viewer: { role: string; partnerId: string | null } }>(key, '{ viewer { role partnerId } }');
    expect(response.status).toBe(200);
    expect(response.data?.viewer).toEqual({ role: 'CRM_SYNC', partnerId: null });
  });

  it('stores only a hash of the key', async () => {
    const key = await server.key(Role.ADMIN);
    const stored = await server.app.dataSource.getRepository(ApiKey).find();
    expect(stored.length).toBeGreaterThan(0);
    for (const record of stored) {
      expect(record.keyHash).toMatch(/^[0-9a-f]{64}$/);
      expect(record.keyHash).not.toContain(key.slice(4, 20));
    }
  });

  it('refuses a revoked key at once', async () => {
    const key = await server.key(Role.ADMIN);
    expect((await server.gql(key, '{ viewer { role } }')).status).toBe(200);
    await server.app.dataSource.getRepository(ApiKey).update({ prefix: key.slice(0, 12) }, { revokedAt: new Date() });
    expect((await server.gql(key, '{ viewer { role } }')).status).toBe(401);
  });
});

describe('health', () => {
  it('answers /healthz and /readyz once migrations are applied', async () => {
    expect((await server.http.get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await server.http.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready' });
  });

  it('returns a request id in the header and the response extensions', async () => {
    const key = await server.key(Role.ADMIN);
    const response = await server.http
      .post('/graphql')
      .set('authorization', `Bearer ${key}`)
      .set('x-request-id', 'req-123')
      .send({ query: '{ viewer { role } }' });
    expect(response.headers['x-request-id']).toBe('req-123');
    expect(response.body.extensions.requestId).toBe('req-123');
  });
});
