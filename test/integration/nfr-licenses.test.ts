import { inTestUnitOfWork } from '../support/unit-of-work';
import { Role } from '../../src/auth/role.enum';
import { FixedClock } from '../../src/config/clock';
import { NfrLicense } from '../../src/nfr/nfr-license.entity';
import { expireNfrLicense } from '../../src/nfr/nfr-license.service';
import { NfrLicenseStatus, NfrProduct } from '../../src/nfr/nfr.enums';
import { Partner } from '../../src/partners/partner.entity';
import { AgreementKind, AllianceType, PartnerCategory, PartnerLifecycleStatus, PartnerTrack } from '../../src/partners/partner.enums';
import { CertificationKind } from '../../src/people/person.enums';
import { StatusTransition } from '../../src/events/status-transition.entity';
import { gid, insertLicense, insertPartner, insertPerson } from '../support/fixtures';
import { rowCounts } from '../support/row-counts';
import { TestServer, startTestServer } from '../support/test-server';

/** A Tuesday: two business days later is Thursday. */
const NOW = new Date('2026-09-01T10:00:00Z');
const clock = new FixedClock(NOW);
let server: TestServer;
let portal: string;
let ops: string;
let esm: string;

interface History {
  nodes: Array<{ fromStatus: string | null; toStatus: string; ruleIds: string[]; reason: string; actorRole: string }>;
}
interface License {
  id: string;
  status: string;
  product: string;
  seats: number;
  uses: string[];
  version: number;
  businessJustification: string | null;
  approvedAt: string | null;
  provisioningDueOn: string | null;
  startsOn: string | null;
  endsOn: string | null;
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
  nfrLicense: License | null;
  userErrors: UserErrorShape[];
}

const FIELDS = `nfrLicense { id status product seats uses version businessJustification approvedAt provisioningDueOn startsOn endsOn
  history { nodes { fromStatus toStatus ruleIds reason actorRole } } } userErrors { field code message ruleIds ruleCode }`;
const REQUEST = `mutation ($input: RequestNfrLicenseInput!) { requestNfrLicense(input: $input) { ${FIELDS} } }`;
const DECIDE = `mutation ($input: DecideNfrLicenseInput!) { decideNfrLicense(input: $input) { ${FIELDS} } }`;
const AUDIT = `mutation ($input: AuditNfrLicenseInput!) { auditNfrLicense(input: $input) { ${FIELDS} } }`;

beforeAll(async () => {
  server = await startTestServer({ clock });
  portal = await server.key(Role.PORTAL_SYNC);
  ops = await server.key(Role.ECOSYSTEM_OPS);
  esm = await server.key(Role.ESM);
});
afterAll(() => server.stop());
afterEach(() => clock.set(NOW));

const ds = () => server.app.dataSource;

/** An Open partner in good standing (R-PTR-03): 2 sales-accredited people, one of them a solutions architect. */
async function openPartner(overrides: Partial<Partner> = {}): Promise<Partner> {
  const partner = await insertPartner(ds(), overrides);
  await insertPerson(ds(), partner, [{ kind: CertificationKind.SALES_ACCREDITED }, { kind: CertificationKind.SOLUTIONS_ARCHITECT }]);
  await insertPerson(ds(), partner, [{ kind: CertificationKind.SALES_ACCREDITED }]);
  return partner;
}

/** A Select partner in good standing (R-PTR-04). */
async function selectPartner(): Promise<Partner> {
  const partner = await insertPartner(ds(), { track: PartnerTrack.SELECT, jointBusinessPlanSponsor: 'CEO', committedRevenueAmount: '500000.00' });
  const { SALES_ACCREDITED, SOLUTIONS_ARCHITECT, PROFESSIONAL_SERVICES_ENGINEER } = CertificationKind;
  await insertPerson(ds(), partner, [{ kind: SALES_ACCREDITED }, { kind: SOLUTIONS_ARCHITECT }, { kind: PROFESSIONAL_SERVICES_ENGINEER }]);
  await insertPerson(ds(), partner, [{ kind: SALES_ACCREDITED }, { kind: SOLUTIONS_ARCHITECT }]);
  await insertPerson(ds(), partner, [{ kind: SALES_ACCREDITED }]);
  await insertPerson(ds(), partner, [{ kind: SALES_ACCREDITED }]);
  return partner;
}

function alliancePartner(overrides: Partial<Partner> = {}): Promise<Partner> {
  return insertPartner(ds(), {
    category: PartnerCategory.ALLIANCE,
    track: null,
    allianceType: AllianceType.TECHNOLOGY_ISV,
    agreementKind: AgreementKind.TECHNOLOGY_PARTNER,
    ...overrides,
  });
}

async function call(key: string, query: string, field: string, input: Record<string, unknown>): Promise<Payload> {
  const response = await server.gql<Record<string, Payload>>(key, query, { input });
  expect(response.errors).toBeUndefined();
  return response.data![field];
}

function request(key: string, partner: Partner | null, input: Record<string, unknown>): Promise<Payload> {
  return call(key, REQUEST, 'requestNfrLicense', {
    ...(partner ? { partnerId: gid('Partner', partner.id) } : {}),
    product: 'ULTIMATE_SAAS',
    uses: ['PARTNER_DEMOS'],
    ...input,
  });
}

const decide = (key: string, input: Record<string, unknown>) => call(key, DECIDE, 'decideNfrLicense', input);
const audit = (key: string, input: Record<string, unknown>) => call(key, AUDIT, 'auditNfrLicense', input);

describe('channel partner requests', () => {
  it('R-NFR-01: a partner not in good standing, without a current SA or PSE, or not a channel partner is refused and nothing is stored', async () => {
    const suspended = await openPartner({ status: PartnerLifecycleStatus.SUSPENDED });
    const lapsed = await insertPartner(ds());
    await insertPerson(ds(), lapsed, [
      { kind: CertificationKind.SALES_ACCREDITED },
      { kind: CertificationKind.SOLUTIONS_ARCHITECT, expiresAt: new Date('2026-08-01T00:00:00Z') },
    ]);
    await insertPerson(ds(), lapsed, [{ kind: CertificationKind.SALES_ACCREDITED }]);
    const distributor = await insertPartner(ds(), { category: PartnerCategory.DISTRIBUTOR, track: null });
    const before = await rowCounts(ds());

    const notActive = await request(portal, suspended, { seats: 1 });
    expect(notActive.nfrLicense).toBeNull();
    expect(notActive.userErrors).toEqual([
      expect.objectContaining({ code: 'RULE_VIOLATION', ruleIds: ['R-NFR-01'], ruleCode: 'NOT_IN_GOOD_STANDING', field: ['input', 'partnerId'] }),
    ]);
    expect(notActive.userErrors[0].message).toContain('SUSPENDED');
    const noArchitect = await request(portal, lapsed, { seats: 1 });
    expect(noArchitect.userErrors.map((e) => e.ruleCode)).toEqual(['NOT_IN_GOOD_STANDING', 'SA_OR_PSE_MISSING']);
    const notChannel = await request(portal, distributor, { seats: 1 });
    expect(notChannel.userErrors.map((e) => e.ruleCode)).toContain('NOT_OPEN_OR_SELECT_PARTNER');
    expect(await rowCounts(ds())).toEqual(before);
  });

  it('R-NFR-03, R-NFR-05: a request within the cap is approved at once, provisioning due two business days later, with its history', async () => {
    const partner = await openPartner();
    const { nfrLicense, userErrors } = await request(portal, partner, { seats: 10, uses: ['INTERNAL_TRAINING', 'PARTNER_DEMOS', 'INTERNAL_TRAINING'] });
    expect(userErrors).toEqual([]);
    expect(nfrLicense).toMatchObject({
      status: 'APPROVED',
      seats: 10,
      uses: ['INTERNAL_TRAINING', 'PARTNER_DEMOS'],
      approvedAt: NOW.toISOString(),
      provisioningDueOn: '2026-09-03',
      startsOn: '2026-09-03',
      endsOn: '2027-09-02',
    });
    expect(nfrLicense!.history.nodes).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'APPROVED', actorRole: 'PORTAL_SYNC' })]);
    expect(nfrLicense!.history.nodes[0].ruleIds).toEqual(expect.arrayContaining(['R-NFR-01', 'R-NFR-02', 'R-NFR-03', 'R-NFR-04', 'R-NFR-05']));
    expect(nfrLicense!.history.nodes[0].reason).toContain('Within the cap: 0 + 10 of 10');
    const stored = await ds().getRepository(NfrLicense).findOneByOrFail({ partnerId: partner.id });
    expect(gid('NfrLicense', stored.id)).toBe(nfrLicense!.id);
    expect(await ds().getRepository(StatusTransition).findOneByOrFail({ entityId: stored.id })).toMatchObject({
      entityType: 'NfrLicense',
      partnerId: partner.id,
    });
  });

  it('R-NFR-05: approval on a Friday is provisioned on Tuesday', async () => {
    clock.set(new Date('2026-09-04T16:00:00Z'));
    const { nfrLicense } = await request(portal, await openPartner(), { seats: 1 });
    expect(nfrLicense).toMatchObject({ provisioningDueOn: '2026-09-08', startsOn: '2026-09-08', endsOn: '2027-09-07' });
  });

  it('R-NFR-03: above the cap a request needs a business justification and waits for Ecosystem Ops; without one it is refused and nothing is stored', async () => {
    const partner = await openPartner();
    await insertLicense(ds(), partner, NfrProduct.ULTIMATE_SAAS, 6);
    const before = await rowCounts(ds());
    const refused = await request(portal, partner, { seats: 5, businessJustification: '   ' });
    expect(refused.userErrors).toEqual([
      expect.objectContaining({ code: 'RULE_VIOLATION', ruleCode: 'SEAT_CAP_EXCEEDED', ruleIds: ['R-NFR-03'], field: ['input', 'seats'] }),
    ]);
    expect(await rowCounts(ds())).toEqual(before);
    const pending = await request(portal, partner, { seats: 5, businessJustification: 'Regional bootcamp' });
    expect(pending.nfrLicense).toMatchObject({
      status: 'PENDING_APPROVAL',
      businessJustification: 'Regional bootcamp',
      approvedAt: null,
      provisioningDueOn: null,
      startsOn: null,
    });
    expect(pending.nfrLicense!.history.nodes[0]).toMatchObject({ fromStatus: null, toStatus: 'PENDING_APPROVAL' });
    expect(pending.nfrLicense!.history.nodes[0].ruleIds).toEqual(expect.arrayContaining(['R-NFR-03', 'R-NFR-02']));
  });

  it('R-NFR-02: Select partners get 5 Duo seats, Open partners none, AWS DevOps Competency partners 25 Duo with Amazon Q', async () => {
    const select = await selectPartner();
    expect((await request(portal, select, { product: 'DUO', seats: 5 })).nfrLicense?.status).toBe('APPROVED');
    expect((await request(portal, select, { product: 'ULTIMATE_SELF_MANAGED', seats: 25 })).nfrLicense?.status).toBe('APPROVED');
    expect((await request(portal, select, { product: 'DUO', seats: 1 })).userErrors[0]).toMatchObject({ ruleCode: 'SEAT_CAP_EXCEEDED' });
    const open = await openPartner();
    expect((await request(portal, open, { product: 'DUO', seats: 1 })).userErrors[0]).toMatchObject({ ruleCode: 'SEAT_CAP_EXCEEDED' });
    expect((await request(portal, open, { product: 'DUO_WITH_AMAZON_Q', seats: 1 })).userErrors[0]).toMatchObject({ ruleCode: 'SEAT_CAP_EXCEEDED' });
    const aws = await openPartner({ awsDevOpsCompetency: true });
    expect((await request(portal, aws, { product: 'DUO_WITH_AMAZON_Q', seats: 25 })).nfrLicense?.status).toBe('APPROVED');
  });

  it('R-NFR-02: concurrent requests cannot both fit under the same remaining cap', async () => {
    const partner = await openPartner();
    const results = await Promise.all(Array.from({ length: 6 }, () => request(portal, partner, { seats: 3 })));
    expect(results.filter((r) => r.nfrLicense?.status === 'APPROVED')).toHaveLength(3);
    expect(results.filter((r) => r.userErrors[0]?.ruleCode === 'SEAT_CAP_EXCEEDED')).toHaveLength(3);
    const approved = await ds().getRepository(NfrLicense).findBy({ partnerId: partner.id, status: NfrLicenseStatus.APPROVED });
    expect(approved.reduce((sum, l) => sum + l.seats, 0)).toBe(9);
  });

  it('R-NFR-04: a request declaring a prohibited use, or no use, is refused and nothing is stored', async () => {
    const partner = await openPartner();
    const before = await rowCounts(ds());
    const prohibited = await request(portal, partner, { seats: 1, uses: ['PARTNER_DEMOS', 'CUSTOMER_PRODUCTION', 'MANAGED_SERVICES'] });
    expect(prohibited.userErrors).toEqual([
      expect.objectContaining({ code: 'RULE_VIOLATION', ruleIds: ['R-NFR-04'], ruleCode: 'PROHIBITED_USE_CUSTOMER_PRODUCTION', field: ['input', 'uses'] }),
      expect.objectContaining({ ruleCode: 'PROHIBITED_USE_MANAGED_SERVICES' }),
    ]);
    expect((await request(portal, partner, { seats: 1, uses: [] })).userErrors[0]).toMatchObject({ ruleCode: 'NO_USE_DECLARED' });
    expect(await rowCounts(ds())).toEqual(before);
  });
});

describe('alliance partner requests', () => {
  it('R-NFR-06: a technology partner gets 5 users by default for 12 months; beyond 10 users Ecosystem Ops approves', async () => {
    const partner = await alliancePartner();
    const first = await request(portal, partner, { product: 'ULTIMATE_SELF_MANAGED', uses: ['INTEGRATION_TESTING'] });
    expect(first.nfrLicense).toMatchObject({ status: 'APPROVED', seats: 5, provisioningDueOn: '2026-09-03', endsOn: '2027-09-02' });
    expect(first.nfrLicense!.history.nodes[0].ruleIds).toEqual(expect.arrayContaining(['R-NFR-06', 'R-NFR-05']));
    expect((await request(portal, partner, { product: 'ULTIMATE_SELF_MANAGED', seats: 5 })).nfrLicense?.status).toBe('APPROVED');
    const more = await request(portal, partner, { product: 'ULTIMATE_SELF_MANAGED', seats: 1 });
    expect(more.nfrLicense).toMatchObject({ status: 'PENDING_APPROVAL', approvedAt: null });
    clock.set(new Date('2026-09-02T09:00:00Z'));
    const approved = await decide(ops, { id: more.nfrLicense!.id, decision: 'APPROVE', reason: 'Joint webinar' });
    expect(approved.nfrLicense).toMatchObject({
      status: 'APPROVED',
      approvedAt: '2026-09-02T09:00:00.000Z',
      provisioningDueOn: '2026-09-04',
      endsOn: '2027-09-03',
    });
    const decided = approved.nfrLicense!.history.nodes[1];
    expect(decided).toMatchObject({ fromStatus: 'PENDING_APPROVAL', toStatus: 'APPROVED', actorRole: 'ECOSYSTEM_OPS' });
    expect(decided.ruleIds).toEqual(expect.arrayContaining(['R-NFR-06', 'R-NFR-05']));
    expect(decided.reason).toContain('Joint webinar');
  });

  it('R-NFR-06: needs an active partner with the technology partner agreement, and SaaS or Self-Managed', async () => {
    const [active, suspended, wrongAgreement] = [
      await alliancePartner(),
      await alliancePartner({ status: PartnerLifecycleStatus.SUSPENDED }),
      await alliancePartner({ agreementKind: AgreementKind.CHANNEL_PARTNER }),
    ];
    const before = await rowCounts(ds());
    expect((await request(portal, active, { product: 'DUO' })).userErrors[0]).toMatchObject({ ruleCode: 'PRODUCT_NOT_AVAILABLE', field: ['input', 'product'] });
    expect((await request(portal, suspended, {})).userErrors.map((e) => e.ruleCode)).toEqual(['PARTNER_NOT_ACTIVE']);
    expect((await request(portal, wrongAgreement, {})).userErrors[0]).toMatchObject({ ruleCode: 'WRONG_AGREEMENT_KIND', ruleIds: ['R-PTR-08'] });
    expect(await rowCounts(ds())).toEqual(before);
  });

  it('R-NFR-06: only alliance partners may leave seats out', async () => {
    const result = await request(portal, await openPartner(), {});
    expect(result.userErrors).toEqual([expect.objectContaining({ code: 'VALIDATION_FAILED', field: ['input', 'seats'] })]);
  });
});

describe('Ecosystem Ops decisions', () => {
  async function pendingLicense(): Promise<License> {
    const partner = await openPartner();
    return (await request(portal, partner, { seats: 11, businessJustification: 'Global enablement' })).nfrLicense!;
  }

  it('R-NFR-03: only Ecosystem Ops decides, on the current version; a denial is final', async () => {
    const pending = await pendingLicense();
    const before = await rowCounts(ds());
    expect((await decide(esm, { id: pending.id, decision: 'APPROVE' })).userErrors[0].code).toBe('FORBIDDEN');
    expect((await decide(portal, { id: pending.id, decision: 'APPROVE' })).userErrors[0].code).toBe('FORBIDDEN');
    const stale = await decide(ops, { id: pending.id, decision: 'DENY', expectedVersion: pending.version + 1 });
    expect(stale.userErrors[0]).toMatchObject({ code: 'CONFLICT', field: ['input', 'expectedVersion'] });
    expect(await rowCounts(ds())).toEqual(before);
    const denied = await decide(ops, { id: pending.id, decision: 'DENY', expectedVersion: pending.version, reason: 'No business case' });
    expect(denied.nfrLicense).toMatchObject({ status: 'DENIED', approvedAt: null });
    expect(denied.nfrLicense!.history.nodes[1]).toMatchObject({ fromStatus: 'PENDING_APPROVAL', toStatus: 'DENIED', actorRole: 'ECOSYSTEM_OPS' });
    expect(denied.nfrLicense!.history.nodes[1].ruleIds).toContain('R-NFR-03');
    const again = await decide(ops, { id: pending.id, decision: 'APPROVE' });
    expect(again.userErrors[0]).toMatchObject({ code: 'INVALID_TRANSITION', ruleCode: 'TRANSITION_NOT_ALLOWED' });
  });

  it('R-NFR-03, R-NFR-05: an approval above the cap sets approvedAt and the provisioning date', async () => {
    const pending = await pendingLicense();
    const approved = await decide(ops, { id: pending.id, decision: 'APPROVE', expectedVersion: pending.version });
    expect(approved.nfrLicense).toMatchObject({ status: 'APPROVED', seats: 11, approvedAt: NOW.toISOString(), provisioningDueOn: '2026-09-03' });
    expect(approved.nfrLicense!.history.nodes[1].ruleIds).toEqual(expect.arrayContaining(['R-NFR-03', 'R-NFR-05']));
  });
});

describe('audit and expiry', () => {
  it('R-NFR-07: Ecosystem Ops reduces seats (recorded, status kept) and revokes; the freed seats count no more', async () => {
    const partner = await openPartner();
    const license = (await request(portal, partner, { seats: 8 })).nfrLicense!;
    const partnerUser = await server.key(Role.PARTNER_USER, { partnerId: partner.id });
    const before = await rowCounts(ds());
    expect((await audit(partnerUser, { id: license.id, action: 'REVOKE', reason: 'x' })).userErrors[0].code).toBe('FORBIDDEN');
    expect((await audit(ops, { id: license.id, action: 'REDUCE_SEATS', seats: 3, reason: 'x', expectedVersion: license.version + 1 })).userErrors[0].code).toBe(
      'CONFLICT',
    );
    expect((await audit(ops, { id: license.id, action: 'REDUCE_SEATS', seats: 8, reason: 'x' })).userErrors[0]).toMatchObject({
      code: 'RULE_VIOLATION',
      ruleCode: 'INVALID_SEATS',
      field: ['input', 'seats'],
    });
    expect((await audit(ops, { id: license.id, action: 'REDUCE_SEATS', reason: 'x' })).userErrors[0]).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: ['input', 'seats'],
    });
    expect((await audit(ops, { id: license.id, action: 'REVOKE', reason: '  ' })).userErrors[0]).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: ['input', 'reason'],
    });
    expect(await rowCounts(ds())).toEqual(before);

    const reduced = await audit(ops, { id: license.id, action: 'REDUCE_SEATS', seats: 3, reason: 'Only 3 trainers left', expectedVersion: license.version });
    expect(reduced.nfrLicense).toMatchObject({ status: 'APPROVED', seats: 3 });
    expect(reduced.nfrLicense!.history.nodes[1]).toMatchObject({
      fromStatus: 'APPROVED',
      toStatus: 'APPROVED',
      actorRole: 'ECOSYSTEM_OPS',
      ruleIds: ['R-NFR-07'],
    });
    expect(reduced.nfrLicense!.history.nodes[1].reason).toContain('from 8 to 3; Only 3 trainers left');
    expect((await request(portal, partner, { seats: 7 })).nfrLicense?.status).toBe('APPROVED');

    const revoked = await audit(ops, { id: license.id, action: 'REVOKE', reason: 'Used in production' });
    expect(revoked.nfrLicense?.status).toBe('REVOKED');
    expect(revoked.nfrLicense!.history.nodes.map((h) => [h.fromStatus, h.toStatus])).toEqual([
      [null, 'APPROVED'],
      ['APPROVED', 'APPROVED'],
      ['APPROVED', 'REVOKED'],
    ]);
    expect(revoked.nfrLicense!.history.nodes[2].reason).toContain('Used in production');
    expect((await audit(ops, { id: license.id, action: 'REVOKE', reason: 'again' })).userErrors[0]).toMatchObject({
      code: 'INVALID_TRANSITION',
      ruleCode: 'LICENSE_NOT_ACTIVE',
    });
    expect((await request(portal, partner, { seats: 3 })).nfrLicense?.status).toBe('APPROVED');
  });

  it('R-NFR-07: a license past its end date no longer counts, and expireNfrLicense expires it with a SYSTEM history row', async () => {
    const partner = await openPartner();
    const ended = await insertLicense(ds(), partner, NfrProduct.ULTIMATE_SAAS, 8, { startsOn: '2025-08-31', endsOn: '2026-08-31' });
    const endsToday = await insertLicense(ds(), partner, NfrProduct.ULTIMATE_SELF_MANAGED, 8, { startsOn: '2025-09-01', endsOn: '2026-09-01' });
    expect((await request(portal, partner, { seats: 10 })).nfrLicense?.status).toBe('APPROVED');
    // It runs through its end date: still counts today.
    expect((await request(portal, partner, { product: 'ULTIMATE_SELF_MANAGED', seats: 3 })).userErrors[0]?.ruleCode).toBe('SEAT_CAP_EXCEEDED');

    const statusOf = async (id: string) => (await ds().getRepository(NfrLicense).findOneByOrFail({ id })).status;
    expect(await inTestUnitOfWork(server.app, (uow) => expireNfrLicense(uow, ended.id), { now: NOW })).toBe(true);
    expect(await statusOf(ended.id)).toBe(NfrLicenseStatus.EXPIRED);
    expect(await inTestUnitOfWork(server.app, (uow) => expireNfrLicense(uow, endsToday.id), { now: NOW })).toBe(false);
    expect(await statusOf(endsToday.id)).toBe(NfrLicenseStatus.APPROVED);
    const history = await ds().getRepository(StatusTransition).findBy({ entityId: ended.id });
    expect(history).toEqual([
      expect.objectContaining({
        entityType: 'NfrLicense',
        partnerId: partner.id,
        fromStatus: 'APPROVED',
        toStatus: 'EXPIRED',
        actorRole: 'SYSTEM',
        ruleIds: ['R-NFR-07'],
      }),
    ]);
    expect(await ds().getRepository(StatusTransition).countBy({ entityId: endsToday.id })).toBe(0);
    expect(await inTestUnitOfWork(server.app, (uow) => expireNfrLicense(uow, endsToday.id), { now: new Date('2026-09-02T00:00:00Z') })).toBe(true);
    expect(await statusOf(endsToday.id)).toBe(NfrLicenseStatus.EXPIRED);
  });
});

describe('who may request, retries and bad input', () => {
  it('a partner user requests for its own partner only (R-NFR-01 scope)', async () => {
    const [own, other] = [await openPartner(), await openPartner()];
    const key = await server.key(Role.PARTNER_USER, { partnerId: own.id });
    const mine = await request(key, null, { seats: 2 });
    expect(mine.nfrLicense?.status).toBe('APPROVED');
    expect(mine.nfrLicense!.history.nodes[0].actorRole).toBe('PARTNER_USER');
    const before = await rowCounts(ds());
    const forbidden = await request(key, other, { seats: 2 });
    expect(forbidden.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN', field: ['input', 'partnerId'] })]);
    expect(await rowCounts(ds())).toEqual(before);
  });

  it('roles that may not request (CRM_SYNC, ECOSYSTEM_OPS) get FORBIDDEN and change nothing', async () => {
    const partner = await openPartner();
    const crm = await server.key(Role.CRM_SYNC);
    const before = await rowCounts(ds());
    expect((await request(crm, partner, { seats: 1 })).userErrors[0].code).toBe('FORBIDDEN');
    expect((await request(ops, partner, { seats: 1 })).userErrors[0].code).toBe('FORBIDDEN');
    expect(await rowCounts(ds())).toEqual(before);
  });

  it('R-NFR-03: retries with one idempotency key create one license and return it; another input under the key is refused', async () => {
    const partner = await openPartner();
    const results = await Promise.all(Array.from({ length: 5 }, () => request(portal, partner, { seats: 4, idempotencyKey: 'portal-nfr-42' })));
    expect(new Set(results.map((r) => r.nfrLicense?.id)).size).toBe(1);
    expect(results.every((r) => r.nfrLicense?.status === 'APPROVED')).toBe(true);
    expect(await ds().getRepository(NfrLicense).countBy({ partnerId: partner.id })).toBe(1);
    const reused = await request(portal, partner, { seats: 5, idempotencyKey: 'portal-nfr-42' });
    expect(reused.userErrors[0].code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('malformed, oversized, unknown and duplicate input gets a clear error and changes nothing', async () => {
    const partner = await openPartner();
    await request(portal, partner, { seats: 1, portalExternalId: 'IMP-NFR-1' });
    const before = await rowCounts(ds());
    const invalid = await request(portal, partner, { seats: 0, businessJustification: 'j'.repeat(2001) });
    expect(invalid.userErrors.map((e) => [e.code, e.field?.join('.')]).sort()).toEqual([
      ['VALIDATION_FAILED', 'input.businessJustification'],
      ['VALIDATION_FAILED', 'input.seats'],
    ]);
    const badEnum = await server.gql(portal, REQUEST, { input: { partnerId: gid('Partner', partner.id), product: 'PREMIUM', uses: [] } });
    expect(badEnum.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await request(portal, partner, { seats: 1, portalExternalId: 'IMP-NFR-1' })).userErrors[0].code).toBe('ALREADY_EXISTS');
    expect((await decide(ops, { id: gid('NfrLicense', '00000000-0000-4000-8000-000000000000'), decision: 'APPROVE' })).userErrors[0]).toMatchObject({
      code: 'NOT_FOUND',
      field: ['input', 'id'],
    });
    expect((await audit(ops, { id: gid('Partner', partner.id), action: 'REVOKE', reason: 'x' })).userErrors[0].code).toBe('NOT_FOUND');
    expect(await rowCounts(ds())).toEqual(before);
  });
});
