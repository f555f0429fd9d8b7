import { Role } from '../../src/auth/role.enum';
import { FixedClock } from '../../src/config/clock';
import { Customer } from '../../src/crm/customer.entity';
import { Opportunity } from '../../src/crm/opportunity.entity';
import { OpportunityKind, OpportunityStage } from '../../src/crm/opportunity.enums';
import { StatusTransition } from '../../src/events/status-transition.entity';
import { Partner } from '../../src/partners/partner.entity';
import { Territory } from '../../src/partners/partner.enums';
import { PspDesignation } from '../../src/psp/psp-designation.entity';
import { PspDesignationStatus } from '../../src/psp/psp.enums';
import { gid, insertPartner } from '../support/fixtures';
import { TestServer, startTestServer } from '../support/test-server';

/** R-SAR-07 over HTTP: windows that close with time (the timer) and the quarterly rebate report. */

const NOW = new Date('2026-05-15T10:00:00.000Z');
const clock = new FixedClock(NOW);
let server: TestServer;
let portal: string;
let crm: string;
let ops: string;
let admin: string;
let customer: Customer;
let seq = 0;

interface Decision {
  outcome: string;
  from: string | null;
  ruleIds: string[];
  unmet: Array<{ ruleId: string; code: string }>;
  actor: { role: string };
}
interface Registration {
  id: string;
  qualification: string;
  qualifiedAt: string | null;
  firstQualifiedAt: string | null;
  decision: Decision;
}
interface ReportLine {
  registration: { id: string; qualification: string };
  qualifiedAt: string;
}
interface Report {
  quarter: string;
  lines: ReportLine[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
}

const REGISTRATION = `id qualification qualifiedAt firstQualifiedAt decision { outcome from ruleIds unmet { ruleId code } actor { role } }`;
const REPORT = `query ($quarter: String!, $first: Int, $after: String) { serviceRebateReport(quarter: $quarter, first: $first, after: $after) {
  quarter lines { registration { id qualification } qualifiedAt } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;

beforeAll(async () => {
  server = await startTestServer({ clock });
  [portal, crm, ops, admin] = await Promise.all([Role.PORTAL_SYNC, Role.CRM_SYNC, Role.ECOSYSTEM_OPS, Role.ADMIN].map((role) => server.key(role)));
  customer = await server.app.dataSource
    .getRepository(Customer)
    .save({ name: 'Initech', crmAccountId: 'ACC-REBATE', country: 'DE', territory: Territory.EMEA });
});
afterAll(() => server.stop());
afterEach(() => clock.set(NOW));

async function pspPartner(): Promise<Partner> {
  const partner = await insertPartner(server.app.dataSource);
  // Reviews far away, so the timer sweeps below never touch the designation.
  await server.app.dataSource.getRepository(PspDesignation).save({
    partnerId: partner.id,
    status: PspDesignationStatus.COMPLIANT,
    grantedAt: new Date('2025-03-01T00:00:00Z'),
    reviewMonth: 3,
    nextReviewDueOn: '2031-03-01',
    remediationDueOn: null,
  });
  return partner;
}

async function closedWon(closedAt: Date): Promise<Opportunity> {
  seq += 1;
  return server.app.dataSource.getRepository(Opportunity).save({
    externalId: `006-REB-${seq}`,
    customerId: customer.id,
    name: `Rebate ${seq}`,
    stage: OpportunityStage.CLOSED_WON,
    kind: OpportunityKind.NEW_CUSTOMER,
    closedAt,
    netArr: '40000.00',
  });
}

async function submit(partner: Partner, opportunity: Opportunity): Promise<Registration> {
  const response = await server.gql<{ submitServiceRegistration: { serviceRegistration: Registration | null; userErrors: unknown[] } }>(
    portal,
    `mutation ($input: SubmitServiceRegistrationInput!) { submitServiceRegistration(input: $input) { serviceRegistration { ${REGISTRATION} } userErrors { code message } } }`,
    { input: { partnerId: gid('Partner', partner.id), opportunityExternalId: opportunity.externalId, serviceLines: [{ kind: 'IMPLEMENTATION' }] } },
  );
  expect(response.data?.submitServiceRegistration.userErrors).toEqual([]);
  return response.data!.submitServiceRegistration.serviceRegistration!;
}

async function attach(registrationId: string, customerSignedOn: string): Promise<Registration> {
  const response = await server.gql<{ attachStatementOfWork: { serviceRegistration: Registration | null; userErrors: unknown[] } }>(
    portal,
    `mutation ($input: AttachStatementOfWorkInput!) { attachStatementOfWork(input: $input) { serviceRegistration { ${REGISTRATION} } userErrors { code message } } }`,
    { input: { registrationId, reference: `SOW-${registrationId.slice(-12)}`, customerSignedOn, fullyExecuted: true, amount: '10000.00' } },
  );
  expect(response.data?.attachStatementOfWork.userErrors).toEqual([]);
  return response.data!.attachStatementOfWork.serviceRegistration!;
}

async function registration(id: string): Promise<Registration> {
  const response = await server.gql<{ node: Registration }>(ops, `query ($id: ID!) { node(id: $id) { ... on ServiceRegistration { ${REGISTRATION} } } }`, {
    id,
  });
  expect(response.errors).toBeUndefined();
  return response.data!.node;
}

async function setStage(opportunity: Opportunity, stage: OpportunityStage): Promise<void> {
  const response = await server.gql<{ upsertOpportunity: { userErrors: unknown[] } }>(
    crm,
    `mutation ($input: UpsertOpportunityInput!) { upsertOpportunity(input: $input) { userErrors { code message } } }`,
    { input: { externalId: opportunity.externalId, stage } },
  );
  expect(response.data?.upsertOpportunity.userErrors).toEqual([]);
}

async function runTimers(): Promise<number> {
  const response = await server.gql<{ runProgramTimers: Array<{ timer: string; acted: number; failed: number }> }>(
    admin,
    'mutation { runProgramTimers { timer acted failed } }',
  );
  expect(response.errors).toBeUndefined();
  const windows = response.data!.runProgramTimers.find((run) => run.timer === 'service-qualification-windows');
  expect(windows).toMatchObject({ failed: 0 });
  return windows!.acted;
}

async function report(quarter: string, key = ops, page: { first?: number; after?: string | null } = {}): Promise<Report> {
  const response = await server.gql<{ serviceRebateReport: Report }>(key, REPORT, { quarter, ...page });
  expect(response.errors).toBeUndefined();
  return response.data!.serviceRebateReport;
}

const reported = async (quarter: string, id: string): Promise<boolean> =>
  (await report(quarter, ops, { first: 100 })).lines.some((l) => l.registration.id === id);

const transitionsOf = (id: string): Promise<number> =>
  server.app.dataSource.getRepository(StatusTransition).countBy({ entityId: Buffer.from(id, 'base64url').toString('utf8').split(':')[1] });

describe('windows that close with time (R-SAR-07)', () => {
  it('R-SAR-07: a PENDING registration whose SOW never arrives lapses to UNQUALIFIED through the timer when its 12-month window closes, not a millisecond before', async () => {
    // Closed-won 2026-04-01, registered 2026-05-15T10:00: the rebate window ends 2026-10-01, PSP credit's 2027-05-15T10:00.
    const partner = await insertPartner(server.app.dataSource);
    const { id } = await submit(partner, await closedWon(new Date('2026-04-01T00:00:00Z')));
    expect((await registration(id)).decision.unmet.map((u) => u.code)).toEqual(['PSP_DESIGNATION_MISSING', 'SOW_MISSING']);

    clock.set(new Date('2026-10-01T00:00:00.000Z'));
    await runTimers();
    expect(await transitionsOf(id)).toBe(1);
    clock.set(new Date('2026-10-01T00:00:00.001Z'));
    expect(await runTimers()).toBeGreaterThanOrEqual(1);
    let seen = await registration(id);
    expect(seen.qualification).toBe('PENDING');
    expect(seen.decision).toMatchObject({ outcome: 'PENDING', from: 'PENDING', actor: { role: 'SYSTEM' } });
    expect(seen.decision.unmet).toContainEqual({ ruleId: 'R-SAR-03', code: 'REBATE_SOW_WINDOW_CLOSED' });

    clock.set(new Date('2027-05-15T10:00:00.000Z'));
    await runTimers();
    expect((await registration(id)).qualification).toBe('PENDING');
    clock.set(new Date('2027-05-15T10:00:00.001Z'));
    expect(await runTimers()).toBeGreaterThanOrEqual(1);
    seen = await registration(id);
    expect(seen.qualification).toBe('UNQUALIFIED');
    expect(seen.decision).toMatchObject({ outcome: 'UNQUALIFIED', from: 'PENDING', ruleIds: ['R-SAR-03', 'R-SAR-05', 'R-SAR-07'], actor: { role: 'SYSTEM' } });
    expect(seen.decision.unmet).toContainEqual({ ruleId: 'R-SAR-05', code: 'PSP_ONLY_SOW_WINDOW_CLOSED' });

    // Fired once: later sweeps find nothing left to decide.
    const recorded = await transitionsOf(id);
    clock.set(new Date('2027-06-01T00:00:00Z'));
    expect(await runTimers()).toBe(0);
    expect(await transitionsOf(id)).toBe(recorded);
  });

  it('R-SAR-07: a registration whose SOW arrives in time is not touched by the timer', async () => {
    const partner = await pspPartner();
    const { id } = await submit(partner, await closedWon(new Date('2026-04-01T00:00:00Z')));
    clock.set(new Date('2026-09-30T12:00:00Z'));
    expect((await attach(id, '2026-09-29')).qualification).toBe('APPROVED_REBATE_AND_PSP');
    const recorded = await transitionsOf(id);
    clock.set(new Date('2027-06-01T00:00:00Z'));
    await runTimers();
    expect(await transitionsOf(id)).toBe(recorded);
    expect((await registration(id)).qualification).toBe('APPROVED_REBATE_AND_PSP');
  });
});

describe('quarterly rebate report (R-SAR-07)', () => {
  it('R-SAR-07: a registration that loses and regains the rebate is reported once, in the quarter it first qualified', async () => {
    const partner = await pspPartner();
    const opportunity = await closedWon(new Date('2026-05-01T00:00:00Z'));
    const { id } = await submit(partner, opportunity);
    const qualified = await attach(id, '2026-05-10');
    expect(qualified).toMatchObject({ qualification: 'APPROVED_REBATE_AND_PSP', firstQualifiedAt: NOW.toISOString(), qualifiedAt: NOW.toISOString() });
    expect(await reported('2026-Q2', id)).toBe(true);

    // Q3: the CRM reopens the opportunity (no rebate while it is open), then closes it won again.
    clock.set(new Date('2026-08-10T09:00:00Z'));
    await setStage(opportunity, OpportunityStage.STAGE_5);
    expect((await registration(id)).qualification).toBe('PENDING');
    expect(await reported('2026-Q2', id)).toBe(false);
    expect(await reported('2026-Q3', id)).toBe(false);
    clock.set(new Date('2026-08-20T09:00:00Z'));
    await setStage(opportunity, OpportunityStage.CLOSED_WON);
    expect(await registration(id)).toMatchObject({
      qualification: 'APPROVED_REBATE_AND_PSP',
      qualifiedAt: '2026-08-20T09:00:00.000Z',
      firstQualifiedAt: NOW.toISOString(),
    });
    expect(await reported('2026-Q3', id)).toBe(false);
    const q2 = await report('2026-Q2', ops, { first: 100 });
    expect(q2.lines.filter((l) => l.registration.id === id)).toEqual([
      { registration: { id, qualification: 'APPROVED_REBATE_AND_PSP' }, qualifiedAt: NOW.toISOString() },
    ]);

    // And again in Q4: still Q2's, and only Q2's.
    clock.set(new Date('2026-11-02T09:00:00Z'));
    await setStage(opportunity, OpportunityStage.STAGE_6);
    clock.set(new Date('2026-11-03T09:00:00Z'));
    await setStage(opportunity, OpportunityStage.CLOSED_WON);
    const inReports = [];
    for (const quarter of ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1']) if (await reported(quarter, id)) inReports.push(quarter);
    expect(inReports).toEqual(['2026-Q2']);
  });

  it('R-SAR-07: the report pages by `first`/`after` without skipping or repeating a line; a PARTNER_USER pages through its own only', async () => {
    const [mine, theirs] = [await pspPartner(), await pspPartner()];
    const ids: string[] = [];
    for (const [i, partner] of [mine, theirs, mine, mine, theirs, mine].entries()) {
      clock.set(new Date(Date.UTC(2027, 0, 10 + i, 12)));
      const { id } = await submit(partner, await closedWon(new Date('2027-01-05T00:00:00Z')));
      ids.push((await attach(id, '2027-01-06')).id);
    }
    clock.set(NOW);
    const pages: string[][] = [];
    let after: string | null = null;
    for (;;) {
      const page: Report = await report('2027-Q1', ops, { first: 4, after });
      pages.push(page.lines.map((l) => l.registration.id));
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages.map((p) => p.length)).toEqual([4, 2]);
    expect(pages.flat()).toEqual(ids);

    const partnerUser = await server.key(Role.PARTNER_USER, { partnerId: mine.id });
    const first = await report('2027-Q1', partnerUser, { first: 2 });
    const second = await report('2027-Q1', partnerUser, { first: 2, after: first.pageInfo.endCursor });
    expect([...first.lines, ...second.lines].map((l) => l.registration.id)).toEqual([ids[0], ids[2], ids[3], ids[5]]);
    expect(second.pageInfo.hasNextPage).toBe(false);

    for (const variables of [{ first: 101 }, { first: -1 }, { after: 'not-a-cursor' }]) {
      const bad = await server.gql(ops, REPORT, { quarter: '2027-Q1', ...variables });
      expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('R-SAR-07: a page of the report costs the same number of SQL statements for 2 lines as for 12', async () => {
    for (let i = 0; i < 12; i += 1) {
      clock.set(new Date(Date.UTC(2027, 3, 2, i)));
      const { id } = await submit(await pspPartner(), await closedWon(new Date('2027-04-01T00:00:00Z')));
      await attach(id, '2027-04-01');
    }
    clock.set(NOW);
    const deep = `query ($first: Int) { serviceRebateReport(quarter: "2027-Q2", first: $first) {
      lines { qualifiedAt sowAmount { amount } partner { name } opportunity { externalId customer { name } }
        statementOfWork { reference multiPhaseException { reason } }
        registration { qualification serviceLines { kind } decision { outcome unmet { code } } } } } }`;
    const statements = async (first: number): Promise<number> => {
      const response = await server.gql<{ serviceRebateReport: Report }>(ops, deep, { first });
      expect(response.errors).toBeUndefined();
      expect(response.data!.serviceRebateReport.lines).toHaveLength(first);
      return response.extensions!.sqlStatements!;
    };
    const small = await statements(2);
    const large = await statements(12);
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(8);
    console.log(`rebate report deep query: ${small} statements for 2 lines, ${large} for 12`);
  });
});
