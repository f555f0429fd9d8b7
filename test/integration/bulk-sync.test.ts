import { Role } from '../../src/auth/role.enum';
import { Opportunity } from '../../src/crm/opportunity.entity';
import { TestServer, startTestServer } from '../support/test-server';
import { gid, insertPartner } from '../support/fixtures';
import { Person } from '../../src/people/person.entity';

let server: TestServer;
let crm: string;

beforeAll(async () => {
  server = await startTestServer();
  crm = await server.key(Role.CRM_SYNC);
});
afterAll(() => server.stop());

const BULK = `mutation ($input: UpsertOpportunitiesInput!) { upsertOpportunities(input: $input) {
  results { externalId change opportunity { version } userErrors { field code message } } userErrors { code message } } }`;

interface BulkPayload {
  results: Array<{
    externalId: string;
    change: string | null;
    opportunity: { version: number } | null;
    userErrors: Array<{ field: string[] | null; code: string; message: string }>;
  }>;
  userErrors: Array<{ code: string }>;
}

function batch(): Array<Record<string, unknown>> {
  return Array.from({ length: 500 }, (_, i) => {
    const item: Record<string, unknown> = {
      externalId: `006-BULK-${i}`,
      name: `Bulk ${i}`,
      customer: { crmAccountId: `ACC-BULK-${i % 37}`, name: `Customer ${i % 37}`, country: 'DE', territory: 'EMEA' },
      stage: i % 3 === 0 ? 'STAGE_1' : 'STAGE_4',
      kind: 'NEW_CUSTOMER',
      amount: `${1000 + i}.00`,
    };
    if (i % 50 === 7) delete item.kind; // 10 bad items: a new opportunity needs its kind
    return item;
  });
}

async function send(items: Array<Record<string, unknown>>): Promise<BulkPayload> {
  const response = await server.gql<{ upsertOpportunities: BulkPayload }>(crm, BULK, { input: { items } });
  expect(response.errors).toBeUndefined();
  return response.data!.upsertOpportunities;
}

describe('bulk upsert of opportunities', () => {
  it('a 500-item batch with 10 bad items applies 490 and reports the 10; the same batch again reports everything else unchanged', async () => {
    const first = await send(batch());
    expect(first.results).toHaveLength(500);
    expect(first.results.filter((r) => r.change === 'CREATED')).toHaveLength(490);
    const failed = first.results.filter((r) => r.change === null);
    expect(failed).toHaveLength(10);
    expect(
      failed.every(
        (r) => r.userErrors[0].code === 'VALIDATION_FAILED' && r.userErrors[0].field?.join('.') === `input.items.${r.externalId.split('-')[2]}.kind`,
      ),
    ).toBe(true);
    expect(await server.app.dataSource.getRepository(Opportunity).count()).toBe(490);

    const again = await send(batch());
    expect(again.results.filter((r) => r.change === 'UNCHANGED')).toHaveLength(490);
    expect(again.results.filter((r) => r.change === null)).toHaveLength(10);
    expect(again.results.filter((r) => r.opportunity).every((r) => r.opportunity!.version === 1)).toBe(true);
    expect(await server.app.dataSource.getRepository(Opportunity).count()).toBe(490);
    // A thousand upserts, one transaction each: about 40 s on an idle machine, so the default 60 s is too tight on a busy one.
  }, 180_000);

  it('updates what changed and refuses more than 500 items or a role that may not write CRM data', async () => {
    const changed = await send([
      { externalId: '006-BULK-1', stage: 'STAGE_6' },
      { externalId: '006-BULK-2', stage: 'STAGE_4' },
    ]);
    expect(changed.results.map((r) => r.change)).toEqual(['UPDATED', 'UNCHANGED']);
    const tooMany = await send(Array.from({ length: 501 }, (_, i) => ({ externalId: `x-${i}` })));
    expect(tooMany).toMatchObject({ results: [], userErrors: [{ code: 'VALIDATION_FAILED' }] });
    const portal = await server.key(Role.PORTAL_SYNC);
    const forbidden = await server.gql<{ upsertOpportunities: BulkPayload }>(portal, BULK, {
      input: { items: [{ externalId: '006-BULK-1', stage: 'STAGE_5' }] },
    });
    expect(forbidden.data?.upsertOpportunities.userErrors[0].code).toBe('FORBIDDEN');
  });
});

describe('bulk upsert of people (portal sync)', () => {
  const PEOPLE = `mutation ($input: UpsertPeopleInput!) { upsertPeople(input: $input) {
    results { portalExternalId change person { email version } userErrors { field code } } userErrors { code } } }`;

  it('adds new people, updates changed ones, leaves equal ones alone, and reports bad items without blocking the rest', async () => {
    const partner = await insertPartner(server.app.dataSource);
    const portal = await server.key(Role.PORTAL_SYNC);
    const items = Array.from({ length: 40 }, (_, i) => ({
      partnerId: gid('Partner', partner.id),
      portalExternalId: `C-${i}`,
      firstName: 'P',
      lastName: `${i}`,
      email: i === 13 ? 'not-an-email' : `p${i}@portal.example`,
    }));
    const first = await server.gql<{ upsertPeople: { results: Array<{ change: string | null; userErrors: Array<{ code: string }> }> } }>(portal, PEOPLE, {
      input: { items },
    });
    // A malformed email is refused by the EmailAddress scalar for the whole request: GraphQL-level.
    expect(first.status).toBe(400);
    items[13].email = 'p13@portal.example';
    items[20] = { ...items[20], firstName: 'x'.repeat(101) };
    const created = await server.gql<{ upsertPeople: { results: Array<{ change: string | null; userErrors: Array<{ code: string }> }> } }>(portal, PEOPLE, {
      input: { items },
    });
    const results = created.data!.upsertPeople.results;
    expect(results.filter((r) => r.change === 'CREATED')).toHaveLength(39);
    expect(results[20]).toMatchObject({ change: null, userErrors: [{ code: 'VALIDATION_FAILED' }] });
    items[20] = { ...items[20], firstName: 'P' };
    items[5] = { ...items[5], lastName: 'renamed' };
    const again = await server.gql<{ upsertPeople: { results: Array<{ change: string | null; person: { version: number } | null }> } }>(portal, PEOPLE, {
      input: { items },
    });
    const changes = again.data!.upsertPeople.results.map((r) => r.change);
    expect(changes.filter((c) => c === 'UNCHANGED')).toHaveLength(38);
    expect(changes[5]).toBe('UPDATED');
    expect(changes[20]).toBe('CREATED');
    expect(again.data!.upsertPeople.results[5].person?.version).toBe(2);
    expect(await server.app.dataSource.getRepository(Person).countBy({ partnerId: partner.id })).toBe(40);
  });
});

describe('bulk upsert of partners (portal sync)', () => {
  const PARTNERS = `mutation ($input: UpsertPartnersInput!) { upsertPartners(input: $input) {
    results { portalExternalId change partner { name status track version } userErrors { field code ruleIds } } userErrors { code } } }`;

  it('R-PTR-02: new partners apply on the Open track, changed profiles update, equal ones are left alone, and a bad item blocks nothing', async () => {
    const portal = await server.key(Role.PORTAL_SYNC);
    const items: Array<Record<string, unknown>> = Array.from({ length: 20 }, (_, i) => ({
      portalExternalId: `IMP-BULK-${i}`,
      name: `Bulk partner ${i}`,
      category: 'CHANNEL',
      territory: 'EMEA',
      country: 'DE',
    }));
    items[4] = { ...items[4], track: 'SELECT' };
    type Result = {
      portalExternalId: string;
      change: string | null;
      partner: { name: string; status: string; track: string; version: number } | null;
      userErrors: Array<{ code: string; ruleIds: string[] }>;
    };
    const run = async () => (await server.gql<{ upsertPartners: { results: Result[] } }>(portal, PARTNERS, { input: { items } })).data!.upsertPartners.results;
    const first = await run();
    expect(first.filter((r) => r.change === 'CREATED')).toHaveLength(19);
    expect(first[0].partner).toMatchObject({ status: 'APPLIED', track: 'OPEN' });
    expect(first[4]).toMatchObject({ change: null, userErrors: [{ ruleIds: ['R-PTR-02'] }] });
    items[4] = { ...items[4], track: undefined };
    items[7] = { ...items[7], name: 'Renamed partner' };
    const second = await run();
    expect(second.map((r) => r.change).filter((c) => c === 'UNCHANGED')).toHaveLength(18);
    expect(second[4].change).toBe('CREATED');
    expect(second[7]).toMatchObject({ change: 'UPDATED', partner: { name: 'Renamed partner', version: 2 } });
  });
});
