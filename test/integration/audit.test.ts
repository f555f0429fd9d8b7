import { redactSecrets } from '../../src/audit/audit.service';
import { Role } from '../../src/auth/role.enum';
import { databaseIdOf } from '../../src/common/global-id';
import { TestServer, startTestServer } from '../support/test-server';

let server: TestServer;
let admin: string;

interface AuditView {
  id: string;
  apiKeyId: string;
  role: string;
  operation: string;
  input: Record<string, unknown>;
  outcome: string;
  errorCodes: string[];
  entityType: string | null;
  entityId: string | null;
  requestId: string;
  createdAt: string;
}
interface Connection {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: AuditView[];
}

const ENTRIES = `query ($first: Int, $after: String, $filter: AuditEntryFilter) {
  auditEntries(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    nodes { id apiKeyId role operation input outcome errorCodes entityType entityId requestId createdAt }
  }
}`;
const CREATE_KEY = `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { key apiKey { id } userErrors { code } } }`;
const APPLY = `mutation ($input: ApplyPartnerInput!) { applyPartner(input: $input) { partner { id } userErrors { code field } } }`;

/** A key made through the API, so its global ID is known. */
async function issueKey(role: string): Promise<{ key: string; id: string }> {
  const response = await server.gql<{ createApiKey: { key: string; apiKey: { id: string } } }>(admin, CREATE_KEY, { input: { name: `audit ${role}`, role } });
  return { key: response.data!.createApiKey.key, id: response.data!.createApiKey.apiKey.id };
}

async function entries(filter: Record<string, unknown>, first = 100, after?: string | null): Promise<Connection> {
  const response = await server.gql<{ auditEntries: Connection }>(admin, ENTRIES, { first, after, filter });
  expect(response.errors).toBeUndefined();
  return response.data!.auditEntries;
}

async function apply(key: string, input: Record<string, unknown>) {
  return server.gql<{ applyPartner: { partner: { id: string } | null; userErrors: Array<{ code: string }> } }>(key, APPLY, { input });
}

const application = (n: number) => ({ name: `Audited ${n}`, category: 'CHANNEL', territory: 'EMEA', country: 'DE', portalExternalId: `IMP-AUD-${n}` });

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.key(Role.ADMIN);
});
afterAll(() => server.stop());

describe('audit trail', () => {
  it('records a mutation: key id, role, input, outcome, entity, request id and time', async () => {
    const portal = await issueKey('PORTAL_SYNC');
    const before = Date.now();
    const response = await apply(portal.key, { ...application(1), idempotencyKey: 'apply-1' });
    expect(response.data?.applyPartner.userErrors).toEqual([]);

    const { nodes } = await entries({ apiKeyIds: [portal.id] });
    expect(nodes).toHaveLength(1);
    expect(nodes[0]).toMatchObject({
      apiKeyId: portal.id,
      role: 'PORTAL_SYNC',
      operation: 'applyPartner',
      input: { ...application(1), idempotencyKey: 'apply-1' },
      outcome: 'OK',
      errorCodes: [],
      entityType: 'Partner',
      entityId: response.data!.applyPartner.partner!.id,
      requestId: response.extensions!.requestId,
    });
    expect(new Date(nodes[0].createdAt).getTime()).toBeGreaterThanOrEqual(before - 5_000);
  });

  it('records refused mutations with their error codes: by role, by validation, and by a rule inside the rolled-back transaction', async () => {
    const crm = await issueKey('CRM_SYNC');
    const ops = await issueKey('ECOSYSTEM_OPS');
    const forbidden = await apply(crm.key, application(2));
    expect(forbidden.data?.applyPartner.userErrors).toMatchObject([{ code: 'FORBIDDEN' }]);
    const invalid = await apply(ops.key, { ...application(3), name: '' });
    expect(invalid.data?.applyPartner.userErrors).toMatchObject([{ code: 'VALIDATION_FAILED' }]);
    const ruled = await apply(ops.key, { ...application(4), category: 'ALLIANCE' });
    const ruleCodes = ruled.data!.applyPartner.userErrors.map((e) => e.code);
    expect(ruleCodes.length).toBeGreaterThan(0);
    expect(ruled.data?.applyPartner.partner).toBeNull();

    const [crmEntry] = (await entries({ apiKeyIds: [crm.id] })).nodes;
    expect(crmEntry).toMatchObject({ role: 'CRM_SYNC', operation: 'applyPartner', outcome: 'REFUSED', errorCodes: ['FORBIDDEN'], entityId: null });
    expect(crmEntry.input).toMatchObject({ name: 'Audited 2' });

    const opsEntries = (await entries({ apiKeyIds: [ops.id], operations: ['applyPartner'] })).nodes;
    expect(opsEntries.map((e) => [e.outcome, e.errorCodes, e.input.portalExternalId])).toEqual([
      ['REFUSED', [...new Set(ruleCodes)], 'IMP-AUD-4'],
      ['REFUSED', ['VALIDATION_FAILED'], 'IMP-AUD-3'],
    ]);
  });

  it('names the targeted entity of a refused change to an existing row', async () => {
    const response = await server.gql<{ createApiKey: { apiKey: { id: string } } }>(admin, CREATE_KEY, { input: { name: 'revoke twice', role: 'ESM' } });
    const id = response.data!.createApiKey.apiKey.id;
    const ops = await issueKey('ECOSYSTEM_OPS');
    await server.gql(ops.key, `mutation ($id: ID!) { revokeApiKey(input: { id: $id }) { userErrors { code } } }`, { id });
    const [entry] = (await entries({ apiKeyIds: [ops.id], operations: ['revokeApiKey'] })).nodes;
    expect(entry).toMatchObject({ outcome: 'REFUSED', errorCodes: ['FORBIDDEN'], entityType: 'ApiKey', entityId: id, input: { id } });
  });

  it('never records a clear key: createApiKey and rotateApiKey entries hold the input only', async () => {
    const created = await server.gql<{ createApiKey: { key: string; apiKey: { id: string } } }>(admin, CREATE_KEY, {
      input: { name: 'secret holder', role: 'ASM' },
    });
    const { key, apiKey } = created.data!.createApiKey;
    const rotated = await server.gql<{ rotateApiKey: { key: string; apiKey: { id: string } } }>(
      admin,
      `mutation ($id: ID!) { rotateApiKey(input: { id: $id }) { key apiKey { id } } }`,
      { id: apiKey.id },
    );
    const newKey = rotated.data!.rotateApiKey.key;

    const { nodes } = await entries({ operations: ['createApiKey', 'rotateApiKey'] });
    const createEntry = nodes.find((e) => e.operation === 'createApiKey' && e.entityId === apiKey.id);
    const rotateEntry = nodes.find((e) => e.operation === 'rotateApiKey' && e.input.id === apiKey.id);
    expect(createEntry).toMatchObject({ role: 'ADMIN', outcome: 'OK', entityType: 'ApiKey', input: { name: 'secret holder', role: 'ASM' } });
    expect(rotateEntry).toMatchObject({ outcome: 'OK', entityType: 'ApiKey', entityId: rotated.data!.rotateApiKey.apiKey.id });

    const everything = JSON.stringify(await entries({}));
    for (const secret of [key, newKey, admin]) expect(everything).not.toContain(secret.slice(4));
    const [{ input }] = await server.app.dataSource.query(`SELECT input::text AS input FROM audit_entry WHERE entity_id = $1`, [
      databaseIdOf(apiKey.id, 'ApiKey'),
    ]);
    expect(input).not.toContain(key.slice(4));
  });

  it('redacts credential-like input fields at any depth, but keeps idempotencyKey', () => {
    const redacted = redactSecrets({
      name: 'n',
      key: 'k',
      idempotencyKey: 'i',
      nested: { clientSecret: 's', password: 'p', accessToken: 't', authorization: 'a', list: [{ apiKey: 'x', ok: 1 }] },
      at: new Date('2026-01-01T00:00:00Z'),
      missing: undefined,
    });
    expect(redacted).toEqual({
      name: 'n',
      key: '[redacted]',
      idempotencyKey: 'i',
      nested: {
        clientSecret: '[redacted]',
        password: '[redacted]',
        accessToken: '[redacted]',
        authorization: '[redacted]',
        list: [{ apiKey: '[redacted]', ok: 1 }],
      },
      at: '2026-01-01T00:00:00.000Z',
    });
  });

  it('lists newest first, pages without overlap and filters by key, operation and time', async () => {
    const ops = await issueKey('ECOSYSTEM_OPS');
    for (let n = 10; n < 15; n += 1) await apply(ops.key, application(n));
    const all = await entries({ apiKeyIds: [ops.id] });
    expect(all.totalCount).toBe(5);
    expect(all.nodes.map((e) => e.input.name)).toEqual(['Audited 14', 'Audited 13', 'Audited 12', 'Audited 11', 'Audited 10']);

    const page1 = await entries({ apiKeyIds: [ops.id] }, 2);
    const page2 = await entries({ apiKeyIds: [ops.id] }, 2, page1.pageInfo.endCursor);
    const page3 = await entries({ apiKeyIds: [ops.id] }, 2, page2.pageInfo.endCursor);
    expect([...page1.nodes, ...page2.nodes, ...page3.nodes].map((e) => e.id)).toEqual(all.nodes.map((e) => e.id));
    expect(page3.pageInfo.hasNextPage).toBe(false);

    const since = all.nodes[1].createdAt;
    const recent = await entries({ apiKeyIds: [ops.id], since });
    expect(recent.nodes.every((e) => e.createdAt >= since)).toBe(true);
    expect(recent.nodes.map((e) => e.id)).toEqual(all.nodes.filter((e) => e.createdAt >= since).map((e) => e.id));
    expect((await entries({ apiKeyIds: [ops.id], operations: ['submitDealRegistration'] })).totalCount).toBe(0);

    const bad = await server.gql(admin, ENTRIES, { filter: { apiKeyIds: ['nope'] } });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a committed mutation always has its entry: when its audit insert fails, the mutation answers an error and its change is rolled back', async () => {
    const ops = await issueKey('ECOSYSTEM_OPS');
    // The audit insert of one call fails, as a lost connection or a full disk would fail it.
    await server.app.dataSource.query(`
      CREATE FUNCTION refuse_one_audit_entry() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.operation = 'applyPartner' AND NEW.input->>'portalExternalId' = 'IMP-AUD-UNAUDITABLE' THEN
          RAISE EXCEPTION 'audit entry refused by the test';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_one_audit_entry BEFORE INSERT ON audit_entry FOR EACH ROW EXECUTE FUNCTION refuse_one_audit_entry();`);
    try {
      const events = async () => Number((await server.app.dataSource.query(`SELECT count(*) AS n FROM status_transition`))[0].n);
      const eventsBefore = await events();
      const failed = await apply(ops.key, { ...application(90), portalExternalId: 'IMP-AUD-UNAUDITABLE' });
      expect(failed.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(failed.data?.applyPartner ?? null).toBeNull();
      expect(await server.app.dataSource.query(`SELECT id FROM partner WHERE portal_external_id = 'IMP-AUD-UNAUDITABLE'`)).toEqual([]);
      // Nor its status event (applyPartner records APPLIED in the same transaction).
      expect(await events()).toBe(eventsBefore);

      // Every other call still commits with its entry.
      const done = await apply(ops.key, application(91));
      expect(done.data?.applyPartner.partner).not.toBeNull();
      expect(await events()).toBe(eventsBefore + 1);
      const { nodes } = await entries({ apiKeyIds: [ops.id] });
      expect(nodes.map((e) => [e.outcome, e.input.portalExternalId])).toEqual([['OK', 'IMP-AUD-91']]);
    } finally {
      await server.app.dataSource.query(`DROP TRIGGER refuse_one_audit_entry ON audit_entry; DROP FUNCTION refuse_one_audit_entry();`);
    }
  });

  it('bulk paths audit every item, changed or not: UNCHANGED and refused items under the bulk operation, the others as their mutation', async () => {
    const portal = await issueKey('PORTAL_SYNC');
    const UPSERT = `mutation ($input: UpsertPartnersInput!) { upsertPartners(input: $input) { results { change partner { id } } userErrors { code } } }`;
    const items = [application(80), application(81), { ...application(82), portalExternalId: null }];
    const first = await server.gql<{ upsertPartners: { results: Array<{ change: string | null; partner: { id: string } | null }> } }>(portal.key, UPSERT, {
      input: { items },
    });
    expect(first.data?.upsertPartners.results.map((r) => r.change)).toEqual(['CREATED', 'CREATED', null]);
    const again = await server.gql<{ upsertPartners: { results: Array<{ change: string | null }> } }>(portal.key, UPSERT, {
      input: { items: [application(80), { ...application(81), name: 'Renamed 81' }] },
    });
    expect(again.data?.upsertPartners.results.map((r) => r.change)).toEqual(['UNCHANGED', 'UPDATED']);
    const tooMany = await server.gql<{ upsertPartners: { userErrors: Array<{ code: string }> } }>(portal.key, UPSERT, {
      input: { items: Array.from({ length: 501 }, (_, i) => application(1000 + i)) },
    });
    expect(tooMany.data?.upsertPartners.userErrors).toMatchObject([{ code: 'VALIDATION_FAILED' }]);

    const { nodes } = await entries({ apiKeyIds: [portal.id] });
    const created = first.data!.upsertPartners.results.map((r) => r.partner?.id ?? null);
    // Per call (request id); within a call, items written together share their time, so compare them sorted.
    const sorted = (rows: Array<Array<string | null>>) => rows.sort((a, b) => a.join().localeCompare(b.join()));
    const call = (requestId: unknown) =>
      sorted(
        nodes
          .filter((e) => e.requestId === requestId)
          .map((e) => [
            e.operation,
            e.outcome,
            e.errorCodes.join(),
            e.entityId ?? '',
            typeof e.input.portalExternalId === 'string' ? e.input.portalExternalId : '',
          ]),
      );
    expect(call(first.extensions?.requestId)).toEqual(
      sorted([
        ['applyPartner', 'OK', '', created[0], 'IMP-AUD-80'],
        ['applyPartner', 'OK', '', created[1], 'IMP-AUD-81'],
        ['upsertPartners', 'REFUSED', 'VALIDATION_FAILED', '', ''],
      ]),
    );
    expect(call(again.extensions?.requestId)).toEqual(
      sorted([
        ['upsertPartners', 'OK', '', created[0], 'IMP-AUD-80'],
        ['updatePartnerProfile', 'OK', '', created[1], ''],
      ]),
    );
    expect(call(tooMany.extensions?.requestId)).toEqual([['upsertPartners', 'REFUSED', 'VALIDATION_FAILED', '', '']]);
    expect(nodes).toHaveLength(6);
  });

  it('is for ADMIN only', async () => {
    for (const role of [Role.ECOSYSTEM_OPS, Role.PORTAL_SYNC, Role.CRM_SYNC]) {
      const response = await server.gql(await server.key(role), ENTRIES, {});
      expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(response.data).toBeNull();
    }
  });
});
