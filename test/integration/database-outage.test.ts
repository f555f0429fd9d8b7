import { Role } from '../../src/auth/role.enum';
import { Opportunity } from '../../src/crm/opportunity.entity';
import { TcpProxy } from '../support/tcp-proxy';
import { TestDatabase, TestServer, createTestDatabase, startTestServer } from '../support/test-server';

let database: TestDatabase;
let proxy: TcpProxy;
let server: TestServer;
let crm: string;

beforeAll(async () => {
  database = await createTestDatabase();
  proxy = new TcpProxy('127.0.0.1', 5432);
  await proxy.start();
  server = await startTestServer({
    database,
    connectVia: (url) => {
      const viaProxy = new URL(url);
      viaProxy.port = String(proxy.port);
      return viaProxy.toString();
    },
  });
  crm = await server.key(Role.CRM_SYNC);
});
afterAll(async () => {
  proxy.restore();
  await server.stop();
  await proxy.stop();
  await database.drop();
});

const UPSERT = `mutation ($id: String!) { upsertOpportunity(input: { externalId: $id, name: "Outage", stage: STAGE_1, kind: NEW_CUSTOMER,
  customer: { crmAccountId: "ACC-OUT", name: "Outage Ltd", country: "DE", territory: EMEA } }) { change userErrors { code } } }`;

describe('when PostgreSQL goes away and comes back', () => {
  it('answers a retryable 503 meanwhile, says not ready, recovers by itself, and loses no acknowledged write', async () => {
    const acknowledged: string[] = [];
    const write = async (id: string): Promise<number> => {
      const response = await server.http.post('/graphql').set('authorization', `Bearer ${crm}`).send({ query: UPSERT, variables: { id } });
      if (response.status === 200 && response.body.data?.upsertOpportunity?.change === 'CREATED') acknowledged.push(id);
      return response.status;
    };
    for (let i = 0; i < 5; i += 1) expect(await write(`006-OUT-${i}`)).toBe(200);

    proxy.cut();
    const duringOutage = await server.http
      .post('/graphql')
      .set('authorization', `Bearer ${crm}`)
      .send({ query: UPSERT, variables: { id: '006-OUT-lost' } });
    expect(duringOutage.status).toBe(503);
    expect(duringOutage.headers['retry-after']).toBe('5');
    expect(duringOutage.body.errors[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    expect((await server.http.get('/readyz')).status).toBe(503);
    expect((await server.http.get('/healthz')).status).toBe(200);
    for (let i = 5; i < 10; i += 1) await write(`006-OUT-${i}`);

    proxy.restore();
    let recovered = false;
    for (let attempt = 0; attempt < 40 && !recovered; attempt += 1) {
      recovered = (await server.http.get('/readyz')).status === 200;
      if (!recovered) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(recovered).toBe(true);
    for (let i = 10; i < 15; i += 1) expect(await write(`006-OUT-${i}`)).toBe(200);

    const stored = await server.app.dataSource.getRepository(Opportunity).find();
    const storedIds = new Set(stored.map((o) => o.externalId));
    expect(acknowledged.every((id) => storedIds.has(id))).toBe(true);
    expect(acknowledged.length).toBeGreaterThanOrEqual(10);
  });
});
