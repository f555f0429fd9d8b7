import { Role } from '../../src/auth/role.enum';
import { MAX_VARIABLE_ERRORS } from '../../src/graphql/pipeline';
import { Partner } from '../../src/partners/partner.entity';
import { TestServer, startTestServer } from '../support/test-server';
import { WsResult, WsTestClient } from '../support/ws-client';

let server: TestServer;
let admin: string;
let socket: WsTestClient;

const APPLY = `mutation ($input: ApplyPartnerInput!) { applyPartner(input: $input) { partner { id } userErrors { code field } } }`;
const application = (name: string) => ({ name, category: 'CHANNEL', territory: 'EMEA', country: 'DE' });

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.key(Role.ADMIN);
  socket = new WsTestClient(server.app.url, admin);
});
afterAll(async () => {
  await socket.close();
  await server.stop();
});

/** The same operation over HTTP and over the open socket: the HTTP status, and the errors of each. */
async function overBoth(query: string, variables?: Record<string, unknown>): Promise<{ status: number; http: WsResult; ws: WsResult; sqlStatements?: number }> {
  const http = await server.gql(admin, query, variables);
  const ws = await socket.run(query, variables);
  return { status: http.status, http: { data: http.data, errors: http.errors }, ws, sqlStatements: http.extensions?.sqlStatements };
}

describe('directives count wherever they are written', () => {
  it('counts the directives of every spread of a repeated fragment, and of inline fragments: over MAX_DIRECTIVES (50) is refused on both transports', async () => {
    // 26 spreads of one fragment, 2 directives each: 52. graphql-armor counted the first spread's only.
    const spreads = Array.from({ length: 26 }, () => '...F @include(if: true) @skip(if: false)').join(' ');
    const repeated = await overBoth(`{ viewer { ${spreads} } } fragment F on Viewer { role }`);
    expect(repeated.status).toBe(400);
    for (const errors of [repeated.http.errors, repeated.ws.errors]) {
      expect(errors).toMatchObject([{ extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'MAX_DIRECTIVES' } }]);
      expect(errors?.[0].message).toBe('Directives limit of 50 exceeded, found 52.');
    }
    expect(repeated.sqlStatements).toBe(0);

    const inline = Array.from({ length: 25 }, () => '... on Viewer @include(if: true) @skip(if: false) { role }').join(' ');
    const inlined = await overBoth(`{ viewer @include(if: true) { ${inline} } }`);
    for (const errors of [inlined.http.errors, inlined.ws.errors]) expect(errors?.[0].message).toBe('Directives limit of 50 exceeded, found 51.');

    // At the limit it runs.
    const fifty = Array.from({ length: 25 }, () => '...F @include(if: true) @skip(if: false)').join(' ');
    const allowed = await overBoth(`{ viewer { ${fifty} } } fragment F on Viewer { role }`);
    expect(allowed.http.errors).toBeUndefined();
    expect(allowed.ws.errors).toBeUndefined();
  });
});

describe('every list is priced by its real maximum', () => {
  it('approvalEvents(first: 500) costs 500 objects and changes(first: 500) 1 + 500, on both transports', async () => {
    const polled = await server.gql(admin, '{ approvalEvents(first: 500) { sequence } }');
    expect(polled.extensions?.rateLimit?.cost).toBe(500);
    expect((await socket.run('{ approvalEvents(first: 500) { sequence } }')).extensions?.rateLimit?.cost).toBe(500);
    // The default page of 100, and nested objects multiply.
    expect((await server.gql(admin, '{ approvalEvents { sequence } }')).extensions?.rateLimit?.cost).toBe(100);

    const feed = await server.gql(admin, '{ changes(first: 500) { changes { cursor } hasMore } }');
    expect(feed.extensions?.rateLimit?.cost).toBe(501);
    expect((await socket.run('{ changes(first: 500) { changes { cursor node { id } } } }')).extensions?.rateLimit?.cost).toBe(1 + 500 * 2);
    // A page size over the field's maximum is priced at the maximum: the resolver refuses it anyway.
    const over = await server.gql(admin, '{ changes(first: 100000) { changes { cursor } } }');
    expect(over.extensions?.rateLimit?.cost).toBe(501);
    expect(over.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('RateLimit headers', () => {
  it('sends RateLimit-Limit, -Remaining, -Reset and -Policy with every charged response', async () => {
    const response = await server.http.post('/graphql').set('authorization', `Bearer ${admin}`).send({ query: '{ viewer { role } }' });
    const { rateLimit } = response.body.extensions;
    expect(response.headers['ratelimit-limit']).toBe(String(rateLimit.limit));
    expect(response.headers['ratelimit-remaining']).toBe(String(rateLimit.remaining));
    expect(response.headers['ratelimit-policy']).toBe(`${rateLimit.limit};w=3600`);
    const reset = Number(response.headers['ratelimit-reset']);
    expect(Number.isInteger(reset) && reset >= 0).toBe(true);
    expect(Date.parse(rateLimit.resetAt)).toBeGreaterThanOrEqual(Date.now() + (reset - 2) * 1000);
  });
});

describe('GET', () => {
  it('with Accept: */* (curl) is an API request: authenticated first, then the GraphQL-over-HTTP GET rules', async () => {
    const anonymous = await server.http.get('/graphql').query({ query: '{ viewer { role } }' }).set('accept', '*/*');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const bare = await server.http.get('/graphql').set('accept', '*/*');
    expect(bare.status).toBe(401);

    const query = await server.http.get('/graphql').query({ query: '{ viewer { role } }' }).set('accept', '*/*').set('authorization', `Bearer ${admin}`);
    expect(query.status).toBe(200);
    expect(query.body.data).toEqual({ viewer: { role: 'ADMIN' } });
    const noQuery = await server.http.get('/graphql').set('accept', '*/*').set('authorization', `Bearer ${admin}`);
    expect(noQuery.status).toBe(400);
    const mutation = await server.http
      .get('/graphql')
      .query({ query: 'mutation { revokeApiKey(input: { id: "x" }) { userErrors { code } } }' })
      .set('accept', '*/*')
      .set('authorization', `Bearer ${admin}`);
    expect(mutation.status).toBe(405);
    // An Accept that lists HTML after a type Apollo answers in is an API request too, never a 500.
    const mixed = await server.http.get('/graphql').query({ query: '{ viewer { role } }' }).set('accept', 'application/graphql-response+json, text/html');
    expect(mixed.status).toBe(401);
  });

  it('only a request that prefers text/html gets the IDE page, without a key', async () => {
    const browser = await server.http.get('/graphql').set('accept', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8');
    expect(browser.status).toBe(200);
    expect(browser.headers['content-type']).toMatch(/text\/html/);
    const explicit = await server.http.get('/graphql').set('accept', 'text/html');
    expect(explicit.status).toBe(200);
    expect(explicit.text).toMatch(/<html/i);
  });
});

describe('control characters in strings', () => {
  it('refuses NUL in a variable as VALIDATION_FAILED with the field path, before any SQL, on both transports', async () => {
    const before = await server.app.dataSource.getRepository(Partner).count();
    const refused = await overBoth(APPLY, { input: application('Null\u0000Byte') });
    expect(refused.status).toBe(400);
    expect(refused.sqlStatements).toBe(0);
    for (const { data, errors } of [refused.http, refused.ws]) {
      expect(data ?? undefined).toBeUndefined();
      expect(errors).toMatchObject([{ extensions: { code: 'VALIDATION_FAILED', field: ['input', 'name'] } }]);
      expect(errors?.[0].message).toMatch(/`input\.name` contains the control character U\+0000/);
    }
    expect(await server.app.dataSource.getRepository(Partner).count()).toBe(before);
  });

  it('refuses them in string literals and lists too, and in reads (which reached PostgreSQL as INTERNAL_SERVER_ERROR)', async () => {
    const literal = await overBoth(`{ partners(filter: { portalExternalIds: ["IMP-1", "IMP-\\u0007"] }) { totalCount } }`);
    expect(literal.status).toBe(400);
    for (const { errors } of [literal.http, literal.ws]) {
      expect(errors).toMatchObject([{ extensions: { code: 'VALIDATION_FAILED', field: ['filter', 'portalExternalIds', '1'] } }]);
      expect(errors?.[0].message).toMatch(/U\+0007/);
    }
    const read = await overBoth(`query ($name: String) { partners(filter: { nameContains: $name }) { totalCount } }`, { name: 'a\u0000' });
    for (const { errors } of [read.http, read.ws]) expect(errors).toMatchObject([{ extensions: { code: 'VALIDATION_FAILED', field: ['name'] } }]);
  });

  it('lets tab, line feed and carriage return through', async () => {
    const text = await overBoth(`query ($name: String) { partners(filter: { nameContains: $name }) { totalCount } }`, { name: 'a\tb\nc\r' });
    expect(text.http.errors).toBeUndefined();
    expect(text.ws.errors).toBeUndefined();
  });
});

describe('variable errors', () => {
  it(`answers more than ${MAX_VARIABLE_ERRORS} variable errors with 400 and BAD_USER_INPUT on every error, not INTERNAL_SERVER_ERROR`, async () => {
    const ids = Array.from({ length: 60 }, () => ({ not: 'an id' }));
    const refused = await overBoth(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids });
    expect(refused.status).toBe(400);
    for (const { errors } of [refused.http, refused.ws]) {
      expect(errors).toHaveLength(MAX_VARIABLE_ERRORS + 1);
      expect(errors?.every((error) => error.extensions?.code === 'BAD_USER_INPUT')).toBe(true);
      expect(errors?.at(-1)?.message).toMatch(/Too many errors processing variables/);
    }
  });

  it('answers a few variable errors with 400 and BAD_USER_INPUT on both transports', async () => {
    const refused = await overBoth(APPLY, { input: { ...application('Bad'), category: 'NOPE' } });
    expect(refused.status).toBe(400);
    for (const { errors } of [refused.http, refused.ws]) expect(errors).toMatchObject([{ extensions: { code: 'BAD_USER_INPUT' } }]);
  });
});

describe('production hides the schema in variable errors too', () => {
  let production: TestServer;
  beforeAll(async () => {
    production = await startTestServer({ config: { NODE_ENV: 'production' } });
  });
  afterAll(() => production.stop());

  it('drops "Did you mean …" from variable-coercion errors over HTTP', async () => {
    const key = await production.key(Role.ADMIN);
    const badEnum = await production.gql(key, APPLY, { input: { ...application('Suggest'), category: 'CHANNELL' } });
    expect(badEnum.status).toBe(400);
    expect(badEnum.errors?.[0].message).toMatch(/does not exist in "PartnerCategory" enum\.$/);
    const badField = await production.gql(key, APPLY, { input: { ...application('Suggest'), nam: 'x' } });
    expect(badField.errors?.[0].message).toMatch(/Field "nam" is not defined by type "ApplyPartnerInput"\.$/);
    for (const error of [...badEnum.errors!, ...badField.errors!]) expect(error.message).not.toMatch(/Did you mean/);
    // Outside production the suggestion is there: this test can fail.
    const development = await server.gql(admin, APPLY, { input: { ...application('Suggest'), category: 'CHANNELL' } });
    expect(development.errors?.[0].message).toMatch(/Did you mean the enum value "CHANNEL"\?/);
  });
});
