import { Role } from '../../src/auth/role.enum';
import { FixedClock } from '../../src/config/clock';
import { Customer } from '../../src/crm/customer.entity';
import { DealRegistration } from '../../src/deals/deal-registration.entity';
import { StatusTransition } from '../../src/events/status-transition.entity';
import { ComplianceReview } from '../../src/compliance/compliance-review.entity';
import { PspDesignation } from '../../src/psp/psp-designation.entity';
import { Opportunity } from '../../src/crm/opportunity.entity';
import { OpportunityKind, OpportunityStage } from '../../src/crm/opportunity.enums';
import { Partner } from '../../src/partners/partner.entity';
import { Territory } from '../../src/partners/partner.enums';
import { CertificationKind } from '../../src/people/person.enums';
import { addDays } from '../../src/rules/decision';
import { gid, insertLicense, insertPartner, insertPerson } from '../support/fixtures';
import { NfrLicense } from '../../src/nfr/nfr-license.entity';
import { NfrProduct } from '../../src/nfr/nfr.enums';
import { TestDatabase, TestServer, createTestDatabase, startTestServer } from '../support/test-server';

const START = new Date('2026-05-04T08:00:00Z');
const clockA = new FixedClock(START);
const clockB = new FixedClock(START);
let database: TestDatabase;
let a: TestServer;
let b: TestServer;
let portal: string;
let adminA: string;
let adminB: string;
let customer: Customer;
let n = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  a = await startTestServer({ database, clock: clockA });
  b = await startTestServer({ database, clock: clockB });
  portal = await a.key(Role.PORTAL_SYNC);
  adminA = await a.key(Role.ADMIN);
  adminB = await a.key(Role.ADMIN);
  customer = await a.app.dataSource.getRepository(Customer).save({ name: 'Timers Ltd', crmAccountId: 'ACC-TMR', country: 'GB', territory: Territory.EMEA });
});
afterAll(async () => {
  await a.stop();
  await b.stop();
  await database.drop();
});

function setClocks(at: Date): void {
  clockA.set(at);
  clockB.set(at);
}

async function partner(): Promise<Partner> {
  const p = await insertPartner(a.app.dataSource);
  await insertPerson(a.app.dataSource, p, [{ kind: CertificationKind.FOUNDATIONS }]);
  return p;
}

async function opportunity(stage: OpportunityStage, kind: OpportunityKind, lastSalesActivityAt: Date | null = null): Promise<Opportunity> {
  n += 1;
  return a.app.dataSource
    .getRepository(Opportunity)
    .save({ externalId: `006-TMR-${n}`, customerId: customer.id, name: `T${n}`, stage, kind, lastSalesActivityAt });
}

async function submit(p: Partner, opp: Opportunity): Promise<string> {
  const response = await a.gql<{ submitDealRegistration: { dealRegistration: { id: string } } }>(
    portal,
    `mutation ($input: SubmitDealRegistrationInput!) { submitDealRegistration(input: $input) { dealRegistration { id } userErrors { message } } }`,
    { input: { partnerId: gid('Partner', p.id), programType: 'RESALE', opportunity: { externalId: opp.externalId } } },
  );
  return response.data!.submitDealRegistration.dealRegistration.id;
}

async function decide(id: string, role: Role.ESM | Role.ASM, step: 'ESM' | 'ASM'): Promise<void> {
  const key = await a.key(role);
  const response = await a.gql<{ decideDealRegistration: { userErrors: unknown[] } }>(
    key,
    `mutation ($input: DecideDealRegistrationInput!) { decideDealRegistration(input: $input) { userErrors { message } } }`,
    { input: { id, step, decision: 'APPROVE' } },
  );
  expect(response.data?.decideDealRegistration.userErrors).toEqual([]);
}

/** Both instances sweep at the same time, through the job engine. */
async function sweepOnBoth(): Promise<void> {
  const [ra, rb] = await Promise.all([
    a.gql<{ runProgramTimers: unknown[] }>(adminA, 'mutation { runProgramTimers { timer acted } }'),
    b.gql<{ runProgramTimers: unknown[] }>(adminB, 'mutation { runProgramTimers { timer acted } }'),
  ]);
  expect(ra.errors).toBeUndefined();
  expect(rb.errors).toBeUndefined();
}

async function statusOf(globalId: string): Promise<string> {
  const id = Buffer.from(globalId, 'base64url').toString().split(':')[1];
  return (await a.app.dataSource.getRepository(DealRegistration).findOneByOrFail({ id })).status;
}

async function systemDecisions(globalId: string): Promise<StatusTransition[]> {
  const id = Buffer.from(globalId, 'base64url').toString().split(':')[1];
  return a.app.dataSource.getRepository(StatusTransition).find({ where: { entityId: id, actorRole: 'SYSTEM' }, order: { sequence: 'ASC' } });
}

describe('program timers (R-COMP-02: each fires once, across instances)', () => {
  it('R-DEAL-07: a stage 0–2 registration still pending the ASM is approved by the system 10 days after routing to the ASM, not before, and once', async () => {
    setClocks(START);
    const id = await submit(await partner(), await opportunity(OpportunityStage.STAGE_1, OpportunityKind.NEW_CUSTOMER));
    setClocks(addDays(START, 1));
    await decide(id, Role.ESM, 'ESM');
    setClocks(new Date(addDays(START, 11).getTime() - 1000));
    await sweepOnBoth();
    expect(await statusOf(id)).toBe('PENDING_ASM');
    setClocks(addDays(START, 11));
    await sweepOnBoth();
    await sweepOnBoth();
    expect(await statusOf(id)).toBe('APPROVED');
    const decisions = await systemDecisions(id);
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({ fromStatus: 'PENDING_ASM', toStatus: 'APPROVED', actorRole: 'SYSTEM', actorId: null });
    expect(decisions[0].ruleIds).toContain('R-DEAL-07');
  });

  it('R-DEAL-07: a stage 0–2 registration still pending the ESM is not auto-approved', async () => {
    setClocks(START);
    const id = await submit(await partner(), await opportunity(OpportunityStage.STAGE_0, OpportunityKind.NEW_CUSTOMER));
    setClocks(addDays(START, 30));
    await sweepOnBoth();
    expect(await statusOf(id)).toBe('PENDING_ESM');
  });

  it('R-DEAL-07: a renewal with sourced growth is approved 10 days after submission, whichever step it waits on', async () => {
    setClocks(START);
    const id = await submit(await partner(), await opportunity(OpportunityStage.STAGE_4, OpportunityKind.RENEWAL_WITH_SOURCED_GROWTH, addDays(START, -3)));
    setClocks(addDays(START, 9));
    await sweepOnBoth();
    expect(await statusOf(id)).toBe('PENDING_ESM');
    setClocks(addDays(START, 10));
    await sweepOnBoth();
    expect(await statusOf(id)).toBe('APPROVED');
    expect(await systemDecisions(id)).toHaveLength(1);
  });

  it('R-DEAL-07: a registration a person approved meanwhile is left alone by the timer', async () => {
    setClocks(START);
    const id = await submit(await partner(), await opportunity(OpportunityStage.STAGE_2, OpportunityKind.ADD_ON));
    await decide(id, Role.ESM, 'ESM');
    setClocks(addDays(START, 5));
    await decide(id, Role.ASM, 'ASM');
    setClocks(addDays(START, 20));
    await sweepOnBoth();
    expect(await systemDecisions(id)).toHaveLength(0);
  });

  it('R-DEAL-08: an approval expires 90 days after it was given unless the opportunity closed-won before', async () => {
    setClocks(START);
    const stale = await opportunity(OpportunityStage.STAGE_4, OpportunityKind.NEW_CUSTOMER, addDays(START, -400));
    const won = await opportunity(OpportunityStage.STAGE_4, OpportunityKind.NEW_CUSTOMER, addDays(START, -400));
    const expiring = await submit(await partner(), stale);
    const kept = await submit(await partner(), won);
    expect(await statusOf(expiring)).toBe('APPROVED');
    setClocks(addDays(START, 30));
    const crm = await a.key(Role.CRM_SYNC);
    await a.gql(crm, `mutation { upsertOpportunity(input: { externalId: "${won.externalId}", stage: CLOSED_WON }) { change } }`);
    setClocks(new Date(addDays(START, 90).getTime() - 1));
    await sweepOnBoth();
    expect(await statusOf(expiring)).toBe('APPROVED');
    setClocks(addDays(START, 90));
    await sweepOnBoth();
    await sweepOnBoth();
    expect(await statusOf(expiring)).toBe('EXPIRED');
    expect(await statusOf(kept)).toBe('APPROVED');
    const decisions = await systemDecisions(expiring);
    expect(decisions).toHaveLength(1);
    expect(decisions[0].ruleIds).toContain('R-DEAL-08');
  });

  it('shows the job engine’s queues to ADMIN only', async () => {
    const status = await a.gql<{ jobs: { queues: Array<{ name: string; completed: number; failed: number }> } }>(
      adminA,
      '{ jobs { queues { name completed failed } recentFailures { id } } }',
    );
    const sweep = status.data!.jobs.queues.find((q) => q.name === 'program-timers');
    expect(sweep!.completed).toBeGreaterThan(0);
    expect(sweep!.failed).toBe(0);
    const denied = await a.gql(portal, '{ jobs { queues { name } } }');
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('PSP review timers (R-PSP-02, R-PSP-03, R-COMP-02)', () => {
  const GRANT = `mutation ($input: GrantPspDesignationInput!) { grantPspDesignation(input: $input) { pspDesignation { id version } userErrors { message } } }`;
  const REVIEW = `mutation ($input: RecordPspReviewInput!) { recordPspReview(input: $input) { complianceReview { status } userErrors { message } } }`;

  async function designatedPartner(): Promise<{ partner: Partner; designationId: string }> {
    const p = await insertPartner(a.app.dataSource);
    for (let i = 0; i < 3; i += 1) await insertPerson(a.app.dataSource, p, [{ kind: CertificationKind.PROFESSIONAL_SERVICES_ENGINEER }]);
    const ops = await a.key(Role.ECOSYSTEM_OPS);
    const granted = await a.gql<{ grantPspDesignation: { pspDesignation: { id: string } | null; userErrors: unknown[] } }>(ops, GRANT, {
      input: { partnerId: gid('Partner', p.id), offerings: ['MIGRATION'] },
    });
    expect(granted.data?.grantPspDesignation.userErrors).toEqual([]);
    return { partner: p, designationId: granted.data!.grantPspDesignation.pspDesignation!.id };
  }

  async function designation(globalId: string): Promise<{ status: string; remediationDueOn: string | null }> {
    const id = Buffer.from(globalId, 'base64url').toString().split(':')[1];
    return a.app.dataSource.getRepository(PspDesignation).findOneByOrFail({ id });
  }

  async function reviewsOf(p: Partner): Promise<ComplianceReview[]> {
    return a.app.dataSource.getRepository(ComplianceReview).find({ where: { partnerId: p.id }, order: { createdAt: 'ASC' } });
  }

  it('R-PSP-02, R-COMP-02: evidence is requested a month before the yearly review, and a review still unrated on its due date puts the designation AT_RISK for a quarter', async () => {
    setClocks(START); // granted in May 2026: reviewed every May, first on 2027-05-01
    const { partner, designationId } = await designatedPartner();
    setClocks(new Date('2027-03-31T23:59:00Z'));
    await sweepOnBoth();
    expect(await reviewsOf(partner)).toHaveLength(0);
    setClocks(new Date('2027-04-01T00:00:00Z'));
    await sweepOnBoth();
    await sweepOnBoth();
    const [opened] = await reviewsOf(partner);
    expect(opened).toMatchObject({ kind: 'PSP_BADGE', status: 'OPEN', dueOn: '2027-05-01', evidenceRequestedOn: '2027-04-01' });
    expect(await systemDecisions(gid('ComplianceReview', opened.id))).toHaveLength(1);
    setClocks(new Date('2027-05-01T00:00:00Z'));
    await sweepOnBoth();
    await sweepOnBoth();
    expect(await designation(designationId)).toMatchObject({ status: 'AT_RISK', remediationDueOn: '2027-08-01' });
    expect((await reviewsOf(partner)).map((r) => r.status)).toEqual(['NON_COMPLIANT']);
    const decisions = await systemDecisions(designationId);
    expect(decisions.map((d) => [d.fromStatus, d.toStatus])).toEqual([['COMPLIANT', 'AT_RISK']]);
    expect(decisions[0].ruleIds).toEqual(expect.arrayContaining(['R-PSP-03']));
  });

  it('R-PSP-03, R-COMP-02: an AT_RISK designation is revoked by the system a quarter after the review unless remediated, once across instances', async () => {
    setClocks(START);
    const failing = await designatedPartner();
    const remediated = await designatedPartner();
    const ops = await a.key(Role.ECOSYSTEM_OPS);
    const bad = { kpiInfrastructureReady: 1, kpiFirstValue: 2, kpiOutcomeAchieved: 1 };
    setClocks(new Date('2026-06-10T09:00:00Z'));
    for (const d of [failing, remediated]) {
      const review = await a.gql<{ recordPspReview: { complianceReview: { status: string } } }>(ops, REVIEW, { input: { id: d.designationId, ...bad } });
      expect(review.data?.recordPspReview.complianceReview.status).toBe('NON_COMPLIANT');
    }
    setClocks(new Date('2026-07-15T09:00:00Z'));
    await a.gql(ops, REVIEW, { input: { id: remediated.designationId, kpiInfrastructureReady: 5, kpiFirstValue: 4, kpiOutcomeAchieved: 4 } });
    expect((await designation(remediated.designationId)).status).toBe('COMPLIANT');
    setClocks(new Date('2026-09-09T23:59:00Z'));
    await sweepOnBoth();
    expect((await designation(failing.designationId)).status).toBe('AT_RISK');
    setClocks(new Date('2026-09-10T00:00:00Z'));
    await sweepOnBoth();
    await sweepOnBoth();
    expect((await designation(failing.designationId)).status).toBe('REVOKED');
    expect((await designation(remediated.designationId)).status).toBe('COMPLIANT');
    const decisions = await systemDecisions(failing.designationId);
    expect(decisions.map((d) => [d.fromStatus, d.toStatus])).toEqual([['AT_RISK', 'REVOKED']]);
    expect(await systemDecisions(remediated.designationId)).toHaveLength(0);
  });
});

describe('NFR expiry timer', () => {
  it('R-NFR-07: a license past its end date is expired by the system once, across instances', async () => {
    const p = await insertPartner(a.app.dataSource);
    const ending = await insertLicense(a.app.dataSource, p, NfrProduct.ULTIMATE_SAAS, 5, { startsOn: '2026-01-01', endsOn: '2026-12-31' });
    setClocks(new Date('2026-12-31T12:00:00Z'));
    await sweepOnBoth();
    expect((await a.app.dataSource.getRepository(NfrLicense).findOneByOrFail({ id: ending.id })).status).toBe('APPROVED');
    setClocks(new Date('2027-01-01T00:00:00Z'));
    await sweepOnBoth();
    await sweepOnBoth();
    expect((await a.app.dataSource.getRepository(NfrLicense).findOneByOrFail({ id: ending.id })).status).toBe('EXPIRED');
    const decisions = await systemDecisions(gid('NfrLicense', ending.id));
    expect(decisions.map((d) => [d.fromStatus, d.toStatus, d.ruleIds])).toEqual([['APPROVED', 'EXPIRED', ['R-NFR-07']]]);
  });
});
