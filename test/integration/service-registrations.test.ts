import { inTestUnitOfWork } from '../support/unit-of-work';
import { Role } from '../../src/auth/role.enum';
import { FixedClock } from '../../src/config/clock';
import { Customer } from '../../src/crm/customer.entity';
import { Opportunity } from '../../src/crm/opportunity.entity';
import { OpportunityKind, OpportunityStage } from '../../src/crm/opportunity.enums';
import { Partner } from '../../src/partners/partner.entity';
import { Territory } from '../../src/partners/partner.enums';
import { PspDesignation } from '../../src/psp/psp-designation.entity';
import { PspDesignationStatus } from '../../src/psp/psp.enums';
import { ServiceQualification } from '../../src/service-registrations/service-registration.enums';
import { ServiceRegistration } from '../../src/service-registrations/service-registration.entity';
import { recomputeServiceQualifications } from '../../src/service-registrations/service-registration.service';
import { StatusTransition } from '../../src/events/status-transition.entity';
import { gid, insertPartner, insertPerson } from '../support/fixtures';
import { CertificationKind } from '../../src/people/person.enums';
import { rowCounts } from '../support/row-counts';
import { TestServer, startTestServer } from '../support/test-server';

const NOW = new Date('2026-05-15T10:00:00Z');
const clock = new FixedClock(NOW);
let server: TestServer;
let portal: string;
let ops: string;
let customer: Customer;
let seq = 0;

interface History {
  nodes: Array<{ fromStatus: string | null; toStatus: string; ruleIds: string[]; reason: string; actorRole: string }>;
}
interface Registration {
  id: string;
  version: number;
  qualification: string;
  qualificationRuleIds: string[];
  qualificationReasons: string[];
  qualifiedAt: string | null;
  statementOfWork: {
    reference: string;
    amount: { amount: string; currency: string } | null;
    multiPhaseException: { id: string; reason: string } | null;
  } | null;
  history: History;
}
interface UserErrorShape {
  field: string[] | null;
  code: string;
  message: string;
  ruleIds: string[];
  ruleCode: string | null;
}
interface Payload {
  serviceRegistration: Registration | null;
  userErrors: UserErrorShape[];
}

const REGISTRATION_FIELDS = `id version qualification qualificationRuleIds qualificationReasons qualifiedAt
  statementOfWork { reference amount { amount currency } multiPhaseException { id reason } }
  history { nodes { fromStatus toStatus ruleIds reason actorRole } }`;
const FIELDS = `serviceRegistration { ${REGISTRATION_FIELDS} } userErrors { field code message ruleIds ruleCode }`;
const SUBMIT = `mutation ($input: SubmitServiceRegistrationInput!) { submitServiceRegistration(input: $input) { ${FIELDS} } }`;
const ATTACH = `mutation ($input: AttachStatementOfWorkInput!) { attachStatementOfWork(input: $input) { ${FIELDS} } }`;
const GRANT = `mutation ($input: GrantMultiPhaseExceptionInput!) {
  grantMultiPhaseException(input: $input) { multiPhaseException { id sowReference reason } userErrors { field code message ruleIds ruleCode } } }`;
const REPORT = `query ($quarter: String!) { serviceRebateReport(quarter: $quarter) {
  quarter startsAt endsAt lines { registration { id } partner { id } opportunity { id } sowAmount { amount currency } qualifiedAt } } }`;

const IMPLEMENTATION = [{ kind: 'IMPLEMENTATION' }, { kind: 'MIGRATION', description: 'GitLab Ultimate migration' }];

beforeAll(async () => {
  server = await startTestServer({ clock });
  portal = await server.key(Role.PORTAL_SYNC);
  ops = await server.key(Role.ECOSYSTEM_OPS);
  customer = await server.app.dataSource.getRepository(Customer).save({ name: 'Umbrella', crmAccountId: 'ACC-SAR', country: 'DE', territory: Territory.EMEA });
});
afterAll(() => server.stop());

async function pspPartner(status = PspDesignationStatus.COMPLIANT): Promise<Partner> {
  const partner = await insertPartner(server.app.dataSource);
  await grantPsp(partner, status);
  return partner;
}

async function grantPsp(partner: Partner, status = PspDesignationStatus.COMPLIANT): Promise<void> {
  await server.app.dataSource.getRepository(PspDesignation).save({
    partnerId: partner.id,
    status,
    grantedAt: new Date('2025-03-01T00:00:00Z'),
    reviewMonth: 3,
    nextReviewDueOn: '2027-03-01',
    remediationDueOn: status === PspDesignationStatus.AT_RISK ? '2026-06-01' : null,
  });
}

async function opportunity(stage: OpportunityStage, closedAt: Date | null = null, extra: Partial<Opportunity> = {}): Promise<Opportunity> {
  seq += 1;
  return server.app.dataSource.getRepository(Opportunity).save({
    externalId: `006-SAR-${seq}`,
    customerId: customer.id,
    name: `Services ${seq}`,
    stage,
    kind: OpportunityKind.NEW_CUSTOMER,
    closedAt: stage === OpportunityStage.CLOSED_WON || stage === OpportunityStage.CLOSED_LOST ? (closedAt ?? new Date('2026-04-01T00:00:00Z')) : null,
    netArr: '50000.00',
    ...extra,
  });
}

async function submit(key: string, partner: Partner | null, opp: Opportunity | null, extra: Record<string, unknown> = {}): Promise<Payload> {
  const response = await server.gql<{ submitServiceRegistration: Payload }>(key, SUBMIT, {
    input: {
      ...(partner ? { partnerId: gid('Partner', partner.id) } : {}),
      opportunityExternalId: opp?.externalId ?? null,
      serviceLines: IMPLEMENTATION,
      ...extra,
    },
  });
  expect(response.errors).toBeUndefined();
  return response.data!.submitServiceRegistration;
}

async function attach(key: string, registrationId: string, reference: string, extra: Record<string, unknown> = {}): Promise<Payload> {
  const response = await server.gql<{ attachStatementOfWork: Payload }>(key, ATTACH, {
    input: { registrationId, reference, customerSignedOn: '2026-04-20', fullyExecuted: true, amount: '120000.00', ...extra },
  });
  expect(response.errors).toBeUndefined();
  return response.data!.attachStatementOfWork;
}

async function grant(key: string, sowReference: string, reason: string, extra: Record<string, unknown> = {}) {
  const response = await server.gql<{
    grantMultiPhaseException: { multiPhaseException: { id: string; sowReference: string; reason: string } | null; userErrors: UserErrorShape[] };
  }>(key, GRANT, { input: { sowReference, reason, ...extra } });
  expect(response.errors).toBeUndefined();
  return response.data!.grantMultiPhaseException;
}

async function registration(id: string): Promise<Registration> {
  const response = await server.gql<{ node: Registration }>(
    ops,
    `query ($id: ID!) { node(id: $id) { ... on ServiceRegistration { ${REGISTRATION_FIELDS} } } }`,
    { id },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.node;
}

/** Runs the exported recompute as another domain (CRM sync, PSP) would, in its own transaction. */
async function recompute(where: Parameters<typeof recomputeServiceQualifications>[1]): Promise<void> {
  await inTestUnitOfWork(server.app, (uow) => recomputeServiceQualifications(uow, where), { now: clock.now() });
}

const dbId = (globalId: string): string => Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1];

describe('qualification', () => {
  it('R-SAR-03, R-SAR-04, R-SAR-07: a PSP partner with a closed-won opportunity and an executed SOW in time gets APPROVED_REBATE_AND_PSP, and each change is in the history', async () => {
    const partner = await pspPartner();
    const opp = await opportunity(OpportunityStage.CLOSED_WON);
    const submitted = await submit(portal, partner, opp);
    expect(submitted.userErrors).toEqual([]);
    expect(submitted.serviceRegistration).toMatchObject({ qualification: 'PENDING', qualifiedAt: null });
    expect(submitted.serviceRegistration!.qualificationReasons).toEqual(expect.arrayContaining([expect.stringContaining('No statement of work')]));
    expect(submitted.serviceRegistration!.history.nodes).toEqual([
      expect.objectContaining({ fromStatus: null, toStatus: 'PENDING', actorRole: 'PORTAL_SYNC', ruleIds: expect.arrayContaining(['R-SAR-07']) }),
    ]);

    const attached = await attach(portal, submitted.serviceRegistration!.id, ' sow-approved-1 ');
    expect(attached.userErrors).toEqual([]);
    expect(attached.serviceRegistration).toMatchObject({
      qualification: 'APPROVED_REBATE_AND_PSP',
      qualificationRuleIds: ['R-SAR-03', 'R-SAR-04', 'R-SAR-07'],
      qualifiedAt: NOW.toISOString(),
      statementOfWork: { reference: 'SOW-APPROVED-1', amount: { amount: '120000.00', currency: 'USD' }, multiPhaseException: null },
    });
    expect(attached.serviceRegistration!.history.nodes.map((h) => [h.fromStatus, h.toStatus])).toEqual([
      [null, 'PENDING'],
      ['PENDING', 'APPROVED_REBATE_AND_PSP'],
    ]);
    expect(attached.serviceRegistration!.history.nodes[1].ruleIds).toEqual(['R-SAR-03', 'R-SAR-04', 'R-SAR-07']);
  });

  it('R-SAR-07, R-SAR-04: every unmet condition is listed, and the qualification is recomputed when the opportunity closes and the PSP designation is granted or revoked', async () => {
    const partner = await insertPartner(server.app.dataSource);
    const opp = await opportunity(OpportunityStage.STAGE_4, null, { netArr: null });
    const submitted = await submit(portal, partner, opp, { serviceLines: [{ kind: 'IMPLEMENTATION', subcontracted: true }, { kind: 'EDUCATION_TRAINING' }] });
    const id = submitted.serviceRegistration!.id;
    const attached = await attach(portal, id, 'SOW-UNMET-1', { fullyExecuted: false });
    expect(attached.serviceRegistration!.qualification).toBe('PENDING');
    const reasons = attached.serviceRegistration!.qualificationReasons.join(' | ');
    for (const expected of ['not closed-won', 'PSP designation', 'not fully executed', 'subcontracted services are out of scope', 'out of scope for rebates']) {
      expect(reasons).toContain(expected);
    }

    // The CRM closes the opportunity won (no net ARR) and the other domain recomputes.
    await server.app.dataSource.getRepository(Opportunity).update(opp.id, { stage: OpportunityStage.CLOSED_WON, closedAt: new Date('2026-05-01T00:00:00Z') });
    await recompute({ opportunityId: opp.id });
    let after = await registration(id);
    expect(after.qualification).toBe('UNQUALIFIED');
    expect(after.history.nodes.at(-1)).toMatchObject({
      fromStatus: 'PENDING',
      toStatus: 'UNQUALIFIED',
      actorRole: 'SYSTEM',
      ruleIds: ['R-SAR-03', 'R-SAR-05', 'R-SAR-07'],
    });

    // Fixing the facts is not enough without PSP; granting it (AT_RISK still holds) qualifies it.
    const clean = await submit(portal, partner, opp);
    const cleanId = clean.serviceRegistration!.id;
    await attach(portal, cleanId, 'SOW-UNMET-2');
    expect((await registration(cleanId)).qualification).toBe('UNQUALIFIED');
    await grantPsp(partner, PspDesignationStatus.AT_RISK);
    await recompute({ partnerId: partner.id });
    after = await registration(cleanId);
    expect(after).toMatchObject({ qualification: 'APPROVED_REBATE_AND_PSP', qualificationReasons: ['Meets every condition for the rebate and PSP credit'] });
    expect(after.history.nodes.at(-1)).toMatchObject({
      fromStatus: 'UNQUALIFIED',
      toStatus: 'APPROVED_REBATE_AND_PSP',
      ruleIds: ['R-SAR-03', 'R-SAR-04', 'R-SAR-07'],
    });
    // The subcontracted one still does not qualify, and a recompute that changes nothing records nothing.
    expect((await registration(id)).qualification).toBe('UNQUALIFIED');
    const transitions = await server.app.dataSource.getRepository(StatusTransition).countBy({ entityType: 'ServiceRegistration' });
    await recompute({ partnerId: partner.id, registrationIds: [dbId(id)] });
    expect(await server.app.dataSource.getRepository(StatusTransition).countBy({ entityType: 'ServiceRegistration' })).toBe(transitions);

    // Revoked: the rebate is lost again.
    await server.app.dataSource
      .getRepository(PspDesignation)
      .update({ partnerId: partner.id }, { status: PspDesignationStatus.REVOKED, remediationDueOn: null });
    await recompute({ partnerId: partner.id });
    after = await registration(cleanId);
    expect(after).toMatchObject({ qualification: 'UNQUALIFIED', qualifiedAt: null });
    expect(after.qualificationReasons.join(' ')).toContain('does not hold the PSP designation');
  });

  it('R-SAR-05: without the PSP designation, a paid engagement with a closed-won net-ARR opportunity is ACCEPTED_PSP_ONLY; R-SAR-03 window: a SOW more than 6 months after close misses the rebate', async () => {
    const noPsp = await insertPartner(server.app.dataSource);
    const opp = await opportunity(OpportunityStage.CLOSED_WON);
    const { serviceRegistration } = await submit(portal, noPsp, opp);
    const accepted = await attach(portal, serviceRegistration!.id, 'SOW-PSP-ONLY-1');
    expect(accepted.serviceRegistration).toMatchObject({ qualification: 'ACCEPTED_PSP_ONLY', qualificationRuleIds: ['R-SAR-05', 'R-SAR-03', 'R-SAR-07'] });
    expect(accepted.serviceRegistration!.qualificationReasons.join(' ')).toContain('does not hold the PSP designation');

    // A PSP partner whose SOW arrives 7 months after the close (clock moved on) gets PSP credit only.
    const psp = await pspPartner();
    const closedLongAgo = await opportunity(OpportunityStage.CLOSED_WON, new Date('2025-11-01T00:00:00Z'));
    clock.set(new Date('2026-01-10T00:00:00Z'));
    const late = await submit(portal, psp, closedLongAgo);
    clock.set(new Date('2026-06-02T00:00:00Z'));
    const lateSow = await attach(portal, late.serviceRegistration!.id, 'SOW-LATE-1', { customerSignedOn: '2026-06-01' });
    clock.set(NOW);
    expect(lateSow.serviceRegistration!.qualification).toBe('ACCEPTED_PSP_ONLY');
    expect(lateSow.serviceRegistration!.qualificationReasons.join(' ')).toContain('more than 6 months after the opportunity closed');
  });

  it('R-SAR-06: no related license opportunity, or education/training only, is UNQUALIFIED', async () => {
    const partner = await pspPartner();
    const unlinked = await submit(portal, partner, null);
    expect(unlinked.serviceRegistration).toMatchObject({ qualification: 'UNQUALIFIED', qualificationRuleIds: ['R-SAR-06', 'R-SAR-07'] });
    expect(unlinked.serviceRegistration!.qualificationReasons[0]).toBe('The engagement has no related license opportunity');
    expect(unlinked.serviceRegistration!.history.nodes).toEqual([
      expect.objectContaining({ fromStatus: null, toStatus: 'UNQUALIFIED', ruleIds: ['R-SAR-06', 'R-SAR-07'] }),
    ]);
    const training = await submit(portal, partner, await opportunity(OpportunityStage.CLOSED_WON), { serviceLines: [{ kind: 'EDUCATION_TRAINING' }] });
    expect(training.serviceRegistration).toMatchObject({ qualification: 'UNQUALIFIED' });
    expect(training.serviceRegistration!.qualificationReasons[0]).toContain('Education/training only');
  });
});

describe('one qualifying registration per opportunity', () => {
  it('R-SAR-01: the partner need not be the seller; a second qualifying registration is UNQUALIFIED citing R-SAR-01, and qualifies once the first loses it', async () => {
    const [seller, first, second] = [await insertPartner(server.app.dataSource), await pspPartner(), await pspPartner()];
    const opp = await opportunity(OpportunityStage.CLOSED_WON, null, { resellerPartnerId: seller.id });
    const a = (await submit(portal, first, opp)).serviceRegistration!;
    const b = (await submit(portal, second, opp)).serviceRegistration!;
    // b's SOW arrives first: it qualifies first and keeps it even though a was received earlier.
    expect((await attach(portal, b.id, 'SOW-ONE-B')).serviceRegistration!.qualification).toBe('APPROVED_REBATE_AND_PSP');
    const blocked = await attach(portal, a.id, 'SOW-ONE-A');
    expect(blocked.serviceRegistration).toMatchObject({ qualification: 'UNQUALIFIED' });
    expect(blocked.serviceRegistration!.qualificationRuleIds[0]).toBe('R-SAR-01');
    expect(blocked.serviceRegistration!.qualificationReasons[0]).toBe(`Registration ${b.id} already qualifies for this opportunity (APPROVED_REBATE_AND_PSP)`);
    expect(blocked.serviceRegistration!.history.nodes.at(-1)!.ruleIds).toContain('R-SAR-01');

    await server.app.dataSource.getRepository(PspDesignation).update({ partnerId: second.id }, { status: PspDesignationStatus.REVOKED });
    await recompute({ partnerId: second.id });
    expect((await registration(b.id)).qualification).toBe('ACCEPTED_PSP_ONLY');
    expect((await registration(a.id)).qualification).toBe('UNQUALIFIED');
    // Losing PSP credit too (no net ARR any more), b gives way to a.
    await server.app.dataSource.getRepository(Opportunity).update(opp.id, { netArr: null });
    await recompute({ opportunityId: opp.id });
    expect((await registration(b.id)).qualification).toBe('UNQUALIFIED');
    const promoted = await registration(a.id);
    expect(promoted.qualification).toBe('APPROVED_REBATE_AND_PSP');
    expect(promoted.history.nodes.at(-1)).toMatchObject({ fromStatus: 'UNQUALIFIED', toStatus: 'APPROVED_REBATE_AND_PSP', actorRole: 'SYSTEM' });
  });

  it('R-SAR-01: SOWs attached concurrently to 8 competing registrations qualify exactly one, and a later recompute keeps that one', async () => {
    const partners = await Promise.all(Array.from({ length: 8 }, () => pspPartner()));
    const opp = await opportunity(OpportunityStage.CLOSED_WON);
    const ids: string[] = [];
    for (const [i, partner] of partners.entries()) {
      clock.set(new Date(NOW.getTime() + i * 1000));
      ids.push((await submit(portal, partner, opp)).serviceRegistration!.id);
    }
    clock.set(NOW);
    const results = await Promise.all(ids.map((id, i) => attach(portal, id, `SOW-RACE-${i}`)));
    expect(results.flatMap((r) => r.userErrors)).toEqual([]);
    const stored = await server.app.dataSource.getRepository(ServiceRegistration).findBy({ opportunityId: opp.id });
    expect(stored.filter((r) => r.qualification === ServiceQualification.APPROVED_REBATE_AND_PSP)).toHaveLength(1);
    expect(stored.filter((r) => r.qualification === ServiceQualification.UNQUALIFIED)).toHaveLength(7);
    // Whichever SOW came first, a full recompute in order of receipt keeps that holder (qualified first keeps it).
    const holder = stored.find((r) => r.qualification === ServiceQualification.APPROVED_REBATE_AND_PSP)!.id;
    await recompute({ opportunityId: opp.id });
    const again = await server.app.dataSource
      .getRepository(ServiceRegistration)
      .findBy({ opportunityId: opp.id, qualification: 'APPROVED_REBATE_AND_PSP' as never });
    expect(again.map((r) => r.id)).toEqual([holder]);
  });
});

describe('statements of work', () => {
  it('R-SAR-02: a SOW reference backs one registration; reuse in any spelling is refused and changes nothing, until ECOSYSTEM_OPS grants a multi-phase exception with a reason', async () => {
    const partner = await pspPartner();
    const [first, second, third] = [
      (await submit(portal, partner, await opportunity(OpportunityStage.CLOSED_WON))).serviceRegistration!,
      (await submit(portal, partner, await opportunity(OpportunityStage.CLOSED_WON))).serviceRegistration!,
      (await submit(portal, partner, await opportunity(OpportunityStage.CLOSED_WON))).serviceRegistration!,
    ];
    expect((await attach(portal, first.id, 'SOW-PHASED-1')).userErrors).toEqual([]);

    const before = await rowCounts(server.app.dataSource);
    const reused = await attach(portal, second.id, '  sow-phased-1 ');
    expect(reused.serviceRegistration).toBeNull();
    expect(reused.userErrors).toEqual([
      expect.objectContaining({
        code: 'RULE_VIOLATION',
        ruleIds: ['R-SAR-02'],
        ruleCode: 'SOW_ALREADY_USED',
        field: ['input', 'reference'],
        message: expect.stringContaining(first.id),
      }),
    ]);
    const portalGrant = await grant(portal, 'SOW-PHASED-1', 'Phase 2');
    expect(portalGrant.userErrors[0].code).toBe('FORBIDDEN');
    const noReason = await grant(ops, 'SOW-PHASED-1', '   ');
    expect(noReason.userErrors).toEqual([
      expect.objectContaining({ code: 'RULE_VIOLATION', ruleIds: ['R-SAR-02'], ruleCode: 'EXCEPTION_REASON_MISSING', field: ['input', 'reason'] }),
    ]);
    expect(await rowCounts(server.app.dataSource)).toEqual(before);

    const granted = await grant(ops, 'sow-phased-1', 'Phase 2 of the same migration project', { idempotencyKey: 'grant-phased-1' });
    expect(granted.userErrors).toEqual([]);
    expect(granted.multiPhaseException).toMatchObject({ sowReference: 'SOW-PHASED-1', reason: 'Phase 2 of the same migration project' });
    const retried = await grant(ops, 'sow-phased-1', 'Phase 2 of the same migration project', { idempotencyKey: 'grant-phased-1' });
    expect(retried.multiPhaseException?.id).toBe(granted.multiPhaseException!.id);
    expect((await grant(ops, 'SOW-PHASED-1', 'Again')).userErrors[0]).toMatchObject({ code: 'ALREADY_EXISTS', ruleIds: ['R-SAR-02'] });

    const phase2 = await attach(portal, second.id, 'sow-phased-1');
    expect(phase2.userErrors).toEqual([]);
    expect(phase2.serviceRegistration!.statementOfWork).toMatchObject({
      reference: 'SOW-PHASED-1',
      multiPhaseException: { id: granted.multiPhaseException!.id },
    });
    expect((await attach(portal, third.id, 'SOW-PHASED-1')).userErrors).toEqual([]);
  });

  it('R-SAR-02: the same new SOW reference attached concurrently to 5 registrations backs exactly one', async () => {
    const partner = await pspPartner();
    const regs = await Promise.all(
      Array.from({ length: 5 }, async () => (await submit(portal, partner, await opportunity(OpportunityStage.CLOSED_WON))).serviceRegistration!),
    );
    const results = await Promise.all(regs.map((r) => attach(portal, r.id, 'SOW-CONCURRENT-1')));
    expect(results.filter((r) => r.userErrors.length === 0)).toHaveLength(1);
    expect(results.filter((r) => r.userErrors[0]?.ruleIds.includes('R-SAR-02'))).toHaveLength(4);
  });

  it('one SOW per registration; a stale expectedVersion is a CONFLICT; a future signature date is refused', async () => {
    const partner = await pspPartner();
    const { serviceRegistration } = await submit(portal, partner, await opportunity(OpportunityStage.STAGE_2));
    const stale = await attach(portal, serviceRegistration!.id, 'SOW-VERSION-1', { expectedVersion: serviceRegistration!.version + 1 });
    expect(stale.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT', field: ['input', 'expectedVersion'] })]);
    const future = await attach(portal, serviceRegistration!.id, 'SOW-VERSION-1', { customerSignedOn: '2026-05-16' });
    expect(future.userErrors).toEqual([expect.objectContaining({ code: 'VALIDATION_FAILED', field: ['input', 'customerSignedOn'] })]);
    expect((await attach(portal, serviceRegistration!.id, 'SOW-VERSION-1', { expectedVersion: serviceRegistration!.version })).userErrors).toEqual([]);
    const second = await attach(portal, serviceRegistration!.id, 'SOW-VERSION-2');
    expect(second.userErrors[0]).toMatchObject({ code: 'ALREADY_EXISTS', field: ['input', 'registrationId'] });
  });
});

describe('the decision on the record', () => {
  const DECISION = `query ($id: ID!) { node(id: $id) { ... on ServiceRegistration { qualification qualificationReasons
    decision { outcome from ruleIds reasons unmet { ruleId code message } actor { role } } } } }`;
  interface DecisionView {
    qualification: string;
    qualificationReasons: string[];
    decision: { outcome: string; from: string | null; ruleIds: string[]; reasons: string[]; unmet: Array<{ ruleId: string; code: string; message: string }> };
  }
  const decisionOf = async (id: string): Promise<DecisionView> => (await server.gql<{ node: DecisionView }>(ops, DECISION, { id })).data!.node;

  it('R-SAR-07: every result is recorded with its unmet conditions, also when the qualification stays the same', async () => {
    const partner = await insertPartner(server.app.dataSource);
    const opp = await opportunity(OpportunityStage.STAGE_3);
    const { serviceRegistration } = await submit(portal, partner, opp);
    const id = serviceRegistration!.id;
    let seen = await decisionOf(id);
    expect(seen.decision).toMatchObject({ outcome: 'PENDING', from: null, actor: { role: 'PORTAL_SYNC' } });
    expect(seen.decision.unmet.map((u) => u.code)).toEqual(['OPPORTUNITY_NOT_CLOSED_WON', 'PSP_DESIGNATION_MISSING', 'SOW_MISSING']);

    await attach(portal, id, `SOW-DECISION-${partner.id.slice(0, 8)}`, { fullyExecuted: false });
    seen = await decisionOf(id);
    expect(seen.qualification).toBe('PENDING');
    expect(seen.decision).toMatchObject({ outcome: 'PENDING', from: 'PENDING', ruleIds: ['R-SAR-03', 'R-SAR-05', 'R-SAR-07'] });
    expect(seen.decision.unmet.map((u) => [u.ruleId, u.code])).toEqual([
      ['R-SAR-03', 'OPPORTUNITY_NOT_CLOSED_WON'],
      ['R-SAR-03', 'PSP_DESIGNATION_MISSING'],
      ['R-SAR-03', 'SOW_NOT_EXECUTED'],
    ]);
    // The record and its decision say the same.
    expect(seen.decision.reasons.join('; ')).toBe(seen.qualificationReasons.join('; '));
  });
});

describe('dry runs', () => {
  const DRY_FIELDS = `serviceRegistration { id } userErrors { code field ruleIds } dryRun { entityType outcome from ruleIds reasons unmet { ruleId code } }`;
  interface DryRunPayload {
    serviceRegistration: { id: string } | null;
    userErrors: UserErrorShape[];
    dryRun: Array<{
      entityType: string;
      outcome: string;
      from: string | null;
      ruleIds: string[];
      reasons: string[];
      unmet: Array<{ ruleId: string; code: string }>;
    }> | null;
  }
  const dryRun = async (key: string, input: Record<string, unknown>): Promise<DryRunPayload> => {
    const response = await server.gql<{ submitServiceRegistration: DryRunPayload }>(
      key,
      `mutation ($input: SubmitServiceRegistrationInput!) { submitServiceRegistration(input: $input) { ${DRY_FIELDS} } }`,
      { input: { serviceLines: IMPLEMENTATION, ...input } },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.submitServiceRegistration;
  };

  it('R-SAR-07, R-SAR-06: submitServiceRegistration with dryRun returns the qualification it would get, writes nothing and is audited as a dry run', async () => {
    const partner = await pspPartner();
    const opp = await opportunity(OpportunityStage.CLOSED_WON);
    const before = await rowCounts(server.app.dataSource);
    const pending = await dryRun(portal, {
      partnerId: gid('Partner', partner.id),
      opportunityExternalId: opp.externalId,
      dryRun: true,
      idempotencyKey: 'dry-1',
    });
    expect(pending.serviceRegistration).toBeNull();
    expect(pending.userErrors).toEqual([]);
    expect(pending.dryRun).toEqual([
      {
        entityType: 'ServiceRegistration',
        outcome: 'PENDING',
        from: null,
        ruleIds: ['R-SAR-03', 'R-SAR-05', 'R-SAR-07'],
        reasons: expect.arrayContaining(['No statement of work has been provided']),
        unmet: [{ ruleId: 'R-SAR-03', code: 'SOW_MISSING' }],
      },
    ]);
    const unlinked = await dryRun(portal, { partnerId: gid('Partner', partner.id), dryRun: true });
    expect(unlinked.dryRun).toEqual([expect.objectContaining({ outcome: 'UNQUALIFIED', ruleIds: ['R-SAR-06', 'R-SAR-07'] })]);
    expect(await rowCounts(server.app.dataSource)).toEqual(before);

    // The same checks: a refusal is a refusal, and a wrong role is FORBIDDEN.
    const unknown = await dryRun(portal, { partnerId: gid('Partner', partner.id), opportunityExternalId: '006-NOPE', dryRun: true });
    expect(unknown).toMatchObject({ dryRun: null, userErrors: [{ code: 'NOT_FOUND', field: ['input', 'opportunityExternalId'] }] });
    expect((await dryRun(ops, { partnerId: gid('Partner', partner.id), dryRun: true })).userErrors[0].code).toBe('FORBIDDEN');
    expect(await rowCounts(server.app.dataSource)).toEqual(before);

    // The dry run did not take the idempotency key: the real submission under it creates the registration.
    const real = await dryRun(portal, { partnerId: gid('Partner', partner.id), opportunityExternalId: opp.externalId, idempotencyKey: 'dry-1' });
    expect(real.userErrors).toEqual([]);
    expect(real.dryRun).toBeNull();
    expect(real.serviceRegistration?.id).toEqual(expect.any(String));

    const admin = await server.key(Role.ADMIN);
    const audit = await server.gql<{ auditEntries: { nodes: Array<{ outcome: string; entityId: string | null }> } }>(
      admin,
      `{ auditEntries(first: 5, filter: { operations: ["submitServiceRegistration"] }) { nodes { outcome entityId } } }`,
    );
    // Newest first: the real submission, the two refusals, the two dry runs.
    expect(audit.data!.auditEntries.nodes.map((n) => n.outcome)).toEqual(['OK', 'REFUSED', 'REFUSED', 'DRY_RUN', 'DRY_RUN']);
    expect(audit.data!.auditEntries.nodes.slice(3).map((n) => n.entityId)).toEqual([null, null]);
  });
});

describe('who may act', () => {
  it('a wrong role is FORBIDDEN and changes nothing; a partner user acts for its own partner only', async () => {
    const [own, other] = [await pspPartner(), await pspPartner()];
    const opp = await opportunity(OpportunityStage.CLOSED_WON);
    const theirs = (await submit(portal, other, opp)).serviceRegistration!;
    const before = await rowCounts(server.app.dataSource);
    for (const role of [Role.CRM_SYNC, Role.ECOSYSTEM_OPS, Role.ESM]) {
      const key = await server.key(role);
      expect((await submit(key, own, opp)).userErrors[0].code).toBe('FORBIDDEN');
      expect((await attach(key, theirs.id, 'SOW-FORBIDDEN-1')).userErrors[0].code).toBe('FORBIDDEN');
    }
    const ownKey = await server.key(Role.PARTNER_USER, { partnerId: own.id });
    expect((await submit(ownKey, other, opp)).userErrors[0]).toMatchObject({ code: 'FORBIDDEN', field: ['input', 'partnerId'] });
    expect((await attach(ownKey, theirs.id, 'SOW-FORBIDDEN-1')).userErrors[0]).toMatchObject({ code: 'FORBIDDEN', field: ['input', 'registrationId'] });
    expect((await grant(ownKey, 'SOW-FORBIDDEN-1', 'please')).userErrors[0].code).toBe('FORBIDDEN');
    expect(await rowCounts(server.app.dataSource)).toEqual(before);

    const mine = await submit(ownKey, null, opp);
    expect(mine.userErrors).toEqual([]);
    expect((await attach(ownKey, mine.serviceRegistration!.id, 'SOW-OWN-1')).userErrors).toEqual([]);
  });

  it('an idempotent retry of a submission returns the first result and creates nothing twice; another input under the key is refused', async () => {
    const partner = await pspPartner();
    const opp = await opportunity(OpportunityStage.CLOSED_WON);
    const results = await Promise.all(Array.from({ length: 5 }, () => submit(portal, partner, opp, { idempotencyKey: 'portal-sar-42' })));
    expect(new Set(results.map((r) => r.serviceRegistration?.id)).size).toBe(1);
    expect(await server.app.dataSource.getRepository(ServiceRegistration).countBy({ opportunityId: opp.id })).toBe(1);
    const reused = await submit(portal, partner, opp, { idempotencyKey: 'portal-sar-42', regulatedIndustry: true });
    expect(reused.userErrors[0].code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('bad input gets field-level errors and changes nothing', async () => {
    const partner = await pspPartner();
    const before = await rowCounts(server.app.dataSource);
    const empty = await submit(portal, partner, null, { serviceLines: [] });
    expect(empty.userErrors).toEqual([expect.objectContaining({ code: 'VALIDATION_FAILED', field: ['input', 'serviceLines'] })]);
    const nested = await submit(portal, partner, null, { serviceLines: [{ kind: 'SUPPORT', amount: '-5.00', description: 'd'.repeat(1001) }] });
    expect(nested.userErrors.map((e) => e.field?.join('.')).sort()).toEqual(['input.serviceLines.0.amount', 'input.serviceLines.0.description']);
    const unknownOpp = await submit(portal, partner, null, { opportunityExternalId: '006-NOPE' });
    expect(unknownOpp.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'opportunityExternalId'] });
    const blank = await attach(portal, gid('ServiceRegistration', '00000000-0000-4000-8000-000000000000'), '   ');
    expect(blank.userErrors[0]).toMatchObject({ code: 'VALIDATION_FAILED', field: ['input', 'reference'] });
    const unknownReg = await attach(portal, gid('ServiceRegistration', '00000000-0000-4000-8000-000000000000'), 'SOW-X');
    expect(unknownReg.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'registrationId'] });
    const wrongType = await attach(portal, gid('Partner', partner.id), 'SOW-X');
    expect(wrongType.userErrors[0].code).toBe('NOT_FOUND');
    expect(await rowCounts(server.app.dataSource)).toEqual(before);
  });
});

describe('rebate report', () => {
  it('R-SAR-07: serviceRebateReport lists APPROVED_REBATE_AND_PSP registrations by the calendar quarter they qualified in, with partner, opportunity and SOW amount; a partner user sees only its own', async () => {
    const [p1, p2] = [await pspPartner(), await pspPartner()];
    const opp1 = await opportunity(OpportunityStage.CLOSED_WON, new Date('2026-03-01T00:00:00Z'));
    const opp2 = await opportunity(OpportunityStage.CLOSED_WON, new Date('2026-03-01T00:00:00Z'));
    const r1 = (await submit(portal, p1, opp1)).serviceRegistration!;
    const r2 = (await submit(portal, p2, opp2)).serviceRegistration!;
    const pspOnly = (await submit(portal, await insertPartner(server.app.dataSource), opp2)).serviceRegistration!;
    clock.set(new Date('2026-06-30T23:59:59.000Z'));
    await attach(portal, r1.id, 'SOW-REPORT-1', { amount: '80000.50', currency: 'EUR', customerSignedOn: '2026-06-01' });
    clock.set(new Date('2026-07-01T00:00:00.000Z'));
    await attach(portal, r2.id, 'SOW-REPORT-2', { customerSignedOn: '2026-06-01' });
    await attach(portal, pspOnly.id, 'SOW-REPORT-3', { customerSignedOn: '2026-06-01' });
    clock.set(NOW);

    const q2 = await server.gql<{
      serviceRebateReport: {
        quarter: string;
        startsAt: string;
        endsAt: string;
        lines: Array<{
          registration: { id: string };
          partner: { id: string };
          opportunity: { id: string };
          sowAmount: { amount: string; currency: string } | null;
          qualifiedAt: string;
        }>;
      };
    }>(ops, REPORT, { quarter: '2026-Q2' });
    expect(q2.errors).toBeUndefined();
    const report = q2.data!.serviceRebateReport;
    expect(report).toMatchObject({ quarter: '2026-Q2', startsAt: '2026-04-01T00:00:00.000Z', endsAt: '2026-07-01T00:00:00.000Z' });
    const mine = report.lines.filter((l) => [r1.id, r2.id, pspOnly.id].includes(l.registration.id));
    expect(mine).toEqual([
      {
        registration: { id: r1.id },
        partner: { id: gid('Partner', p1.id) },
        opportunity: { id: gid('Opportunity', opp1.id) },
        sowAmount: { amount: '80000.50', currency: 'EUR' },
        qualifiedAt: '2026-06-30T23:59:59.000Z',
      },
    ]);
    const q3 = await server.gql<{ serviceRebateReport: { lines: Array<{ registration: { id: string } }> } }>(ops, REPORT, { quarter: '2026-Q3' });
    expect(q3.data!.serviceRebateReport.lines.map((l) => l.registration.id)).toContain(r2.id);
    expect(q3.data!.serviceRebateReport.lines.map((l) => l.registration.id)).not.toContain(pspOnly.id);

    const p2Key = await server.key(Role.PARTNER_USER, { partnerId: p2.id });
    const scoped = await server.gql<{ serviceRebateReport: { lines: Array<{ registration: { id: string } }> } }>(p2Key, REPORT, { quarter: '2026-Q3' });
    expect(scoped.data!.serviceRebateReport.lines.map((l) => l.registration.id)).toEqual([r2.id]);
    expect((await server.gql(p2Key, REPORT, { quarter: '2026-Q2' })).data).toEqual({ serviceRebateReport: expect.objectContaining({ lines: [] }) });

    const bad = await server.gql(ops, REPORT, { quarter: '2026-Q5' });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const distributorKey = await server.key(Role.DISTRIBUTOR, {
      distributorId: (await server.app.dataSource.query(`SELECT id FROM distributor LIMIT 1`))[0].id,
    });
    expect((await server.gql(distributorKey, REPORT, { quarter: '2026-Q2' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('recomputed when its inputs change elsewhere', () => {
  it('R-SAR-07: the CRM closing the opportunity and Ecosystem Ops granting PSP each recompute the qualification, through their own mutations', async () => {
    const partner = await insertPartner(server.app.dataSource);
    for (let i = 0; i < 3; i += 1) {
      await insertPerson(server.app.dataSource, partner, [{ kind: CertificationKind.PROFESSIONAL_SERVICES_ENGINEER }]);
    }
    const opp = await opportunity(OpportunityStage.STAGE_5);
    const submitted = await submit(portal, partner, opp);
    await attach(portal, submitted.serviceRegistration!.id, `SOW-RECOMPUTE-${partner.id.slice(0, 8)}`, { customerSignedOn: '2026-05-01' });
    expect((await registration(submitted.serviceRegistration!.id)).qualification).toBe('PENDING');

    const crm = await server.key(Role.CRM_SYNC);
    const closed = await server.gql(
      crm,
      `mutation { upsertOpportunity(input: { externalId: "${opp.externalId}", stage: CLOSED_WON }) { userErrors { message } } }`,
    );
    expect(closed.errors).toBeUndefined();
    expect((await registration(submitted.serviceRegistration!.id)).qualification).toBe('ACCEPTED_PSP_ONLY');

    const granted = await server.gql<{ grantPspDesignation: { userErrors: unknown[] } }>(
      ops,
      `mutation ($input: GrantPspDesignationInput!) { grantPspDesignation(input: $input) { userErrors { message } } }`,
      { input: { partnerId: gid('Partner', partner.id), offerings: ['IMPLEMENTATION'] } },
    );
    expect(granted.data?.grantPspDesignation.userErrors).toEqual([]);
    const after = await registration(submitted.serviceRegistration!.id);
    expect(after.qualification).toBe('APPROVED_REBATE_AND_PSP');
    // The SOW leaves it PENDING, but decided again: without SOW_MISSING among its unmet conditions.
    expect(after.history.nodes.map((h) => [h.fromStatus, h.toStatus, h.actorRole])).toEqual([
      [null, 'PENDING', 'PORTAL_SYNC'],
      ['PENDING', 'PENDING', 'PORTAL_SYNC'],
      ['PENDING', 'ACCEPTED_PSP_ONLY', 'CRM_SYNC'],
      ['ACCEPTED_PSP_ONLY', 'APPROVED_REBATE_AND_PSP', 'ECOSYSTEM_OPS'],
    ]);
    expect(after.history.nodes[0].reason).toContain('No statement of work has been provided');
    expect(after.history.nodes[1].reason).not.toContain('No statement of work has been provided');
  });
});

describe('retries', () => {
  it('R-SAR-02: a retried attach with the same idempotency key returns the first result instead of refusing the second SOW', async () => {
    const partner = await pspPartner();
    const opp = await opportunity(OpportunityStage.CLOSED_WON);
    const submitted = await submit(portal, partner, opp);
    const reference = `SOW-RETRY-${partner.id.slice(0, 8)}`;
    const first = await attach(portal, submitted.serviceRegistration!.id, reference, { idempotencyKey: `attach-${partner.id}` });
    const retried = await attach(portal, submitted.serviceRegistration!.id, reference, { idempotencyKey: `attach-${partner.id}` });
    expect(first.userErrors).toEqual([]);
    expect(retried.userErrors).toEqual([]);
    expect(retried.serviceRegistration!.id).toBe(first.serviceRegistration!.id);
    expect(retried.serviceRegistration!.statementOfWork!.reference).toBe(first.serviceRegistration!.statementOfWork!.reference);
    const withoutKey = await attach(portal, submitted.serviceRegistration!.id, reference);
    expect(withoutKey.userErrors[0].code).not.toBe('VALIDATION_FAILED');
    expect(withoutKey.serviceRegistration).toBeNull();
  });
});
