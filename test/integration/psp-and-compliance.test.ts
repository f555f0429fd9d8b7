import { Role } from '../../src/auth/role.enum';
import { databaseIdOf } from '../../src/common/global-id';
import { ComplianceReview } from '../../src/compliance/compliance-review.entity';
import { FixedClock } from '../../src/config/clock';
import { Partner } from '../../src/partners/partner.entity';
import { AllianceType, PartnerCategory, PartnerLifecycleStatus } from '../../src/partners/partner.enums';
import { Person } from '../../src/people/person.entity';
import { CertificationKind } from '../../src/people/person.enums';
import { PspDesignation } from '../../src/psp/psp-designation.entity';
import { gid, insertPartner, insertPerson } from '../support/fixtures';
import { rowCounts } from '../support/row-counts';
import { TestServer, startTestServer } from '../support/test-server';

const NOW = new Date('2026-05-20T10:00:00Z');
const at = (iso: string) => new Date(iso);
const clock = new FixedClock(NOW);
let server: TestServer;
let ops: string;
let support: string;
let cam: string;

interface HistoryNode {
  fromStatus: string | null;
  toStatus: string;
  ruleIds: string[];
  reason: string;
  actorRole: string;
}
interface UserErrorShape {
  field: string[] | null;
  code: string;
  message: string;
  ruleIds: string[];
  ruleCode: string | null;
}
interface DesignationShape {
  id: string;
  status: string;
  version: number;
  offerings: string[];
  reviewMonth: number;
  grantedAt: string;
  nextReviewDueOn: string;
  remediationDueOn: string | null;
  revokedAt: string | null;
  history: { nodes: HistoryNode[] };
}
interface ReviewShape {
  id: string;
  kind: string;
  status: string;
  version: number;
  dueOn: string;
  evidenceRequestedOn: string | null;
  remediationDueOn: string | null;
  closedAt: string | null;
  kpiInfrastructureReady: number | null;
  kpiFirstValue: number | null;
  kpiOutcomeAchieved: number | null;
  certificationCount: number | null;
  findings: Array<{ ruleId: string; code: string; message: string; required: number | null; actual: number | null }>;
  history: { nodes: HistoryNode[] };
  partner: { pspDesignation: DesignationShape | null };
}
interface DesignationPayload {
  pspDesignation: DesignationShape | null;
  userErrors: UserErrorShape[];
}
interface ReviewPayload {
  complianceReview: ReviewShape | null;
  userErrors: UserErrorShape[];
}

const HISTORY = `history { nodes { fromStatus toStatus ruleIds reason actorRole } }`;
const DESIGNATION = `id status version offerings reviewMonth grantedAt nextReviewDueOn remediationDueOn revokedAt ${HISTORY}`;
const REVIEW = `id kind status version dueOn evidenceRequestedOn remediationDueOn closedAt kpiInfrastructureReady kpiFirstValue kpiOutcomeAchieved certificationCount
  findings { ruleId code message required actual } ${HISTORY} partner { pspDesignation { ${DESIGNATION} } }`;
const ERRORS = `userErrors { field code message ruleIds ruleCode }`;

const MUTATIONS = {
  grantPspDesignation: ['GrantPspDesignationInput', `pspDesignation { ${DESIGNATION} }`],
  revokePspDesignation: ['RevokePspDesignationInput', `pspDesignation { ${DESIGNATION} }`],
  recordPspReview: ['RecordPspReviewInput', `complianceReview { ${REVIEW} }`],
  openComplianceReview: ['OpenComplianceReviewInput', `complianceReview { ${REVIEW} }`],
  recordComplianceFindings: ['RecordComplianceFindingsInput', `complianceReview { ${REVIEW} }`],
  closeComplianceReview: ['CloseComplianceReviewInput', `complianceReview { ${REVIEW} }`],
} as const;
type MutationName = keyof typeof MUTATIONS;
type PayloadOf<M extends MutationName> = M extends 'grantPspDesignation' | 'revokePspDesignation' ? DesignationPayload : ReviewPayload;

async function call<M extends MutationName>(key: string, mutation: M, input: Record<string, unknown>): Promise<PayloadOf<M>> {
  const [inputType, selection] = MUTATIONS[mutation];
  const response = await server.gql<Record<M, PayloadOf<M>>>(
    key,
    `mutation ($input: ${inputType}!) { ${mutation}(input: $input) { ${selection} ${ERRORS} } }`,
    { input },
  );
  expect(response.errors).toBeUndefined();
  return response.data![mutation];
}

const GOOD_KPIS = { kpiInfrastructureReady: 4, kpiFirstValue: 3, kpiOutcomeAchieved: 5 };

beforeAll(async () => {
  server = await startTestServer({ clock });
  ops = await server.key(Role.ECOSYSTEM_OPS);
  support = await server.key(Role.PARTNER_SUPPORT);
  cam = await server.key(Role.CHANNEL_ACCOUNT_MANAGER);
});
afterAll(() => server.stop());
afterEach(() => clock.set(NOW));

/** A partner with `engineers` people holding a current Professional Services Engineer certification. */
async function partnerWithEngineers(engineers = 3, overrides: Partial<Partner> = {}): Promise<{ partner: Partner; people: Person[] }> {
  const partner = await insertPartner(server.app.dataSource, overrides);
  const people: Person[] = [];
  for (let i = 0; i < engineers; i += 1)
    people.push(await insertPerson(server.app.dataSource, partner, [{ kind: CertificationKind.PROFESSIONAL_SERVICES_ENGINEER }]));
  return { partner, people };
}

async function designated(): Promise<{ partner: Partner; people: Person[]; designation: DesignationShape }> {
  const { partner, people } = await partnerWithEngineers();
  const granted = await call(ops, 'grantPspDesignation', { partnerId: gid('Partner', partner.id), offerings: ['MIGRATION'] });
  expect(granted.userErrors).toEqual([]);
  return { partner, people, designation: granted.pspDesignation! };
}

/** A designation that failed its review on 2027-05-03 10:00 UTC: AT_RISK until 2027-08-03. */
async function atRisk(): Promise<{ partner: Partner; designation: DesignationShape; review: ReviewShape }> {
  const { partner, designation } = await designated();
  clock.set(at('2027-05-03T10:00:00Z'));
  const failed = await call(ops, 'recordPspReview', { id: designation.id, kpiInfrastructureReady: 4, kpiFirstValue: 2, kpiOutcomeAchieved: 3 });
  expect(failed.complianceReview?.status).toBe('NON_COMPLIANT');
  return { partner, designation: failed.complianceReview!.partner.pspDesignation!, review: failed.complianceReview! };
}

describe('granting the designation', () => {
  it('R-PSP-01: an Open partner or a distributor with 3 current engineers is granted; R-PSP-02 schedules the review in the month granted', async () => {
    const { partner } = await partnerWithEngineers();
    const granted = await call(ops, 'grantPspDesignation', { partnerId: gid('Partner', partner.id), offerings: ['ASSESSMENT', 'SECURITY_COMPLIANCE'] });
    expect(granted.userErrors).toEqual([]);
    expect(granted.pspDesignation).toMatchObject({
      status: 'COMPLIANT',
      offerings: ['ASSESSMENT', 'SECURITY_COMPLIANCE'],
      reviewMonth: 5,
      grantedAt: NOW.toISOString(),
      nextReviewDueOn: '2027-05-01',
      remediationDueOn: null,
    });
    const [grant] = granted.pspDesignation!.history.nodes;
    expect(grant).toMatchObject({ fromStatus: null, toStatus: 'COMPLIANT', actorRole: 'ECOSYSTEM_OPS' });
    expect(grant.ruleIds).toEqual(expect.arrayContaining(['R-PSP-01', 'R-PSP-02', 'R-PTR-05']));
    expect(grant.reason).toContain('evidence requested 2027-04-01');

    const { partner: distributor } = await partnerWithEngineers(3, { category: PartnerCategory.DISTRIBUTOR, track: null });
    const distributorGrant = await call(ops, 'grantPspDesignation', { partnerId: gid('Partner', distributor.id), offerings: ['IMPLEMENTATION'] });
    expect(distributorGrant.pspDesignation?.status).toBe('COMPLIANT');
  });

  it('R-PSP-01: too few current engineers, an alliance partner or a suspended partner is refused and nothing is stored', async () => {
    const { partner: short, people } = await partnerWithEngineers(3);
    await server.app.dataSource.getRepository(Person).update({ id: people[0].id }, { employmentEndedAt: at('2026-05-01T00:00:00Z') });
    const { partner: alliance } = await partnerWithEngineers(3, { category: PartnerCategory.ALLIANCE, track: null, allianceType: AllianceType.TECHNOLOGY_ISV });
    const { partner: suspended } = await partnerWithEngineers(3, { status: PartnerLifecycleStatus.SUSPENDED });
    const before = await rowCounts(server.app.dataSource);
    const tooFew = await call(ops, 'grantPspDesignation', { partnerId: gid('Partner', short.id), offerings: ['MIGRATION'] });
    expect(tooFew.pspDesignation).toBeNull();
    expect(tooFew.userErrors).toEqual([
      expect.objectContaining({
        code: 'RULE_VIOLATION',
        ruleIds: ['R-PSP-01'],
        ruleCode: 'PROFESSIONAL_SERVICES_ENGINEER_COUNT',
        field: ['input', 'partnerId'],
      }),
    ]);
    expect(tooFew.userErrors[0].message).toContain('has 2');
    expect(
      (await call(ops, 'grantPspDesignation', { partnerId: gid('Partner', alliance.id), offerings: ['MIGRATION'] })).userErrors.map((e) => e.ruleCode),
    ).toEqual(['NOT_CHANNEL_OR_DISTRIBUTOR']);
    expect(
      (await call(ops, 'grantPspDesignation', { partnerId: gid('Partner', suspended.id), offerings: ['MIGRATION'] })).userErrors.map((e) => e.ruleCode),
    ).toEqual(['PARTNER_NOT_ACTIVE']);
    expect(await rowCounts(server.app.dataSource)).toEqual(before);
  });

  it('R-PSP-01: a partner holds one designation; an idempotent retry returns the first grant', async () => {
    const { partner } = await partnerWithEngineers();
    {
      const input = { partnerId: gid('Partner', partner.id), offerings: ['MIGRATION'], idempotencyKey: `psp-grant-${partner.id}` };
      const results = await Promise.all([
        call(ops, 'grantPspDesignation', input),
        call(ops, 'grantPspDesignation', input),
        call(ops, 'grantPspDesignation', input),
      ]);
      expect(new Set(results.map((r) => r.pspDesignation?.id)).size).toBe(1);
      expect(results.every((r) => r.userErrors.length === 0)).toBe(true);
      expect(await server.app.dataSource.getRepository(PspDesignation).countBy({ partnerId: partner.id })).toBe(1);
      const again = await call(ops, 'grantPspDesignation', { partnerId: gid('Partner', partner.id), offerings: ['INTEGRATION'] });
      expect(again.userErrors).toEqual([expect.objectContaining({ code: 'ALREADY_EXISTS', ruleIds: ['R-PSP-01'] })]);
      const reused = await call(ops, 'grantPspDesignation', { ...input, offerings: ['OPTIMIZATION'] });
      expect(reused.userErrors[0].code).toBe('IDEMPOTENCY_KEY_REUSED');
    }
  });
});

describe('PSP reviews', () => {
  it('R-PSP-02: a compliant review becomes a COMPLIANT PSP_BADGE review with the KPIs and certification count; the next review is a year later', async () => {
    const { designation } = await designated();
    clock.set(at('2027-04-15T09:00:00Z'));
    const { complianceReview: review, userErrors } = await call(ops, 'recordPspReview', {
      id: designation.id,
      expectedVersion: designation.version,
      ...GOOD_KPIS,
    });
    expect(userErrors).toEqual([]);
    expect(review).toMatchObject({
      kind: 'PSP_BADGE',
      status: 'COMPLIANT',
      dueOn: '2027-05-01',
      evidenceRequestedOn: '2027-04-01',
      remediationDueOn: null,
      closedAt: '2027-04-15T09:00:00.000Z',
      kpiInfrastructureReady: 4,
      kpiFirstValue: 3,
      kpiOutcomeAchieved: 5,
      certificationCount: 3,
      findings: [],
    });
    expect(review!.history.nodes).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'COMPLIANT', actorRole: 'ECOSYSTEM_OPS' })]);
    expect(review!.history.nodes[0].ruleIds).toEqual(expect.arrayContaining(['R-COMP-01', 'R-PSP-02']));
    expect(review!.partner.pspDesignation).toMatchObject({ status: 'COMPLIANT', nextReviewDueOn: '2028-05-01', version: designation.version + 1 });
    expect(review!.partner.pspDesignation!.history.nodes).toHaveLength(1);
  });

  it('R-PSP-03: a failing review puts the designation AT_RISK with remediation due one quarter after the review, each finding with its rule ID', async () => {
    const { designation, people } = await designated();
    await server.app.dataSource.getRepository(Person).update({ id: people[0].id }, { employmentEndedAt: at('2027-01-01T00:00:00Z') });
    clock.set(at('2027-05-03T10:00:00Z'));
    const { complianceReview: review } = await call(ops, 'recordPspReview', { id: designation.id, kpiFirstValue: 2, kpiOutcomeAchieved: 3 });
    expect(review).toMatchObject({
      status: 'NON_COMPLIANT',
      remediationDueOn: '2027-08-03',
      closedAt: null,
      certificationCount: 2,
      kpiInfrastructureReady: null,
    });
    expect(review!.findings.map((f) => [f.ruleId, f.code, f.required, f.actual])).toEqual([
      ['R-PSP-02', 'INFRASTRUCTURE_READY_NOT_RATED', 3, 0],
      ['R-PSP-02', 'FIRST_VALUE_RATING_TOO_LOW', 3, 2],
      ['R-PSP-02', 'PROFESSIONAL_SERVICES_ENGINEER_COUNT', 3, 2],
    ]);
    expect(review!.history.nodes[0].ruleIds).toEqual(expect.arrayContaining(['R-COMP-01', 'R-PSP-02', 'R-PSP-03']));
    const after = review!.partner.pspDesignation!;
    expect(after).toMatchObject({ status: 'AT_RISK', remediationDueOn: '2027-08-03', nextReviewDueOn: '2028-05-01' });
    const change = after.history.nodes[1];
    expect(change).toMatchObject({ fromStatus: 'COMPLIANT', toStatus: 'AT_RISK', actorRole: 'ECOSYSTEM_OPS' });
    expect(change.ruleIds).toEqual(expect.arrayContaining(['R-PSP-03', 'R-PSP-02']));
    expect(change.reason).toContain('FIRST_VALUE is rated 2');
  });

  it('R-PSP-03: a compliant review while AT_RISK remediates: the review becomes REMEDIATED and the designation COMPLIANT again', async () => {
    const { designation, review } = await atRisk();
    clock.set(at('2027-07-01T08:00:00Z'));
    const stillFailing = await call(ops, 'recordPspReview', { id: designation.id, kpiInfrastructureReady: 4, kpiFirstValue: 1, kpiOutcomeAchieved: 3 });
    expect(stillFailing.complianceReview).toMatchObject({ id: review.id, status: 'NON_COMPLIANT', remediationDueOn: '2027-08-03', kpiFirstValue: 1 });
    expect(stillFailing.complianceReview!.history.nodes).toHaveLength(1);
    expect(stillFailing.complianceReview!.partner.pspDesignation).toMatchObject({ status: 'AT_RISK', nextReviewDueOn: '2028-05-01' });

    const remediated = await call(ops, 'recordPspReview', { id: designation.id, ...GOOD_KPIS });
    expect(remediated.complianceReview).toMatchObject({ id: review.id, status: 'REMEDIATED', findings: [], closedAt: '2027-07-01T08:00:00.000Z' });
    expect(remediated.complianceReview!.history.nodes.map((h) => [h.fromStatus, h.toStatus])).toEqual([
      [null, 'NON_COMPLIANT'],
      ['NON_COMPLIANT', 'REMEDIATED'],
    ]);
    const after = remediated.complianceReview!.partner.pspDesignation!;
    expect(after).toMatchObject({ status: 'COMPLIANT', remediationDueOn: null, nextReviewDueOn: '2028-05-01' });
    expect(after.history.nodes.map((h) => [h.fromStatus, h.toStatus])).toEqual([
      [null, 'COMPLIANT'],
      ['COMPLIANT', 'AT_RISK'],
      ['AT_RISK', 'COMPLIANT'],
    ]);
    expect(after.history.nodes[2].ruleIds).toContain('R-PSP-03');
  });

  it('R-PSP-03: revokePspDesignation is refused before the remediation deadline, changing nothing, and revokes at it', async () => {
    const { designation, review } = await atRisk();
    {
      clock.set(at('2027-08-02T23:59:59Z'));
      const before = await rowCounts(server.app.dataSource);
      const early = await call(ops, 'revokePspDesignation', { id: designation.id });
      expect(early.userErrors).toEqual([
        expect.objectContaining({ code: 'RULE_VIOLATION', ruleIds: ['R-PSP-03'], ruleCode: 'REMEDIATION_PERIOD_RUNNING', field: ['input', 'id'] }),
      ]);
      expect(await rowCounts(server.app.dataSource)).toEqual(before);

      clock.set(at('2027-08-03T00:00:00Z'));
      const stale = await call(ops, 'revokePspDesignation', { id: designation.id, expectedVersion: designation.version - 1 });
      expect(stale.userErrors[0]).toMatchObject({ code: 'CONFLICT', field: ['input', 'expectedVersion'] });
      const revoked = await call(ops, 'revokePspDesignation', { id: designation.id, expectedVersion: designation.version, reason: 'No customer evidence' });
      expect(revoked.userErrors).toEqual([]);
      expect(revoked.pspDesignation).toMatchObject({ status: 'REVOKED', revokedAt: '2027-08-03T00:00:00.000Z' });
      const last = revoked.pspDesignation!.history.nodes.at(-1)!;
      expect(last).toMatchObject({ fromStatus: 'AT_RISK', toStatus: 'REVOKED' });
      expect(last.ruleIds).toEqual(expect.arrayContaining(['R-PSP-03', 'R-PSP-02']));
      expect(last.reason).toContain('No customer evidence');
      const closedReview = await server.app.dataSource.getRepository(ComplianceReview).findOneByOrFail({ id: databaseIdOf(review.id, 'ComplianceReview')! });
      expect(closedReview.status).toBe('REVOKED');
    }
  });

  it('R-PSP-03: a review still failing at the deadline revokes; a revoked designation is final; a COMPLIANT one cannot be revoked', async () => {
    const { partner, designation } = await atRisk();
    clock.set(at('2027-08-10T12:00:00Z'));
    const revoked = await call(ops, 'recordPspReview', { id: designation.id, kpiInfrastructureReady: 2, kpiFirstValue: 2, kpiOutcomeAchieved: 2 });
    expect(revoked.complianceReview).toMatchObject({ status: 'REVOKED', closedAt: '2027-08-10T12:00:00.000Z' });
    expect(revoked.complianceReview!.history.nodes.at(-1)!.ruleIds).toEqual(expect.arrayContaining(['R-COMP-01', 'R-PSP-03']));
    expect(revoked.complianceReview!.partner.pspDesignation).toMatchObject({ status: 'REVOKED', revokedAt: '2027-08-10T12:00:00.000Z' });

    const before = await rowCounts(server.app.dataSource);
    const regrant = await call(ops, 'grantPspDesignation', { partnerId: gid('Partner', partner.id), offerings: ['MIGRATION'] });
    expect(regrant.userErrors[0]).toMatchObject({ code: 'INVALID_TRANSITION', ruleIds: ['R-PSP-03'] });
    expect((await call(ops, 'recordPspReview', { id: designation.id, ...GOOD_KPIS })).userErrors[0].code).toBe('INVALID_TRANSITION');
    expect((await call(ops, 'revokePspDesignation', { id: designation.id })).userErrors[0]).toMatchObject({
      code: 'INVALID_TRANSITION',
      ruleCode: 'NOT_AT_RISK',
    });
    const { designation: healthy } = await designated();
    const afterSetup = await rowCounts(server.app.dataSource);
    expect((await call(ops, 'revokePspDesignation', { id: healthy.id })).userErrors[0]).toMatchObject({
      code: 'INVALID_TRANSITION',
      ruleCode: 'NOT_AT_RISK',
      ruleIds: ['R-PSP-03'],
    });
    expect(await rowCounts(server.app.dataSource)).toEqual(afterSetup);
    expect(afterSetup.psp_designation).toBe(before.psp_designation + 1);
  });

  it('R-PSP-02: a review opened ahead is the one recorded; a stale expectedVersion is a CONFLICT; an idempotent retry returns the first review', async () => {
    const { partner, designation } = await designated();
    const opened = await call(support, 'openComplianceReview', { partnerId: gid('Partner', partner.id), kind: 'PSP_BADGE', dueOn: '2027-05-01' });
    expect(opened.complianceReview).toMatchObject({ status: 'OPEN', dueOn: '2027-05-01', evidenceRequestedOn: '2027-04-01' });
    clock.set(at('2027-05-02T10:00:00Z'));
    const before = await rowCounts(server.app.dataSource);
    const stale = await call(ops, 'recordPspReview', { id: designation.id, expectedVersion: designation.version + 1, ...GOOD_KPIS });
    expect(stale.userErrors[0]).toMatchObject({ code: 'CONFLICT', field: ['input', 'expectedVersion'] });
    expect(await rowCounts(server.app.dataSource)).toEqual(before);
    const input = { id: designation.id, expectedVersion: designation.version, ...GOOD_KPIS, idempotencyKey: `psp-review-${partner.id}` };
    const first = await call(ops, 'recordPspReview', input);
    const retry = await call(ops, 'recordPspReview', input);
    expect(first.complianceReview).toMatchObject({ id: opened.complianceReview!.id, status: 'COMPLIANT' });
    expect(retry.userErrors).toEqual([]);
    expect(retry.complianceReview).toMatchObject({ id: first.complianceReview!.id, status: 'COMPLIANT', version: first.complianceReview!.version });
    expect(first.complianceReview!.history.nodes.map((h) => [h.fromStatus, h.toStatus, h.actorRole])).toEqual([
      [null, 'OPEN', 'PARTNER_SUPPORT'],
      ['OPEN', 'COMPLIANT', 'ECOSYSTEM_OPS'],
    ]);
    expect(await server.app.dataSource.getRepository(ComplianceReview).countBy({ partnerId: partner.id })).toBe(1);
  });

  it('R-PSP-02: ratings outside 1–5 are VALIDATION_FAILED on their field and change nothing', async () => {
    const { designation } = await designated();
    const before = await rowCounts(server.app.dataSource);
    const bad = await call(ops, 'recordPspReview', { id: designation.id, kpiInfrastructureReady: 0, kpiFirstValue: 6, kpiOutcomeAchieved: 3 });
    expect(bad.userErrors.map((e) => [e.code, e.field?.join('.')])).toEqual([
      ['VALIDATION_FAILED', 'input.kpiInfrastructureReady'],
      ['VALIDATION_FAILED', 'input.kpiFirstValue'],
    ]);
    const wrongType = await call(ops, 'recordPspReview', { id: gid('Partner', designation.id), ...GOOD_KPIS });
    expect(wrongType.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'id'] });
    const noOfferings = await call(ops, 'grantPspDesignation', { partnerId: gid('Partner', '00000000-0000-4000-8000-000000000000'), offerings: [] });
    expect(noOfferings.userErrors[0]).toMatchObject({ code: 'VALIDATION_FAILED', field: ['input', 'offerings'] });
    expect(await rowCounts(server.app.dataSource)).toEqual(before);
  });
});

describe('compliance reviews', () => {
  it('R-COMP-01: a TRACK review: support opens it and records computed findings; ops closes NON_COMPLIANT, then REMEDIATED once cleared', async () => {
    const { partner } = await partnerWithEngineers(1);
    const opened = await call(support, 'openComplianceReview', {
      partnerId: gid('Partner', partner.id),
      kind: 'TRACK',
      dueOn: '2026-06-30',
      idempotencyKey: `track-${partner.id}`,
    });
    expect(opened.complianceReview).toMatchObject({ kind: 'TRACK', status: 'OPEN', dueOn: '2026-06-30', evidenceRequestedOn: '2026-05-30' });
    expect(opened.complianceReview!.history.nodes).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'OPEN', ruleIds: ['R-COMP-01'] })]);
    const retried = await call(support, 'openComplianceReview', {
      partnerId: gid('Partner', partner.id),
      kind: 'TRACK',
      dueOn: '2026-06-30',
      idempotencyKey: `track-${partner.id}`,
    });
    expect(retried.complianceReview?.id).toBe(opened.complianceReview!.id);

    const recorded = await call(support, 'recordComplianceFindings', {
      id: opened.complianceReview!.id,
      expectedVersion: opened.complianceReview!.version,
      computeTrackFindings: true,
      findings: [{ ruleId: 'R-PTR-03', code: 'AGREEMENT_COPY_MISSING', message: 'No countersigned copy on file' }],
    });
    expect(recorded.userErrors).toEqual([]);
    expect(recorded.complianceReview!.findings.map((f) => [f.ruleId, f.code, f.required, f.actual])).toEqual([
      ['R-PTR-03', 'SALES_ACCREDITED_COUNT', 2, 0],
      ['R-PTR-03', 'SOLUTIONS_ARCHITECT_COUNT', 1, 0],
      ['R-PTR-03', 'AGREEMENT_COPY_MISSING', null, null],
    ]);
    expect(recorded.complianceReview!.version).toBe(opened.complianceReview!.version + 1);

    const forbidden = await call(support, 'closeComplianceReview', { id: opened.complianceReview!.id, outcome: 'NON_COMPLIANT' });
    expect(forbidden.userErrors[0].code).toBe('FORBIDDEN');
    const staleClose = await call(ops, 'closeComplianceReview', {
      id: opened.complianceReview!.id,
      outcome: 'NON_COMPLIANT',
      expectedVersion: opened.complianceReview!.version,
    });
    expect(staleClose.userErrors[0].code).toBe('CONFLICT');
    const nonCompliant = await call(ops, 'closeComplianceReview', {
      id: opened.complianceReview!.id,
      outcome: 'NON_COMPLIANT',
      expectedVersion: recorded.complianceReview!.version,
    });
    expect(nonCompliant.complianceReview).toMatchObject({ status: 'NON_COMPLIANT', remediationDueOn: '2026-08-20', closedAt: null });
    expect(nonCompliant.complianceReview!.history.nodes[1].ruleIds).toEqual(expect.arrayContaining(['R-COMP-01', 'R-PTR-03', 'R-PSP-03']));
    expect(nonCompliant.complianceReview!.history.nodes[1].reason).toContain('Remediation due 2026-08-20');

    const tooSoon = await call(ops, 'closeComplianceReview', { id: opened.complianceReview!.id, outcome: 'REMEDIATED' });
    expect(tooSoon.userErrors.map((e) => [e.code, e.ruleCode])).toEqual([['RULE_VIOLATION', 'FINDINGS_STANDING']]);

    await insertPerson(server.app.dataSource, partner, [{ kind: CertificationKind.SALES_ACCREDITED }, { kind: CertificationKind.SOLUTIONS_ARCHITECT }]);
    await insertPerson(server.app.dataSource, partner, [{ kind: CertificationKind.SALES_ACCREDITED }]);
    clock.set(at('2026-07-01T10:00:00Z'));
    const cleared = await call(support, 'recordComplianceFindings', { id: opened.complianceReview!.id, computeTrackFindings: true });
    expect(cleared.complianceReview!.findings).toEqual([]);
    const remediated = await call(ops, 'closeComplianceReview', { id: opened.complianceReview!.id, outcome: 'REMEDIATED', reason: 'Certifications completed' });
    expect(remediated.complianceReview).toMatchObject({ status: 'REMEDIATED', closedAt: '2026-07-01T10:00:00.000Z' });
    expect(remediated.complianceReview!.history.nodes.map((h) => [h.fromStatus, h.toStatus])).toEqual([
      [null, 'OPEN'],
      ['OPEN', 'NON_COMPLIANT'],
      ['NON_COMPLIANT', 'REMEDIATED'],
    ]);
    expect(remediated.complianceReview!.history.nodes[2].reason).toContain('Certifications completed');
    const finished = await call(support, 'recordComplianceFindings', { id: opened.complianceReview!.id, findings: [] });
    expect(finished.userErrors[0]).toMatchObject({ code: 'RULE_VIOLATION', ruleCode: 'REVIEW_FINISHED' });
  });

  it('R-COMP-01: an NFR audit closes COMPLIANT without findings, or REVOKED at once with one; an unfinished review of a kind blocks another', async () => {
    const { partner } = await partnerWithEngineers(0);
    const audit = (
      await call(ops, 'openComplianceReview', {
        partnerId: gid('Partner', partner.id),
        kind: 'NFR_AUDIT',
        dueOn: '2026-06-15',
        evidenceRequestedOn: '2026-05-20',
      })
    ).complianceReview!;
    expect(audit.evidenceRequestedOn).toBe('2026-05-20');
    const second = await call(support, 'openComplianceReview', { partnerId: gid('Partner', partner.id), kind: 'NFR_AUDIT', dueOn: '2026-07-15' });
    expect(second.userErrors).toEqual([expect.objectContaining({ code: 'RULE_VIOLATION', ruleIds: ['R-COMP-01'], ruleCode: 'REVIEW_IN_PROGRESS' })]);
    const compliant = await call(ops, 'closeComplianceReview', { id: audit.id, outcome: 'COMPLIANT' });
    expect(compliant.complianceReview).toMatchObject({ status: 'COMPLIANT', closedAt: NOW.toISOString() });

    const next = (await call(ops, 'openComplianceReview', { partnerId: gid('Partner', partner.id), kind: 'NFR_AUDIT', dueOn: '2026-07-15' })).complianceReview!;
    await call(ops, 'recordComplianceFindings', {
      id: next.id,
      findings: [{ ruleId: 'R-NFR-04', code: 'CUSTOMER_PRODUCTION_USE', message: 'NFR seats used for a customer production system' }],
    });
    const revoked = await call(ops, 'closeComplianceReview', { id: next.id, outcome: 'REVOKED' });
    expect(revoked.complianceReview).toMatchObject({ status: 'REVOKED', closedAt: NOW.toISOString() });
    expect(revoked.complianceReview!.history.nodes[1].ruleIds).toEqual(expect.arrayContaining(['R-COMP-01', 'R-NFR-04']));
  });

  it('R-COMP-01: refused openings, findings and outcomes say why and leave every table unchanged', async () => {
    const { partner: plain } = await partnerWithEngineers(0);
    const { partner: distributor } = await partnerWithEngineers(0, { category: PartnerCategory.DISTRIBUTOR, track: null });
    const { partner: holder } = await designated();
    const track = (await call(ops, 'openComplianceReview', { partnerId: gid('Partner', plain.id), kind: 'TRACK', dueOn: '2026-06-30' })).complianceReview!;
    const badge = (await call(ops, 'openComplianceReview', { partnerId: gid('Partner', holder.id), kind: 'PSP_BADGE', dueOn: '2027-05-01' })).complianceReview!;
    const before = await rowCounts(server.app.dataSource);
    const open = (partnerId: string, kind: string, extra: Record<string, unknown> = {}) =>
      call(ops, 'openComplianceReview', { partnerId: gid('Partner', partnerId), kind, dueOn: '2026-06-30', ...extra });
    expect((await open(plain.id, 'PSP_BADGE')).userErrors.map((e) => e.ruleCode)).toEqual(['NO_PSP_DESIGNATION']);
    expect((await open(distributor.id, 'TRACK')).userErrors.map((e) => e.ruleCode)).toEqual(['PARTNER_HAS_NO_TRACK']);
    expect((await open(plain.id, 'NFR_AUDIT', { evidenceRequestedOn: '2026-07-01' })).userErrors[0]).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: ['input', 'evidenceRequestedOn'],
    });
    const invalid = await call(ops, 'closeComplianceReview', { id: track.id, outcome: 'REMEDIATED' });
    expect(invalid.userErrors[0]).toMatchObject({ code: 'INVALID_TRANSITION', ruleIds: ['R-COMP-01'], ruleCode: 'TRANSITION_NOT_ALLOWED' });
    expect((await call(ops, 'closeComplianceReview', { id: track.id, outcome: 'NON_COMPLIANT' })).userErrors.map((e) => e.ruleCode)).toEqual(['NO_FINDINGS']);
    await server.app.dataSource.query(
      `INSERT INTO compliance_finding (review_id, rule_id, code, message) VALUES ($1, 'R-PTR-03', 'SALES_ACCREDITED_COUNT', 'x')`,
      [databaseIdOf(track.id, 'ComplianceReview')],
    );
    const withFinding = await rowCounts(server.app.dataSource);
    const pastDue = await call(ops, 'closeComplianceReview', { id: track.id, outcome: 'NON_COMPLIANT', remediationDueOn: '2026-05-20' });
    expect(pastDue.userErrors[0]).toMatchObject({ code: 'RULE_VIOLATION', ruleCode: 'REMEDIATION_DUE_DATE_REQUIRED', field: ['input', 'remediationDueOn'] });
    expect((await call(ops, 'closeComplianceReview', { id: badge.id, outcome: 'COMPLIANT' })).userErrors[0]).toMatchObject({
      ruleCode: 'PSP_REVIEW_FOLLOWS_DESIGNATION',
      ruleIds: ['R-PSP-03'],
    });
    expect((await call(support, 'recordComplianceFindings', { id: badge.id, findings: [] })).userErrors[0]).toMatchObject({
      ruleCode: 'PSP_FINDINGS_FROM_KPI_REVIEW',
      ruleIds: ['R-PSP-02'],
    });
    const badFinding = await call(support, 'recordComplianceFindings', {
      id: track.id,
      findings: [{ ruleId: 'PTR3', code: 'lower', message: 'm'.repeat(1001) }],
    });
    expect(badFinding.userErrors.map((e) => e.field?.join('.'))).toEqual(['input.findings.0.ruleId', 'input.findings.0.code', 'input.findings.0.message']);
    expect(await rowCounts(server.app.dataSource)).toEqual(withFinding);
    expect(withFinding.compliance_finding).toBe(before.compliance_finding + 1);
  });

  it('a role outside the rule gets FORBIDDEN from every mutation and nothing changes', async () => {
    const { partner, designation } = await designated();
    const partnerUser = await server.key(Role.PARTNER_USER, { partnerId: partner.id });
    const review = (await call(ops, 'openComplianceReview', { partnerId: gid('Partner', partner.id), kind: 'NFR_AUDIT', dueOn: '2026-06-30' }))
      .complianceReview!;
    const before = await rowCounts(server.app.dataSource);
    const attempts = await Promise.all([
      call(cam, 'grantPspDesignation', { partnerId: gid('Partner', partner.id), offerings: ['MIGRATION'] }),
      call(support, 'recordPspReview', { id: designation.id, ...GOOD_KPIS }),
      call(partnerUser, 'revokePspDesignation', { id: designation.id }),
      call(partnerUser, 'openComplianceReview', { partnerId: gid('Partner', partner.id), kind: 'TRACK', dueOn: '2026-06-30' }),
      call(cam, 'recordComplianceFindings', { id: review.id, findings: [] }),
      call(support, 'closeComplianceReview', { id: review.id, outcome: 'COMPLIANT' }),
    ]);
    expect(attempts.map((a) => a.userErrors[0]?.code)).toEqual(Array(6).fill('FORBIDDEN'));
    expect(await rowCounts(server.app.dataSource)).toEqual(before);
  });
});
