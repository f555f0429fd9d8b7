import { Role } from '../../src/auth/role.enum';
import { FixedClock } from '../../src/config/clock';
import { DealRegistration } from '../../src/deals/deal-registration.entity';
import { DealProgramType, DealRegistrationStatus, DealRoute } from '../../src/deals/deal.enums';
import { Opportunity } from '../../src/crm/opportunity.entity';
import { Partner } from '../../src/partners/partner.entity';
import { CertificationKind } from '../../src/people/person.enums';
import { addDays } from '../../src/rules/decision';
import { gid, insertPartner, insertPerson } from '../support/fixtures';
import { rowCounts } from '../support/row-counts';
import { TestServer, startTestServer } from '../support/test-server';

const NOW = new Date('2026-03-01T09:00:00Z');
const clock = new FixedClock(NOW);
let server: TestServer;
let crm: string;
let ops: string;

interface UpsertPayload {
  opportunity: { id: string; externalId: string; stage: string; version: number; closedAt: string | null; customer: { crmAccountId: string } } | null;
  change: string | null;
  userErrors: Array<{ field: string[] | null; code: string; message: string }>;
}

const UPSERT = `mutation ($input: UpsertOpportunityInput!) { upsertOpportunity(input: $input) {
  opportunity { id externalId stage version closedAt customer { crmAccountId } } change userErrors { field code message } } }`;

beforeAll(async () => {
  server = await startTestServer({ clock });
  crm = await server.key(Role.CRM_SYNC);
  ops = await server.key(Role.ECOSYSTEM_OPS);
});
afterAll(() => server.stop());

const customer = (n: string, territory = 'EMEA') => ({ crmAccountId: `ACC-${n}`, name: `Customer ${n}`, country: 'DE', territory });

async function upsert(input: Record<string, unknown>, key = crm): Promise<UpsertPayload> {
  const response = await server.gql<{ upsertOpportunity: UpsertPayload }>(key, UPSERT, { input });
  expect(response.errors).toBeUndefined();
  return response.data!.upsertOpportunity;
}

async function goodPartner(overrides: Partial<Partner> = {}): Promise<Partner> {
  const partner = await insertPartner(server.app.dataSource, { crmAccountId: `001-${Math.random().toString(36).slice(2, 10)}`, ...overrides });
  await insertPerson(server.app.dataSource, partner, [{ kind: CertificationKind.SALES_ACCREDITED }, { kind: CertificationKind.SOLUTIONS_ARCHITECT }]);
  await insertPerson(server.app.dataSource, partner, [{ kind: CertificationKind.SALES_ACCREDITED }]);
  return partner;
}

async function approvedRegistration(partner: Partner, opportunityId: string, approvedAt: Date): Promise<DealRegistration> {
  return server.app.dataSource.getRepository(DealRegistration).save({
    partnerId: partner.id,
    opportunityId,
    programType: DealProgramType.RESALE,
    status: DealRegistrationStatus.APPROVED,
    route: DealRoute.LATE_STAGE,
    receivedAt: approvedAt,
    approvedAt,
    expiresAt: addDays(approvedAt, 90),
  });
}

describe('upsertOpportunity (CRM sync)', () => {
  it('creates by CRM ID, and a retry with the same data changes nothing, not even the version', async () => {
    const input = {
      externalId: '006A',
      name: 'Big deal',
      customer: customer('A'),
      stage: 'STAGE_2',
      kind: 'NEW_CUSTOMER',
      amount: '125000.00',
      closeDate: '2026-06-30',
    };
    const created = await upsert(input);
    expect(created).toMatchObject({
      change: 'CREATED',
      userErrors: [],
      opportunity: { externalId: '006A', stage: 'STAGE_2', version: 1, customer: { crmAccountId: 'ACC-A' } },
    });
    const retried = await upsert(input);
    expect(retried).toMatchObject({ change: 'UNCHANGED', opportunity: { version: 1 } });
    const moved = await upsert({ externalId: '006A', stage: 'STAGE_4' });
    expect(moved).toMatchObject({ change: 'UPDATED', opportunity: { stage: 'STAGE_4', version: 2 } });
  });

  it('refuses to create without the required fields, and a role other than the CRM writers, changing nothing', async () => {
    const before = await rowCounts(server.app.dataSource);
    const incomplete = await upsert({ externalId: '006-NEW', stage: 'STAGE_1' });
    expect(incomplete.userErrors.map((e) => e.field?.[1])).toEqual(['name', 'customer', 'kind']);
    const portal = await server.key(Role.PORTAL_SYNC);
    const forbidden = await upsert({ externalId: '006A', stage: 'STAGE_5' }, portal);
    expect(forbidden.userErrors[0].code).toBe('FORBIDDEN');
    const oversized = await upsert({ externalId: 'x'.repeat(101), name: 'n', customer: customer('Z'), stage: 'STAGE_1', kind: 'ADD_ON' });
    expect(oversized.userErrors[0]).toMatchObject({ code: 'VALIDATION_FAILED', field: ['input', 'externalId'] });
    const badMoney = await server.gql(crm, UPSERT, { input: { externalId: '006A', amount: 12.5 } });
    expect(badMoney.status).toBe(400);
    expect(badMoney.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await rowCounts(server.app.dataSource)).toEqual(before);
  });

  it('R-DEAL-08: closing won before the 90 days are up exempts the approved registration from expiry; later it does not', async () => {
    const partner = await goodPartner();
    const early = await upsert({ externalId: '006-EXP1', name: 'Exp 1', customer: customer('E1'), stage: 'STAGE_4', kind: 'NEW_CUSTOMER' });
    const late = await upsert({ externalId: '006-EXP2', name: 'Exp 2', customer: customer('E2'), stage: 'STAGE_4', kind: 'NEW_CUSTOMER' });
    const opportunityId = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1];
    const inTime = await approvedRegistration(partner, opportunityId(early.opportunity!.id), addDays(NOW, -89));
    const tooLate = await approvedRegistration(partner, opportunityId(late.opportunity!.id), addDays(NOW, -91));
    await upsert({ externalId: '006-EXP1', stage: 'CLOSED_WON' });
    await upsert({ externalId: '006-EXP2', stage: 'CLOSED_WON' });
    const repo = server.app.dataSource.getRepository(DealRegistration);
    expect((await repo.findOneByOrFail({ id: inTime.id })).expiresAt).toBeNull();
    expect((await repo.findOneByOrFail({ id: tooLate.id })).expiresAt).toEqual(addDays(addDays(NOW, -91), 90));
    // Reopened: the exemption goes away again.
    await upsert({ externalId: '006-EXP1', stage: 'STAGE_5' });
    expect((await repo.findOneByOrFail({ id: inTime.id })).expiresAt).toEqual(addDays(addDays(NOW, -89), 90));
  });

  it('R-REN-01: reopening a closed-won opportunity that has a reseller (the CRM moves its stage back) is an update, not an error; the sale no longer makes an incumbent', async () => {
    const seller = await goodPartner();
    await upsert({
      externalId: '006-REOPEN',
      name: 'Reopen',
      customer: customer('REOPEN'),
      stage: 'CLOSED_WON',
      kind: 'NEW_CUSTOMER',
      resellerPartnerCrmAccountId: seller.crmAccountId,
    });
    const customerId = (await server.app.dataSource.getRepository(Opportunity).findOneByOrFail({ externalId: '006-REOPEN' })).customerId;
    const INCUMBENT = `query ($id: ID!) { node(id: $id) { ... on Customer { incumbentPartner { id } incumbency { partner { id } ruleIds } } } }`;
    const incumbent = () =>
      server.gql<{ node: { incumbentPartner: { id: string } | null; incumbency: { partner: { id: string } | null } } }>(ops, INCUMBENT, {
        id: gid('Customer', customerId),
      });
    expect((await incumbent()).data?.node.incumbentPartner).toEqual({ id: gid('Partner', seller.id) });
    const reopened = await server.gql<{ upsertOpportunity: UpsertPayload }>(crm, UPSERT, { input: { externalId: '006-REOPEN', stage: 'STAGE_5' } });
    expect(reopened.errors).toBeUndefined();
    expect(reopened.data?.upsertOpportunity).toMatchObject({ change: 'UPDATED', userErrors: [], opportunity: { stage: 'STAGE_5', closedAt: null } });
    const after = await incumbent();
    expect(after.data?.node).toMatchObject({ incumbentPartner: null, incumbency: { partner: null } });
    // Closed-won again: the incumbent is back.
    await upsert({ externalId: '006-REOPEN', stage: 'CLOSED_WON' });
    expect((await incumbent()).data?.node.incumbentPartner).toEqual({ id: gid('Partner', seller.id) });
  });
});

describe('renewals and tenders', () => {
  const INCUMBENCY = `query ($id: ID!) { node(id: $id) { ... on Customer { incumbency { partner { name } qualifiesForRenewalDiscount ruleIds reasons } } } }`;
  const COMMUNICATION = `mutation ($input: RecordCustomerCommunicationInput!) { recordCustomerCommunication(input: $input) { customer { id } userErrors { code message } } }`;

  it('R-REN-01: the partner of the most recent sale is incumbent, and qualifies for renewal discounts only in good standing', async () => {
    const seller = await goodPartner({ name: 'Seller' });
    const created = await upsert({
      externalId: '006-R1',
      name: 'R1',
      customer: customer('R'),
      stage: 'CLOSED_WON',
      kind: 'NEW_CUSTOMER',
      resellerPartnerCrmAccountId: seller.crmAccountId,
    });
    const customerId = (await server.app.dataSource.getRepository(Opportunity).findOneByOrFail({ externalId: '006-R1' })).customerId;
    expect(created.change).toBe('CREATED');
    const view = await server.gql<{ node: { incumbency: { partner: { name: string }; qualifiesForRenewalDiscount: boolean; ruleIds: string[] } } }>(
      ops,
      INCUMBENCY,
      { id: gid('Customer', customerId) },
    );
    expect(view.data?.node.incumbency).toMatchObject({ partner: { name: 'Seller' }, qualifiesForRenewalDiscount: true });
    await server.app.dataSource.getRepository(Partner).update(seller.id, { status: 'SUSPENDED' as never });
    const suspended = await server.gql<{ node: { incumbency: { qualifiesForRenewalDiscount: boolean; ruleIds: string[] } } }>(ops, INCUMBENCY, {
      id: gid('Customer', customerId),
    });
    expect(suspended.data?.node.incumbency).toMatchObject({ qualifiesForRenewalDiscount: false });
    expect(suspended.data?.node.incumbency.ruleIds).toEqual(expect.arrayContaining(['R-REN-01', 'R-PTR-06']));
  });

  it('R-REN-02: a later sale by another partner or an informal note does not move incumbency; a formal written communication does', async () => {
    const first = await goodPartner({ name: 'First' });
    const second = await goodPartner({ name: 'Second' });
    await upsert({
      externalId: '006-M1',
      name: 'M1',
      customer: customer('M'),
      stage: 'CLOSED_WON',
      kind: 'NEW_CUSTOMER',
      resellerPartnerCrmAccountId: first.crmAccountId,
    });
    clock.set(addDays(NOW, 30));
    await upsert({
      externalId: '006-M2',
      name: 'M2',
      customer: customer('M'),
      stage: 'CLOSED_WON',
      kind: 'ADD_ON',
      resellerPartnerCrmAccountId: second.crmAccountId,
    });
    const customerId = (await server.app.dataSource.getRepository(Opportunity).findOneByOrFail({ externalId: '006-M1' })).customerId;
    const name = async () =>
      (await server.gql<{ node: { incumbency: { partner: { name: string } } } }>(ops, INCUMBENCY, { id: gid('Customer', customerId) })).data?.node.incumbency
        .partner.name;
    expect(await name()).toBe('First');
    const informal = await server.gql(crm, COMMUNICATION, {
      input: { customerId: gid('Customer', customerId), partnerId: gid('Partner', second.id), formalWritten: false, reference: 'call notes' },
    });
    expect(informal.errors).toBeUndefined();
    expect(await name()).toBe('First');
    clock.set(addDays(NOW, 31));
    await server.gql(crm, COMMUNICATION, {
      input: { customerId: gid('Customer', customerId), partnerId: gid('Partner', second.id), formalWritten: true, reference: 'letter 2026-04-01' },
    });
    expect(await name()).toBe('Second');
    // A partner that reads this customer (it resold to it) learns the incumbency, never other partners' or their sales' IDs.
    const firstKey = await server.key(Role.PARTNER_USER, { partnerId: first.id });
    const seen = await server.gql<{ node: { incumbency: { reasons: string[] } } }>(firstKey, INCUMBENCY, { id: gid('Customer', customerId) });
    expect(seen.data?.node.incumbency.reasons.length).toBeGreaterThan(0);
    const opportunityIds = (await server.app.dataSource.getRepository(Opportunity).findBy({ customerId })).map((o) => o.id);
    for (const secret of [second.id, first.id, ...opportunityIds]) expect(JSON.stringify(seen.data)).not.toContain(secret);
    clock.set(NOW);
  });

  it('R-REN-03: in a tender the sourced partner gets the sourced margin, others the base discount, and in US public sector others get MSRP', async () => {
    const sourced = await goodPartner();
    const other = await goodPartner();
    const TENDER = `query ($o: ID!, $b: [ID!]!) { tenderPricing(opportunityId: $o, bidderPartnerIds: $b) { partner { id } pricing ruleIds } }`;
    for (const [n, territory, otherPricing] of [
      ['T1', 'EMEA', 'PARTNER_BASE'],
      ['T2', 'US_PUBSEC', 'MSRP'],
    ] as const) {
      const opp = await upsert({ externalId: `006-${n}`, name: n, customer: customer(n, territory), stage: 'STAGE_4', kind: 'NEW_CUSTOMER' });
      const opportunityId = Buffer.from(opp.opportunity!.id, 'base64url').toString().split(':')[1];
      await approvedRegistration(sourced, opportunityId, addDays(NOW, -10));
      const response = await server.gql<{ tenderPricing: Array<{ partner: { id: string }; pricing: string; ruleIds: string[] }> }>(ops, TENDER, {
        o: opp.opportunity!.id,
        b: [gid('Partner', sourced.id), gid('Partner', other.id)],
      });
      expect(response.data?.tenderPricing.map((b) => b.pricing)).toEqual(['SOURCED_MARGIN', otherPricing]);
      expect(response.data?.tenderPricing[0].ruleIds).toEqual(['R-REN-03']);
    }
  });

  it('R-REN-03: a partner key asks only about opportunities it may read, and sees its own pricing; other bidders are public references without pricing', async () => {
    const sourced = await goodPartner({ name: 'Sourced Partner' });
    const bidder = await goodPartner({ name: 'Bidding Partner' });
    const stranger = await goodPartner();
    const opp = await upsert({ externalId: '006-T3', name: 'T3', customer: customer('T3'), stage: 'STAGE_4', kind: 'NEW_CUSTOMER' });
    const opportunityId = Buffer.from(opp.opportunity!.id, 'base64url').toString().split(':')[1];
    const sourcedRegistration = await approvedRegistration(sourced, opportunityId, addDays(NOW, -10));
    // The bidder registered too and was denied: it may read the opportunity.
    await server.app.dataSource.getRepository(DealRegistration).save({
      partnerId: bidder.id,
      opportunityId,
      programType: DealProgramType.RESALE,
      status: DealRegistrationStatus.DENIED,
      route: DealRoute.LATE_STAGE,
      receivedAt: sourcedRegistration.receivedAt,
    });
    const TENDER = `query ($o: ID!, $b: [ID!]!) { tenderPricing(opportunityId: $o, bidderPartnerIds: $b) { partner { id name } pricing ruleIds reasons } }`;
    const bidders = [gid('Partner', sourced.id), gid('Partner', bidder.id)];
    const bidderKey = await server.key(Role.PARTNER_USER, { partnerId: bidder.id });
    const asBidder = await server.gql<{ tenderPricing: unknown[] }>(bidderKey, TENDER, { o: opp.opportunity!.id, b: bidders });
    expect(asBidder.errors).toBeUndefined();
    expect(asBidder.data?.tenderPricing).toEqual([
      { partner: { id: gid('Partner', sourced.id), name: 'Sourced Partner' }, pricing: null, ruleIds: [], reasons: [] },
      { partner: { id: gid('Partner', bidder.id), name: 'Bidding Partner' }, pricing: 'PARTNER_BASE', ruleIds: ['R-REN-03'], reasons: [expect.any(String)] },
    ]);
    // Another bidder is a reference: nothing beyond its public fields.
    const privateField = await server.gql(
      bidderKey,
      `query ($o: ID!, $b: [ID!]!) { tenderPricing(opportunityId: $o, bidderPartnerIds: $b) { partner { crmAccountId } } }`,
      {
        o: opp.opportunity!.id,
        b: bidders,
      },
    );
    expect(privateField.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // An opportunity the key may not read answers as one that does not exist.
    const strangerKey = await server.key(Role.PARTNER_USER, { partnerId: stranger.id });
    const hidden = await server.gql(strangerKey, TENDER, { o: opp.opportunity!.id, b: [gid('Partner', stranger.id)] });
    const unknownId = gid('Opportunity', '00000000-0000-4000-8000-000000000000');
    const unknown = await server.gql(strangerKey, TENDER, { o: unknownId, b: [gid('Partner', stranger.id)] });
    expect(hidden.errors?.[0]).toMatchObject({
      message: `\`opportunityId\`: no object with ID ${opp.opportunity!.id}`,
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(unknown.errors?.[0]).toMatchObject({ message: `\`opportunityId\`: no object with ID ${unknownId}`, extensions: { code: 'BAD_USER_INPUT' } });
    expect(hidden.data).toBeNull();
    // Bidders are checked: named once each, channel partners.
    const twice = await server.gql(ops, TENDER, { o: opp.opportunity!.id, b: [bidders[0], bidders[0]] });
    expect(twice.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const alliance = await goodPartner({ category: 'ALLIANCE' as never, track: null, allianceType: 'CLOUD' as never });
    const notChannel = await server.gql(ops, TENDER, { o: opp.opportunity!.id, b: [gid('Partner', alliance.id)] });
    expect(notChannel.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    const distributor = await server.key(Role.DISTRIBUTOR, { distributorId: await anyDistributorId() });
    expect((await server.gql(distributor, TENDER, { o: opp.opportunity!.id, b: bidders })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

async function anyDistributorId(): Promise<string> {
  const [row] = await server.app.dataSource.query<Array<{ id: string }>>(`SELECT id FROM distributor LIMIT 1`);
  return row.id;
}
