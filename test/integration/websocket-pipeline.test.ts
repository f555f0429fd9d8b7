import WebSocket from 'ws';
import { Role } from '../../src/auth/role.enum';
import { databaseIdOf } from '../../src/common/global-id';
import { KEY_RECHECK_INTERVAL_MS } from '../../src/graphql/live-subscriptions';
import { MAX_REQUEST_BYTES } from '../../src/limits/request-size';
import { Partner } from '../../src/partners/partner.entity';
import { partnerLifecycle } from '../../src/partners/partner.machine';
import { PartnerLifecycleStatus, Territory } from '../../src/partners/partner.enums';
import { distributorNamed, insertPartner } from '../support/fixtures';
import { TestDatabase, TestServer, createTestDatabase, startTestServer } from '../support/test-server';
import { inTestUnitOfWork } from '../support/unit-of-work';
import { WsSubscription, WsTestClient, within } from '../support/ws-client';

let database: TestDatabase;
let server: TestServer;
let admin: string;
const clients: WsTestClient[] = [];

const CREATE_KEY = `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id } } }`;
const REVOKE = `mutation ($id: ID!) { revokeApiKey(input: { id: $id }) { userErrors { code } } }`;
const ROTATE = `mutation ($id: ID!) { rotateApiKey(input: { id: $id }) { key userErrors { code } } }`;
const APPLY = `mutation ($input: ApplyPartnerInput!) { applyPartner(input: $input) { partner { id } userErrors { code } } }`;
const EVENTS = `subscription ($after: String) { approvalStatusChanged(afterSequence: $after) { event { sequence toStatus actorId decidedById } } }`;
/** partners(3) → people(2): 1 + 3 × (1 + 1 + 2 × 1) = 13 points. */
const COST_13 = `{ partners(first: 3) { nodes { name people(first: 2) { nodes { email } } } } }`;

const application = (name: string) => ({ name, category: 'CHANNEL', territory: 'EMEA', country: 'DE' });

async function issueKey(on: TestServer, role: string, scope: Record<string, string> = {}): Promise<{ key: string; id: string }> {
  const response = await on.gql<{ createApiKey: { key: string; apiKey: { id: string } } }>(admin, CREATE_KEY, {
    input: { name: `ws ${role}`, role, ...scope },
  });
  return { key: response.data!.createApiKey.key, id: response.data!.createApiKey.apiKey.id };
}

function connect(on: TestServer, key: string | null): WsTestClient {
  const client = new WsTestClient(on.app.url, key);
  clients.push(client);
  return client;
}

/** A status event to replay, so that a subscription from sequence 0 shows it is established by delivering it. */
async function ensureAnEvent(): Promise<void> {
  const ops = await server.key(Role.ECOSYSTEM_OPS);
  await server.gql(ops, APPLY, { input: application(`Event seed ${Date.now()}`) });
}

async function partnerNamed(name: string): Promise<number> {
  return server.app.dataSource.getRepository(Partner).countBy({ name });
}

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer({ database });
  admin = await server.key(Role.ADMIN);
  await ensureAnEvent();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});
afterAll(async () => {
  await server.stop();
  await database.drop();
});

describe.each([
  ['revokeApiKey', REVOKE],
  ['rotateApiKey', ROTATE],
])('over one open graphql-ws socket, after %s', (operation, mutation) => {
  it('refuses the next query and mutation (writing nothing) and ends the running subscription with UNAUTHENTICATED', async () => {
    const { key, id } = await issueKey(server, 'ECOSYSTEM_OPS');
    const socket = connect(server, key);
    const subscription = socket.subscribe(EVENTS, { after: '0' });
    await subscription.settled(5000);
    expect(subscription.results.length).toBeGreaterThan(0);
    const before = await socket.run<{ viewer: { role: string } }>('{ viewer { role } }');
    expect(before.data?.viewer.role).toBe('ECOSYSTEM_OPS');
    expect((await socket.run(APPLY, { input: application(`WS before ${operation}`) })).errors).toBeUndefined();

    const answered = await server.gql<Record<string, { userErrors: unknown[] }>>(admin, mutation, { id });
    expect(answered.data?.[operation].userErrors).toEqual([]);
    const revokedAt = Date.now();

    const query = await socket.run('{ viewer { role } }');
    expect(query.data).toBeUndefined();
    expect(query.errors).toMatchObject([{ extensions: { code: 'UNAUTHENTICATED' } }]);
    expect(query.errors?.[0].message).toMatch(/revoked or rotated/);
    const write = await socket.run(APPLY, { input: application(`WS after ${operation}`) });
    expect(write.errors).toMatchObject([{ extensions: { code: 'UNAUTHENTICATED' } }]);
    expect(await partnerNamed(`WS after ${operation}`)).toBe(0);
    expect(await partnerNamed(`WS before ${operation}`)).toBe(1);
    const audited = await server.app.dataSource.query(`SELECT operation, outcome FROM audit_entry WHERE api_key_id = $1`, [databaseIdOf(id, 'ApiKey')]);
    expect(audited).toEqual([{ operation: 'applyPartner', outcome: 'OK' }]);

    // The key watcher reads the keys of open subscriptions every KEY_RECHECK_INTERVAL_MS: within 2 s of the revocation.
    expect(KEY_RECHECK_INTERVAL_MS).toBeLessThanOrEqual(1000);
    const ended = await within(subscription.ended, Math.max(0, revokedAt + 2000 - Date.now()), 'still running 2 s after the revocation');
    expect(ended).toMatchObject([{ extensions: { code: 'UNAUTHENTICATED' } }]);
    expect((ended as Array<{ message: string }>)[0].message).toMatch(/revoked or rotated/);
    // All of it over the one socket that was open before.
    expect(socket.connections).toBe(1);
  });
});

describe('the rotated key', () => {
  it('works at once over a new socket', async () => {
    const { id } = await issueKey(server, 'PORTAL_SYNC');
    const rotated = await server.gql<{ rotateApiKey: { key: string } }>(admin, ROTATE, { id });
    const socket = connect(server, rotated.data!.rotateApiKey.key);
    expect((await socket.run<{ viewer: { role: string } }>('{ viewer { role } }')).data?.viewer.role).toBe('PORTAL_SYNC');
  });
});

describe('production over graphql-ws', () => {
  let production: TestServer;
  beforeAll(async () => {
    production = await startTestServer({ database, config: { NODE_ENV: 'production' } });
  });
  afterAll(() => production.stop());

  it('refuses introspection', async () => {
    const socket = connect(production, await production.key(Role.ADMIN));
    const refused = await socket.run('{ __schema { queryType { name } } }');
    expect(refused.data).toBeUndefined();
    expect(refused.errors?.length).toBeGreaterThan(0);
    for (const error of refused.errors!)
      expect(error).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' }, message: expect.stringMatching(/introspection has been disabled/) });
    // __typename is not introspection of the schema.
    expect((await socket.run('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('gives no suggestions: not in validation errors, not in variable errors', async () => {
    const socket = connect(production, await production.key(Role.ADMIN));
    const misspelt = await socket.run('{ viewer { rol } }');
    expect(misspelt.errors?.[0].message).toBe('Cannot query field "rol" on type "Viewer".');
    const badEnum = await socket.run(APPLY, { input: { ...application('Suggest'), category: 'CHANNELL' } });
    expect(badEnum.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(badEnum.errors?.[0].message).toMatch(/does not exist in "PartnerCategory" enum\.$/);
    const badField = await socket.run(APPLY, { input: { ...application('Suggest'), nam: 'x' } });
    expect(badField.errors?.[0].message).toMatch(/Field "nam" is not defined by type "ApplyPartnerInput"\.$/);
    for (const error of [...misspelt.errors!, ...badEnum.errors!, ...badField.errors!]) expect(error.message).not.toMatch(/Did you mean/);

    // The same operations outside production do suggest: the test would see them.
    const development = connect(server, admin);
    expect((await development.run('{ viewer { rol } }')).errors?.[0].message).toMatch(/Did you mean "role"\?/);
    expect((await development.run(APPLY, { input: { ...application('Suggest'), category: 'CHANNELL' } })).errors?.[0].message).toMatch(
      /Did you mean the enum value "CHANNEL"\?/,
    );
  });
});

describe('one budget for both transports', () => {
  let budgeted: TestServer;
  beforeAll(async () => {
    budgeted = await startTestServer({ database, config: { RATE_LIMIT_POINTS_PER_HOUR: 30 } });
  });
  afterAll(() => budgeted.stop());

  it('charges WebSocket queries to the same bucket as HTTP, then refuses on both, and refuses a subscription of the exhausted key', async () => {
    const key = await budgeted.key(Role.PORTAL_SYNC);
    const overHttp = await budgeted.gql(key, COST_13);
    expect(overHttp.extensions?.rateLimit).toMatchObject({ cost: 13, limit: 30, remaining: 17 });

    const socket = connect(budgeted, key);
    const overWs = await socket.run(COST_13);
    expect(overWs.errors).toBeUndefined();
    expect(overWs.extensions?.rateLimit).toMatchObject({ cost: 13, limit: 30, remaining: 4 });

    const refusedWs = await socket.run(COST_13);
    expect(refusedWs.data).toBeUndefined();
    expect(refusedWs.errors).toMatchObject([{ extensions: { code: 'RATE_LIMITED' } }]);
    const refusedHttp = await budgeted.http.post('/graphql').set('authorization', `Bearer ${key}`).send({ query: COST_13 });
    expect(refusedHttp.status).toBe(429);

    // The last 4 points go on four 1-point queries, over both transports; then a 2-point subscription does not fit.
    for (const run of [() => socket.run('{ viewer { role } }'), () => budgeted.gql(key, '{ viewer { role } }')]) {
      expect((await run()).extensions?.rateLimit?.cost).toBe(1);
      expect((await run()).extensions?.rateLimit?.cost).toBe(1);
    }
    const subscription = socket.subscribe(EVENTS, {});
    expect(await within(subscription.ended, 5000, 'accepted')).toMatchObject([{ extensions: { code: 'RATE_LIMITED' } }]);
    expect(socket.connections).toBe(1);
  });
});

/** Subscribes again while the refusal is TOO_MANY_SUBSCRIPTIONS (a slot being given back), up to 5 s. */
async function subscribeOnceFree(client: WsTestClient): Promise<WsSubscription> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const subscription = client.subscribe(EVENTS, { after: '0' });
    await subscription.settled(5000);
    if (subscription.results.length > 0) return subscription;
    const refusal = await within(subscription.ended, 0, null);
    if (!refusal?.some((error) => error.extensions?.code === 'TOO_MANY_SUBSCRIPTIONS')) throw new Error(`refused: ${JSON.stringify(refusal)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no slot was given back');
}

describe('subscriptions per key', () => {
  let capped: TestServer;
  beforeAll(async () => {
    capped = await startTestServer({ database, config: { MAX_SUBSCRIPTIONS_PER_KEY: 2 } });
  });
  afterAll(() => capped.stop());

  it('refuses the subscription over MAX_SUBSCRIPTIONS_PER_KEY with TOO_MANY_SUBSCRIPTIONS, counting every socket of the key, and frees a slot when one ends', async () => {
    const key = await capped.key(Role.ECOSYSTEM_OPS);
    const first = connect(capped, key);
    const second = connect(capped, key);
    const one = first.subscribe(EVENTS, { after: '0' });
    const two = second.subscribe(EVENTS, { after: '0' });
    await Promise.all([one.settled(5000), two.settled(5000)]);
    expect(one.results.length).toBeGreaterThan(0);
    expect(two.results.length).toBeGreaterThan(0);

    const three = first.subscribe(EVENTS, { after: '0' });
    const refusal = await within(three.ended, 5000, 'accepted');
    expect(refusal).toMatchObject([{ extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', maximum: 2 } }]);
    expect((refusal as Array<{ message: string }>)[0].message).toMatch(/2 subscriptions open on this server instance/);

    // Another key is not affected; queries of this key are not either.
    const other = connect(capped, await capped.key(Role.ECOSYSTEM_OPS)).subscribe(EVENTS, { after: '0' });
    await other.settled(5000);
    expect(other.results.length).toBeGreaterThan(0);
    expect((await first.run('{ viewer { role } }')).errors).toBeUndefined();

    // A completed subscription and a closed socket both give their slot back (as soon as the server has seen them go).
    one.stop();
    await second.close();
    const four = await subscribeOnceFree(first);
    const five = await subscribeOnceFree(first);
    expect(four.results.length).toBeGreaterThan(0);
    expect(five.results.length).toBeGreaterThan(0);
    expect(await within(first.subscribe(EVENTS, { after: '0' }).ended, 5000, 'accepted')).toMatchObject([{ extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' } }]);
  });
});

describe('WebSocket message size', () => {
  /** A raw graphql-transport-ws socket: sends `message`, resolves with the close code. */
  function closeCodeAfterSending(message: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(server.app.url.replace(/^http/, 'ws') + '/graphql', 'graphql-transport-ws');
      socket.on('open', () => socket.send(message));
      socket.on('close', (code) => resolve(code));
      socket.on('error', reject);
    });
  }

  it('closes the socket of an unauthenticated client that sends a message over the HTTP body limit (1009), before authenticating', async () => {
    const oversized = JSON.stringify({ type: 'connection_init', payload: { padding: 'x'.repeat(MAX_REQUEST_BYTES) } });
    expect(await closeCodeAfterSending(oversized)).toBe(1009);
    // Under the limit, the same key-less client gets as far as authentication, which refuses it (4403).
    expect(await closeCodeAfterSending(JSON.stringify({ type: 'connection_init', payload: { padding: 'x'.repeat(1000) } }))).toBe(4403);
  });

  it('applies the same limit as the HTTP body limit to an authenticated socket', async () => {
    const padded = (bytes: number) => `{ viewer { role } } # ${'x'.repeat(bytes)}`;
    const bodyOver = await server.http
      .post('/graphql')
      .set('authorization', `Bearer ${admin}`)
      .send({ query: padded(MAX_REQUEST_BYTES) });
    expect(bodyOver.status).toBe(413);
    expect(bodyOver.body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const bodyUnder = await server.gql(admin, padded(MAX_REQUEST_BYTES - 1000));
    expect(bodyUnder.errors).toBeUndefined();

    const socket = connect(server, admin);
    expect((await socket.run(padded(MAX_REQUEST_BYTES - 1000))).errors).toBeUndefined();
    await expect(socket.run(padded(MAX_REQUEST_BYTES))).rejects.toThrow();
    expect(socket.closes.map((close) => close.code)).toContain(1009);
  });
});

describe('distributors', () => {
  it('see no staff key IDs in approvalEvents over HTTP nor in subscription payloads over WebSocket', async () => {
    const amazic = await distributorNamed(server.app.dataSource, 'Amazic');
    const distributor = await server.key(Role.DISTRIBUTOR, { distributorId: amazic.id });
    const [{ last_value: start }] = await server.app.dataSource.query<Array<{ last_value: string }>>(`SELECT last_value FROM event_sequence`);
    const socket = connect(server, distributor);
    const subscription = socket.subscribe<{ approvalStatusChanged: { event: { toStatus: string; actorId: string | null; decidedById: string | null } } }>(
      EVENTS,
      { after: start },
    );
    const partner = await insertPartner(server.app.dataSource, { territory: Territory.EMEA });
    await inTestUnitOfWork(
      server.app,
      async (uow) => {
        const stored = await uow.em.findOneByOrFail(Partner, { id: partner.id });
        await uow.changeStatus(partnerLifecycle, stored, PartnerLifecycleStatus.SUSPENDED, { outcome: 'SUSPENDED', ruleIds: ['R-PTR-06'], reasons: ['test'] });
      },
      { actor: { keyId: 'staff-key-1', role: Role.ECOSYSTEM_OPS, partnerId: null, distributorId: null } },
    );
    await subscription.settled(10_000);
    expect(subscription.results[0].data?.approvalStatusChanged.event).toEqual({
      sequence: expect.any(String),
      toStatus: 'SUSPENDED',
      actorId: null,
      decidedById: null,
    });

    const polled = await server.gql<{ approvalEvents: Array<{ actorId: string | null }> }>(
      distributor,
      `query ($after: String) { approvalEvents(after: $after) { toStatus actorId decidedById } }`,
      {
        after: start,
      },
    );
    expect(polled.data?.approvalEvents).toEqual([{ toStatus: 'SUSPENDED', actorId: null, decidedById: null }]);
    // Staff see who acted, over both transports.
    const staff = await server.gql<{ approvalEvents: Array<{ actorId: string | null }> }>(
      admin,
      `query ($after: String) { approvalEvents(after: $after) { actorId } }`,
      { after: start },
    );
    expect(staff.data?.approvalEvents).toEqual([{ actorId: 'staff-key-1' }]);
    const staffSocket = connect(server, admin).subscribe<{ approvalStatusChanged: { event: { actorId: string | null } } }>(EVENTS, { after: start });
    await staffSocket.settled(10_000);
    expect(staffSocket.results[0].data?.approvalStatusChanged.event.actorId).toBe('staff-key-1');
  });
});
