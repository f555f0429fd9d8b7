import { Role } from '../../src/auth/role.enum';
import { FixedClock } from '../../src/config/clock';
import { Customer } from '../../src/crm/customer.entity';
import { Opportunity } from '../../src/crm/opportunity.entity';
import { DealRegistration } from '../../src/deals/deal-registration.entity';
import { Partner } from '../../src/partners/partner.entity';
import { CertificationKind } from '../../src/people/person.enums';
import { addDays } from '../../src/rules/decision';
import { gid, insertPartner, insertPerson } from '../support/fixtures';
import { rowCounts } from '../support/row-counts';
import { TestServer, startTestServer } from '../support/test-server';

const NOW = new Date('2026-12-10T10:00:00Z');
let server: TestServer;
let portal: string;
let crm: string;
let ops: string;

interface Registration {
  id: string;
  status: string;
  route: string;
  version: number;
  opportunity: { id: string; externalId: string; awaitingCrmId: boolean; customer: { id: string; crmAccountId: string; awaitingCrmId: boolean } } | null;
  candidateOpportunities: Array<{ id: string; externalId: string }>;
  submittedOpportunity: {
    name: string;
    customerName: string;
    customerTerritory: string;
    customerSector: string | null;
    customerEmailDomain: string | null;
  } | null;
}

interface Payload {
  dealRegistration: Registration | null;
  dryRun: boolean;
  decision: { outcome: string; ruleIds: string[]; reasons: string[]; unmet: Array<{ code: string; ruleId: string }> } | null;
  userErrors: Array<{ field: string[] | null; code: string; message: string; ruleIds: string[]; ruleCode: string | null }>;
}

const REGISTRATION = `id status route version
  opportunity { id externalId awaitingCrmId customer { id crmAccountId awaitingCrmId } }
  candidateOpportunities { id externalId }
  submittedOpportunity { name customerName customerTerritory customerSector customerEmailDomain }`;
const FIELDS = `dealRegistration { ${REGISTRATION} } dryRun decision { outcome ruleIds reasons unmet { code ruleId } } userErrors { field code message ruleIds ruleCode }`;

beforeAll(async () => {
  server = await startTestServer({ clock: new FixedClock(NOW) });
  portal = await server.key(Role.PORTAL_SYNC);
  crm = await server.key(Role.CRM_SYNC);
  ops = await server.key(Role.ECOSYSTEM_OPS);
});
afterAll(() => server.stop());

async function eligiblePartner(): Promise<Partner> {
  const partner = await insertPartner(server.app.dataSource);
  await insertPerson(server.app.dataSource, partner, [{ kind: CertificationKind.FOUNDATIONS }]);
  return partner;
}

async function mutate(key: string, name: string, input: Record<string, unknown>): Promise<Payload> {
  const inputType = `${name.charAt(0).toUpperCase()}${name.slice(1)}Input`;
  const response = await server.gql<Record<string, Payload>>(key, `mutation ($input: ${inputType}!) { ${name}(input: $input) { ${FIELDS} } }`, { input });
  expect(response.errors).toBeUndefined();
  return response.data![name];
}

function submit(key: string, partner: Partner, opportunity: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<Payload> {
  return mutate(key, 'submitDealRegistration', { partnerId: gid('Partner', partner.id), programType: 'RESALE', opportunity, ...extra });
}

async function read(key: string, id: string): Promise<Registration | null> {
  const response = await server.gql<{ node: Registration | null }>(key, `query ($id: ID!) { node(id: $id) { ... on DealRegistration { ${REGISTRATION} } } }`, {
    id,
  });
  expect(response.errors).toBeUndefined();
  return response.data!.node;
}

const databaseId = (globalId: string): string => Buffer.from(globalId, 'base64url').toString().split(':')[1];

/** What the CRM job sends: an opportunity of a customer account. */
async function crmOpportunity(
  input: Record<string, unknown>,
): Promise<{ id: string; externalId: string; customer: { id: string; crmAccountId: string } } | null> {
  const response = await server.gql<{
    upsertOpportunity: {
      opportunity: { id: string; externalId: string; customer: { id: string; crmAccountId: string } } | null;
      change: string;
      userErrors: unknown[];
    };
  }>(
    crm,
    `mutation ($input: UpsertOpportunityInput!) { upsertOpportunity(input: $input) { opportunity { id externalId customer { id crmAccountId } } change userErrors { field code message } } }`,
    { input },
  );
  expect(response.errors).toBeUndefined();
  expect(response.data!.upsertOpportunity.userErrors).toEqual([]);
  return response.data!.upsertOpportunity.opportunity;
}

describe('R-DEAL-05: omitting the CRM ID never skips routing', () => {
  it('R-DEAL-05: no CRM ID, but the customer (matched by normalized name) has a stage-4 opportunity with recent activity: PENDING_OPS_REVIEW with the candidate listed, nothing created; Ecosystem Ops links it and the routing denies it', async () => {
    const existing = await crmOpportunity({
      externalId: '006-UMB',
      name: 'Umbrella platform',
      customer: { crmAccountId: 'ACC-UMB', name: 'Umbrella Corporation', country: 'US', territory: 'NORTH_AMERICA' },
      stage: 'STAGE_4',
      kind: 'NEW_BUSINESS_EXISTING_CUSTOMER',
      lastSalesActivityAt: addDays(NOW, -10).toISOString(),
    });
    const partner = await eligiblePartner();
    const own = await server.key(Role.PARTNER_USER, { partnerId: partner.id });
    const before = await server.app.dataSource.getRepository(Opportunity).count();
    const submitted = await submit(own, partner, { name: 'Umbrella expansion', kind: 'NEW_BUSINESS_EXISTING_CUSTOMER', customerName: 'UMBRELLA corp.' });
    expect(submitted.userErrors).toEqual([]);
    expect(submitted.dealRegistration).toMatchObject({ status: 'PENDING_OPS_REVIEW', route: 'OPS_REVIEW', opportunity: null });
    expect(submitted.decision).toMatchObject({ outcome: 'PENDING_OPS_REVIEW' });
    expect(submitted.decision!.ruleIds).toEqual(expect.arrayContaining(['R-DEAL-05', 'R-DEAL-09']));
    expect(submitted.decision!.reasons.join(' ')).toContain('matched by name');
    expect(await server.app.dataSource.getRepository(Opportunity).count()).toBe(before);
    // The partner sees its submission, not the CRM's opportunity it matched.
    expect(JSON.stringify(submitted)).not.toContain(existing!.id);
    expect(JSON.stringify(submitted)).not.toContain('006-UMB');
    expect(submitted.dealRegistration!.candidateOpportunities).toEqual([]);
    expect(submitted.dealRegistration!.submittedOpportunity).toMatchObject({ customerName: 'UMBRELLA corp.', customerTerritory: 'EMEA' });
    const id = submitted.dealRegistration!.id;
    expect((await read(ops, id))!.candidateOpportunities).toEqual([{ id: existing!.id, externalId: '006-UMB' }]);

    const esm = await server.key(Role.ESM);
    expect((await mutate(esm, 'linkDealRegistrationOpportunity', { id, opportunityId: existing!.id })).userErrors[0].code).toBe('FORBIDDEN');
    expect((await mutate(own, 'linkDealRegistrationOpportunity', { id, opportunityId: existing!.id })).userErrors[0].code).toBe('FORBIDDEN');
    const linked = await mutate(ops, 'linkDealRegistrationOpportunity', { id, opportunityId: existing!.id, reason: 'Same account' });
    expect(linked.dealRegistration).toMatchObject({ status: 'DENIED', route: 'LATE_STAGE', opportunity: { id: existing!.id } });
    expect(linked.decision).toMatchObject({ outcome: 'DENIED', unmet: [{ code: 'RECENT_SALES_ACTIVITY', ruleId: 'R-DEAL-05' }] });
    expect(linked.decision!.reasons.join(' ')).toContain('Ecosystem Ops linked it to one of the candidate opportunities');
    expect(await server.app.dataSource.getRepository(Opportunity).count()).toBe(before);
    expect((await mutate(ops, 'linkDealRegistrationOpportunity', { id, opportunityId: existing!.id })).userErrors[0]).toMatchObject({
      code: 'INVALID_TRANSITION',
      ruleIds: ['R-DEAL-05'],
    });
  });

  it('R-DEAL-05: matched by e-mail domain: Ecosystem Ops links a stage 1 candidate (→ ESM) or confirms the opportunity is new (→ approved, created for that customer)', async () => {
    const early = await crmOpportunity({
      externalId: '006-INI',
      name: 'Initrode pilot',
      customer: { crmAccountId: 'ACC-INI', name: 'Initrode', country: 'DE', territory: 'EMEA', emailDomain: 'initrode.example' },
      stage: 'STAGE_1',
      kind: 'NEW_CUSTOMER',
    });
    const partner = await eligiblePartner();
    const details = { name: 'Initrode rollout', kind: 'ADD_ON', customerName: 'Initrode Global Services', customerEmailDomain: 'WWW.Initrode.example' };
    const first = await submit(portal, partner, details);
    expect(first.dealRegistration).toMatchObject({ status: 'PENDING_OPS_REVIEW', submittedOpportunity: { customerEmailDomain: 'initrode.example' } });
    expect(first.decision!.reasons.join(' ')).toContain('matched by e-mail domain');
    const toEsm = await mutate(ops, 'linkDealRegistrationOpportunity', { id: first.dealRegistration!.id, opportunityId: early!.id });
    expect(toEsm.dealRegistration).toMatchObject({ status: 'PENDING_ESM', route: 'EARLY_STAGE', opportunity: { externalId: '006-INI' } });

    const second = await submit(portal, await eligiblePartner(), details);
    expect(second.dealRegistration?.status).toBe('PENDING_OPS_REVIEW');
    const stale = await mutate(ops, 'confirmNewDealOpportunity', { id: second.dealRegistration!.id, expectedVersion: second.dealRegistration!.version + 1 });
    expect(stale.userErrors[0].code).toBe('CONFLICT');
    const confirmed = await mutate(ops, 'confirmNewDealOpportunity', { id: second.dealRegistration!.id, reason: 'A separate rollout' });
    expect(confirmed.userErrors).toEqual([]);
    expect(confirmed.dealRegistration).toMatchObject({
      status: 'APPROVED',
      route: 'NO_OPPORTUNITY',
      opportunity: { awaitingCrmId: true, customer: { crmAccountId: 'ACC-INI', awaitingCrmId: false } },
    });
    expect(confirmed.dealRegistration!.opportunity!.externalId).toMatch(/^PRM-/);
    expect(confirmed.decision!.reasons).toEqual(
      expect.arrayContaining(['Ecosystem Ops confirmed the opportunity is new: approved and an opportunity is created', 'A separate rollout']),
    );
    expect(await server.app.dataSource.getRepository(Customer).countBy({ emailDomain: 'initrode.example' })).toBe(1);
    // Ecosystem Ops may also say that it is another customer altogether.
    const third = await submit(portal, await eligiblePartner(), details);
    const both = await mutate(ops, 'confirmNewDealOpportunity', { id: third.dealRegistration!.id, newCustomer: true, customerId: early!.customer.id });
    expect(both.userErrors[0]).toMatchObject({ code: 'VALIDATION_FAILED', field: ['input', 'newCustomer'] });
    const separate = await mutate(ops, 'confirmNewDealOpportunity', { id: third.dealRegistration!.id, newCustomer: true });
    expect(separate.dealRegistration).toMatchObject({ status: 'APPROVED', opportunity: { customer: { awaitingCrmId: true } } });
    expect(await server.app.dataSource.getRepository(Customer).countBy({ emailDomain: 'initrode.example' })).toBe(2);
  });

  it('R-DEAL-05: a dry run of such a submission returns PENDING_OPS_REVIEW and writes nothing; the partner may withdraw the real one', async () => {
    await crmOpportunity({
      externalId: '006-GLOBO',
      name: 'Globo',
      customer: { crmAccountId: 'ACC-GLOBO', name: 'Globo Gym', country: 'US', territory: 'NORTH_AMERICA' },
      stage: 'STAGE_3',
      kind: 'NEW_CUSTOMER',
    });
    const partner = await eligiblePartner();
    const before = await rowCounts(server.app.dataSource);
    const dry = await submit(
      portal,
      partner,
      { name: 'Globo', kind: 'NEW_CUSTOMER', customerCrmAccountId: 'ACC-GLOBO', customerName: 'whatever' },
      { dryRun: true },
    );
    expect(dry).toMatchObject({ dryRun: true, dealRegistration: null, decision: { outcome: 'PENDING_OPS_REVIEW' } });
    expect(dry.decision!.reasons.join(' ')).toContain('matched by CRM account ID');
    expect(await rowCounts(server.app.dataSource)).toEqual(before);
    const real = await submit(portal, partner, { name: 'Globo', kind: 'NEW_CUSTOMER', customerCrmAccountId: 'ACC-GLOBO', customerName: 'whatever' });
    const own = await server.key(Role.PARTNER_USER, { partnerId: partner.id });
    expect((await mutate(own, 'withdrawDealRegistration', { id: real.dealRegistration!.id })).dealRegistration?.status).toBe('WITHDRAWN');
  });

  it('R-DEAL-05: two partners registering the same new customer without any CRM ID at the same moment create one opportunity; the other waits for Ecosystem Ops with it as the candidate', async () => {
    const [a, b] = [await eligiblePartner(), await eligiblePartner()];
    const details = { name: 'Vandelay imports', kind: 'NEW_CUSTOMER', customerName: 'Vandelay Industries', customerCountry: 'US' };
    const results = await Promise.all([submit(portal, a, details), submit(portal, b, { ...details, customerName: 'VANDELAY industries, inc.' })]);
    expect(results.map((r) => r.userErrors)).toEqual([[], []]);
    expect(results.map((r) => r.dealRegistration!.status).sort()).toEqual(['APPROVED', 'PENDING_OPS_REVIEW']);
    const approved = results.find((r) => r.dealRegistration!.status === 'APPROVED')!.dealRegistration!;
    const waiting = results.find((r) => r.dealRegistration!.status === 'PENDING_OPS_REVIEW')!.dealRegistration!;
    expect((await read(ops, waiting.id))!.candidateOpportunities.map((o) => o.id)).toEqual([approved.opportunity!.id]);
    const customers = await server.app.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM customer WHERE normalized_name = customer_match_name('Vandelay Industries')`,
    );
    expect(customers).toEqual([{ id: databaseId(approved.opportunity!.customer.id) }]);
    expect(await server.app.dataSource.getRepository(Opportunity).countBy({ customerId: customers[0].id })).toBe(1);
    // Confirmed as new, the second gets its own opportunity of the same customer.
    const confirmed = await mutate(ops, 'confirmNewDealOpportunity', { id: waiting.id });
    expect(confirmed.dealRegistration).toMatchObject({ status: 'APPROVED', opportunity: { customer: { id: approved.opportunity!.customer.id } } });
    expect(await server.app.dataSource.getRepository(Opportunity).countBy({ customerId: customers[0].id })).toBe(2);
  });
});

describe('R-DEAL-05: a new customer without a CRM ID', () => {
  it('R-DEAL-05, R-REN-03: accepted with name, country and sector (US public sector → US_PUBSEC); the CRM job later attaches its opportunity and account IDs through upsertOpportunity', async () => {
    const partner = await eligiblePartner();
    const rival = await eligiblePartner();
    const submitted = await submit(portal, partner, {
      name: 'Parks modernisation',
      kind: 'NEW_CUSTOMER',
      customerName: 'City of Pawnee',
      customerCountry: 'US',
      customerSector: 'PUBLIC_SECTOR',
      customerEmailDomain: 'pawnee.example',
    });
    expect(submitted.userErrors).toEqual([]);
    expect(submitted.dealRegistration).toMatchObject({
      status: 'APPROVED',
      route: 'NO_OPPORTUNITY',
      opportunity: { awaitingCrmId: true, customer: { awaitingCrmId: true } },
    });
    const created = submitted.dealRegistration!.opportunity!;
    expect(created.externalId).toMatch(/^PRM-/);
    expect(created.customer.crmAccountId).toMatch(/^PRM-/);
    const customer = await server.app.dataSource.getRepository(Customer).findOneByOrFail({ crmAccountId: created.customer.crmAccountId });
    expect(customer).toMatchObject({ name: 'City of Pawnee', country: 'US', territory: 'US_PUBSEC', sector: 'PUBLIC_SECTOR', emailDomain: 'pawnee.example' });

    const TENDER = `query ($o: ID!, $b: [ID!]!) { tenderPricing(opportunityId: $o, bidderPartnerIds: $b) { pricing } }`;
    const tender = await server.gql<{ tenderPricing: Array<{ pricing: string }> }>(ops, TENDER, {
      o: created.id,
      b: [gid('Partner', partner.id), gid('Partner', rival.id)],
    });
    expect(tender.data?.tenderPricing.map((b) => b.pricing)).toEqual(['SOURCED_MARGIN', 'MSRP']);

    const attach = {
      externalId: '006-PAWNEE',
      placeholderExternalId: created.externalId,
      customer: { crmAccountId: 'ACC-PAWNEE', name: 'City of Pawnee', country: 'US', territory: 'US_PUBSEC' },
      stage: 'STAGE_1',
    };
    const attached = await crmOpportunity(attach);
    expect(attached).toEqual({ id: created.id, externalId: '006-PAWNEE', customer: { id: created.customer.id, crmAccountId: 'ACC-PAWNEE' } });
    expect(await read(ops, submitted.dealRegistration!.id)).toMatchObject({
      status: 'APPROVED',
      opportunity: { id: created.id, externalId: '006-PAWNEE', awaitingCrmId: false, customer: { crmAccountId: 'ACC-PAWNEE', awaitingCrmId: false } },
    });
    expect(await server.app.dataSource.getRepository(Customer).findOneByOrFail({ id: customer.id })).toMatchObject({
      sector: 'PUBLIC_SECTOR',
      emailDomain: 'pawnee.example',
    });
    // The CRM retries: nothing changes.
    const retried = await server.gql<{ upsertOpportunity: { change: string } }>(
      crm,
      `mutation ($input: UpsertOpportunityInput!) { upsertOpportunity(input: $input) { change } }`,
      {
        input: attach,
      },
    );
    expect(retried.data?.upsertOpportunity.change).toBe('UNCHANGED');
  });

  it('R-DEAL-05: a CRM account arriving with another opportunity attaches to the one customer awaiting a CRM ID with the same normalized name', async () => {
    const partner = await eligiblePartner();
    const submitted = await submit(portal, partner, { name: 'Hooli chat', kind: 'NEW_CUSTOMER', customerName: 'Hooli', customerCountry: 'US' });
    const placeholder = submitted.dealRegistration!.opportunity!.customer;
    const other = await crmOpportunity({
      externalId: '006-HOOLI-2',
      name: 'Hooli search',
      customer: { crmAccountId: 'ACC-HOOLI', name: 'Hooli, Inc.', country: 'US', territory: 'NORTH_AMERICA' },
      stage: 'STAGE_2',
      kind: 'NEW_CUSTOMER',
    });
    expect(other!.customer).toEqual({ id: placeholder.id, crmAccountId: 'ACC-HOOLI' });
    expect(await server.app.dataSource.getRepository(Customer).countBy({ crmAccountId: placeholder.crmAccountId })).toBe(0);
  });

  it('upsertOpportunity replaces only PRM- placeholders the API gave, and refuses an unknown one', async () => {
    const UPSERT = `mutation ($input: UpsertOpportunityInput!) { upsertOpportunity(input: $input) { opportunity { id } userErrors { field code } } }`;
    const before = await rowCounts(server.app.dataSource);
    const notPlaceholder = await server.gql<{ upsertOpportunity: { userErrors: Array<{ field: string[]; code: string }> } }>(crm, UPSERT, {
      input: { externalId: '006-NEWID', placeholderExternalId: '006-UMB' },
    });
    expect(notPlaceholder.data?.upsertOpportunity.userErrors).toEqual([{ field: ['input', 'placeholderExternalId'], code: 'VALIDATION_FAILED' }]);
    const unknown = await server.gql<{ upsertOpportunity: { userErrors: Array<{ field: string[]; code: string }> } }>(crm, UPSERT, {
      input: { externalId: '006-NEWID', placeholderExternalId: 'PRM-00000000-0000-4000-8000-000000000000' },
    });
    expect(unknown.data?.upsertOpportunity.userErrors).toEqual([{ field: ['input', 'placeholderExternalId'], code: 'NOT_FOUND' }]);
    expect(await rowCounts(server.app.dataSource)).toEqual(before);
  });

  it('registrations keep their link when the CRM renames the placeholder: the partner still reads its opportunity', async () => {
    const partner = await eligiblePartner();
    const own = await server.key(Role.PARTNER_USER, { partnerId: partner.id });
    const submitted = await submit(own, partner, { name: 'Wayne deal', kind: 'NEW_CUSTOMER', customerName: 'Wayne Enterprises' });
    await crmOpportunity({ externalId: '006-WAYNE', placeholderExternalId: submitted.dealRegistration!.opportunity!.externalId });
    const registration = await server.app.dataSource.getRepository(DealRegistration).findOneByOrFail({ partnerId: partner.id });
    const seen = await server.gql<{ node: { externalId: string } | null }>(own, 'query ($id: ID!) { node(id: $id) { ... on Opportunity { externalId } } }', {
      id: gid('Opportunity', registration.opportunityId as string),
    });
    expect(seen.data?.node).toEqual({ externalId: '006-WAYNE' });
  });
});

describe('no N+1', () => {
  it('registrations with their candidates, submission and decision cost the same statements for one row as for every row', async () => {
    const LIST = `query ($first: Int!) { dealRegistrations(first: $first) { nodes { status
      candidateOpportunities { externalId customer { name } } submittedOpportunity { customerName }
      decision { outcome ruleIds unmet { code } actor { role decidedBy { id } } } opportunity { externalId } } } }`;
    const statements = async (first: number) => {
      const response = await server.gql<{ dealRegistrations: { nodes: unknown[] } }>(ops, LIST, { first });
      expect(response.errors).toBeUndefined();
      return { rows: response.data!.dealRegistrations.nodes.length, statements: response.extensions!.sqlStatements! };
    };
    await crmOpportunity({
      externalId: '006-COUNT',
      name: 'Count',
      customer: { crmAccountId: 'ACC-COUNT', name: 'Counting House', country: 'DE', territory: 'EMEA' },
      stage: 'STAGE_2',
      kind: 'NEW_CUSTOMER',
    });
    const partner = await eligiblePartner();
    for (let n = 0; n < 6; n += 1) {
      await submit(portal, partner, { name: `Count ${n}`, kind: 'ADD_ON', customerName: 'Counting House' });
      await submit(portal, partner, { name: `New ${n}`, kind: 'NEW_CUSTOMER', customerName: `Fresh Customer ${n}` });
    }
    const one = await statements(1);
    const all = await statements(100);
    expect(one.rows).toBe(1);
    expect(all.rows).toBeGreaterThanOrEqual(12);
    expect(all.statements).toBe(one.statements);
  });
});
