import { createClient } from 'graphql-ws';
import { Client } from 'pg';
import WebSocket from 'ws';
import { Role } from '../../src/auth/role.enum';
import { Partner } from '../../src/partners/partner.entity';
import { CertificationKind } from '../../src/people/person.enums';
import { insertPartner, insertPerson } from '../support/fixtures';
import { TestDatabase, TestServer, createTestDatabase, startTestServer } from '../support/test-server';

/** Every server of this file shares one database: instances with other settings, same data. */
let database: TestDatabase;
let server: TestServer;
let admin: string;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer({ database });
  admin = await server.key(Role.ADMIN);
  for (let i = 0; i < 5; i += 1) {
    const partner = await insertPartner(server.app.dataSource);
    await insertPerson(server.app.dataSource, partner, [{ kind: CertificationKind.FOUNDATIONS }]);
    await insertPerson(server.app.dataSource, partner);
  }
});
afterAll(async () => {
  await server.stop();
  await database.drop();
});

/** partners(3) → people(2): 1 (connection) + 3 × (1 node + 1 connection + 2 × 1 node) = 13 points. */
const COST_13 = `{ partners(first: 3) { nodes { name people(first: 2) { nodes { email } } } } }`;

describe('query limits: refused before execution, HTTP 400', () => {
  it('refuses a query deeper than MAX_QUERY_DEPTH (12) and runs no SQL', async () => {
    const deep = `{ partners(first: 1) { nodes { people(first: 1) { nodes { partner { people(first: 1) { nodes { partner {
      people(first: 1) { nodes { partner { people(first: 1) { nodes { email } } } } } } } } } } } } } }`;
    const response = await server.gql(admin, deep);
    expect(response.status).toBe(400);
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'MAX_DEPTH' });
    expect(response.errors?.[0].message).toMatch(/depth limit of 12 exceeded, found 14/);
    expect(response.extensions?.sqlStatements).toBe(0);
    expect(response.extensions?.rateLimit).toBeUndefined();
  });

  it('refuses a query whose cost is over MAX_QUERY_COST, with page sizes taken from the variables', async () => {
    const query = `query ($first: Int!) { partners(first: $first) { nodes { people(first: $first) { nodes { partner { people(first: $first) { nodes { email } } } } } } } }`;
    const refused = await server.gql(admin, query, { first: 100 });
    expect(refused.status).toBe(400);
    expect(refused.data).toBeUndefined();
    // Three nested connections of 100: 1 + 100 × (1 + 1 + 100 × (1 + 1 + 1 + 100))
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'MAX_COST', maximum: 100_000, cost: 1_030_201 });
    expect(refused.extensions?.sqlStatements).toBe(0);

    const small = await server.gql(admin, query, { first: 5 });
    expect(small.status).toBe(200);
    expect(small.errors).toBeUndefined();
    expect(small.extensions?.rateLimit?.cost).toBe(1 + 5 * (1 + 1 + 5 * (1 + 1 + 1 + 5)));
  });

  it('refuses an alias bomb of mutations and writes nothing', async () => {
    const before = await server.app.dataSource.getRepository(Partner).count();
    const fields = Array.from({ length: 31 }, (_, i) => `a${i}: applyPartner(input: $input) { partner { id } }`).join('\n');
    const response = await server.gql(admin, `mutation ($input: ApplyPartnerInput!) { ${fields} }`, {
      input: { name: 'Alias Bomb', category: 'CHANNEL', country: 'DE', territory: 'EMEA' },
    });
    expect(response.status).toBe(400);
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'MAX_ALIASES' });
    expect(response.extensions?.sqlStatements).toBe(0);
    expect(await server.app.dataSource.getRepository(Partner).count()).toBe(before);
  });

  it('refuses a document over MAX_TOKENS while parsing', async () => {
    const response = await server.gql(admin, `{ viewer { ${'role '.repeat(5000)} } }`);
    expect(response.status).toBe(400);
    expect(response.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(response.errors?.[0].message).toMatch(/5000 tokens/);
    expect(response.extensions?.sqlStatements).toBe(0);
  });

  it('prices a fragment used many times once, so a fragment bomb is refused at once', async () => {
    const levels = Array.from({ length: 12 }, (_, i) => `fragment F${i} on Partner { ...F${i + 1} ...F${i + 1} }`).join('\n');
    const query = `{ partners(first: 100) { nodes { ...F0 } } }
      ${levels}
      fragment F12 on Partner { people(first: 100) { nodes { email } } }`;
    const started = Date.now();
    const response = await server.gql(admin, query);
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'MAX_COST' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('applies the same limits to subscriptions over graphql-ws', async () => {
    const client = createClient({
      url: server.app.url.replace(/^http/, 'ws') + '/graphql',
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${admin}` },
      retryAttempts: 0,
    });
    const hop = (inner: string): string => `people(first: 1) { nodes { partner { ${inner} } } }`;
    // approvalStatusChanged › subject › (people › nodes › partner) × 4 › name: depth 15
    const subject = `subject { ... on Partner { ${hop(hop(hop(hop('name'))))} } }`;
    const refusal = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: `subscription { approvalStatusChanged { ${subject} } }` },
        { next: () => undefined, error: resolve, complete: () => resolve(null) },
      );
      setTimeout(() => resolve('accepted: no refusal within 5 s'), 5000);
    });
    await client.dispose();
    expect(refusal).toEqual([expect.objectContaining({ extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'MAX_DEPTH' } })]);
  });

  it('lets the deep sync query of the README through, and reports its cost', async () => {
    const response = await server.gql(
      admin,
      `{ partners(first: 100) { pageInfo { hasNextPage endCursor } nodes {
      id name trackCompliance { compliant unmet { code required actual } }
      people(first: 100) { nodes { id email certifications { kind earnedAt expiresAt current } } } } } }`,
    );
    expect(response.errors).toBeUndefined();
    // 1 + pageInfo 1 + 100 × (1 + trackCompliance (1 + 5 unmet) + people (1 + 100 × (1 + 5 certifications)))
    expect(response.extensions?.rateLimit?.cost).toBe(2 + 100 * (1 + 6 + 1 + 100 * 6));
  });
});

describe('rate limit per API key, shared by every instance', () => {
  let a: TestServer;
  let b: TestServer;
  const budget = { RATE_LIMIT_POINTS_PER_HOUR: 30 };

  beforeAll(async () => {
    a = await startTestServer({ database, config: budget });
    b = await startTestServer({ database, config: budget });
  });
  afterAll(async () => {
    await a.stop();
    await b.stop();
  });

  it('reports the remaining budget, spends it across instances, then refuses with 429 and Retry-After on either', async () => {
    const key = await a.key(Role.PORTAL_SYNC);
    const first = await a.gql(key, COST_13);
    expect(first.status).toBe(200);
    expect(first.extensions?.rateLimit).toMatchObject({ cost: 13, limit: 30, remaining: 17 });
    expect(Date.parse(first.extensions!.rateLimit!.resetAt)).toBeGreaterThan(Date.now());

    const second = await b.gql(key, COST_13);
    expect(second.status).toBe(200);
    expect(second.extensions?.rateLimit).toMatchObject({ cost: 13, remaining: 4 });

    for (const instance of [a, b]) {
      const refused = await instance.http.post('/graphql').set('authorization', `Bearer ${key}`).send({ query: COST_13 });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(60);
      expect(refused.body.data).toBeUndefined();
      expect(refused.body.errors[0].extensions.code).toBe('RATE_LIMITED');
      expect(refused.body.extensions.sqlStatements).toBe(0);
      expect(refused.body.extensions.rateLimit).toMatchObject({ cost: 13, remaining: 4 });
    }

    // The budget is in points, not requests: a cheap query still fits; other keys are untouched.
    const cheap = await b.gql<{ viewer: { role: string } }>(key, '{ viewer { role } }');
    expect(cheap.data?.viewer.role).toBe('PORTAL_SYNC');
    expect(cheap.extensions?.rateLimit).toMatchObject({ cost: 1, remaining: 3 });
    const other = await b.gql(await b.key(Role.PORTAL_SYNC), COST_13);
    expect(other.extensions?.rateLimit?.remaining).toBe(17);
  });

  it('never overspends under concurrency: of 10 simultaneous requests on two instances, exactly 2 fit a budget of 30', async () => {
    const key = await a.key(Role.CRM_SYNC);
    const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).gql(key, COST_13)));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(2);
    expect(responses.filter((r) => r.status === 429 && r.errors?.[0].extensions?.code === 'RATE_LIMITED')).toHaveLength(8);
  });
});

describe('production mode hides the schema', () => {
  let production: TestServer;
  beforeAll(async () => {
    production = await startTestServer({ database, config: { NODE_ENV: 'production' } });
  });
  afterAll(() => production.stop());

  it('refuses introspection in production and allows it otherwise', async () => {
    const query = '{ __schema { queryType { name } } }';
    const refused = await production.gql(await production.key(Role.ADMIN), query);
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0].message).toMatch(/introspection has been disabled/i);
    const allowed = await server.gql<{ __schema: { queryType: { name: string } } }>(admin, query);
    expect(allowed.data?.__schema.queryType.name).toBe('Query');
  });

  it('gives no field suggestions in production', async () => {
    const misspelt = '{ viewer { rol } }';
    const hidden = await production.gql(await production.key(Role.ADMIN), misspelt);
    expect(hidden.status).toBe(400);
    expect(hidden.errors?.[0].message).toMatch(/Cannot query field "rol"/);
    expect(hidden.errors?.[0].message).not.toMatch(/Did you mean/);
    const shown = await server.gql(admin, misspelt);
    expect(shown.errors?.[0].message).toMatch(/Did you mean "role"/);
  });
});

describe('statement timeout', () => {
  let impatient: TestServer;
  beforeAll(async () => {
    impatient = await startTestServer({ database, config: { STATEMENT_TIMEOUT_MS: 300 } });
  });
  afterAll(() => impatient.stop());

  it('sets statement_timeout on the API connections', async () => {
    expect(await impatient.app.dataSource.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '300ms' }]);
    expect(await server.app.dataSource.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '10s' }]);
  });

  it('cancels a statement that runs too long and tells the client QUERY_TIMEOUT', async () => {
    const key = await impatient.key(Role.ADMIN);
    const locker = new Client({ connectionString: database.url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      // Holding the table lock makes the API's SELECT wait past its timeout.
      await locker.query('LOCK TABLE partner IN ACCESS EXCLUSIVE MODE');
      const response = await impatient.gql(key, '{ partners(first: 1) { nodes { name } } }');
      expect(response.errors?.[0].extensions?.code).toBe('QUERY_TIMEOUT');
      expect(response.errors?.[0].message).toMatch(/statement timeout/);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    const after = await impatient.gql(key, '{ partners(first: 1) { nodes { name } } }');
    expect(after.errors).toBeUndefined();
  });
});
