import { Role } from '../../src/auth/role.enum';
import { FixedClock } from '../../src/config/clock';
import { Partner } from '../../src/partners/partner.entity';
import { AgreementKind, AllianceType, PartnerCategory, PartnerLifecycleStatus, PartnerTrack } from '../../src/partners/partner.enums';
import { Person } from '../../src/people/person.entity';
import { CertificationKind } from '../../src/people/person.enums';
import { StatusTransition } from '../../src/events/status-transition.entity';
import { addDays } from '../../src/rules/decision';
import { gid, insertPartner, insertPerson } from '../support/fixtures';
import { rowCounts } from '../support/row-counts';
import { TestServer, startTestServer } from '../support/test-server';

const NOW = new Date('2026-09-01T10:00:00Z');
const clock = new FixedClock(NOW);
let server: TestServer;
let ops: string;
let cam: string;
let portal: string;
let crm: string;

interface UserErrorView {
  field: string[] | null;
  code: string;
  message: string;
  ruleIds: string[];
  ruleCode: string | null;
}
interface HistoryNode {
  fromStatus: string | null;
  toStatus: string;
  ruleIds: string[];
  reason: string;
  actorRole: string;
}
interface PartnerView {
  id: string;
  name: string;
  status: string;
  track: string | null;
  category: string;
  allianceType: string | null;
  version: number;
  agreementKind: string | null;
  selectInvitedAt: string | null;
  channelAccountManagerName: string | null;
  committedRevenue: { amount: string; currency: string } | null;
  hasJointBusinessPlan: boolean;
  hasPartnerBadge: boolean;
  catalogNamespaceUrl: string | null;
  trackCompliance: { compliant: boolean; unmet: Array<{ ruleId: string; code: string; required: number | null; actual: number | null }> };
  history: { nodes: HistoryNode[] };
}
interface PartnerPayload {
  partner: PartnerView | null;
  userErrors: UserErrorView[];
}
interface PersonPayload {
  person: { id: string; email: string; firstName: string; jobTitle: string | null; employed: boolean; version: number; partner: { id: string } } | null;
  userErrors: UserErrorView[];
}
interface CertificationPayload {
  certification: { id: string; kind: string; current: boolean; expiresAt: string | null; version: number } | null;
  userErrors: UserErrorView[];
}

const ERRORS = 'userErrors { field code message ruleIds ruleCode }';
const PARTNER_SELECTION = `id name status track category allianceType version agreementKind selectInvitedAt channelAccountManagerName
  committedRevenue { amount currency } hasJointBusinessPlan hasPartnerBadge catalogNamespaceUrl
  trackCompliance { compliant unmet { ruleId code required actual } }
  history { nodes { fromStatus toStatus ruleIds reason actorRole } }`;
const PARTNER_FIELDS = `partner { ${PARTNER_SELECTION} } ${ERRORS}`;
const PERSON_FIELDS = `person { id email firstName jobTitle employed version partner { id } } ${ERRORS}`;
const CERTIFICATION_FIELDS = `certification { id kind current expiresAt version } ${ERRORS}`;

const _PARTNER_MUTATIONS = [
  'applyPartner',
  'activatePartner',
  'suspendPartner',
  'reinstatePartner',
  'terminatePartner',
  'signPartnerAgreement',
  'invitePartnerToSelect',
  'acceptSelectInvitation',
  'updatePartnerProfile',
  'registerCatalogNamespace',
] as const;
type PartnerMutation = (typeof _PARTNER_MUTATIONS)[number];

const inputType = (name: string): string => `${name[0].toUpperCase()}${name.slice(1)}Input`;

async function mutate<T>(key: string, name: string, fields: string, input: Record<string, unknown>): Promise<T> {
  const response = await server.gql<Record<string, T>>(key, `mutation ($input: ${inputType(name)}!) { ${name}(input: $input) { ${fields} } }`, { input });
  expect(response.errors).toBeUndefined();
  return response.data![name];
}

const partnerMutation = (key: string, name: PartnerMutation, input: Record<string, unknown>) => mutate<PartnerPayload>(key, name, PARTNER_FIELDS, input);
const personMutation = (key: string, name: 'addPerson' | 'updatePerson' | 'endEmployment', input: Record<string, unknown>) =>
  mutate<PersonPayload>(key, name, PERSON_FIELDS, input);
const certificationMutation = (key: string, name: 'addCertification' | 'updateCertification', input: Record<string, unknown>) =>
  mutate<CertificationPayload>(key, name, CERTIFICATION_FIELDS, input);

async function readPartner(id: string): Promise<PartnerView> {
  const response = await server.gql<{ node: PartnerView }>(ops, `query ($id: ID!) { node(id: $id) { ... on Partner { ${PARTNER_SELECTION} } } }`, { id });
  expect(response.errors).toBeUndefined();
  return response.data!.node;
}

let seq = 0;
function application(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  seq += 1;
  return { name: `Applicant ${seq}`, category: 'CHANNEL', territory: 'EMEA', country: 'DE', portalExternalId: `IMP-APPLY-${seq}`, ...overrides };
}

beforeAll(async () => {
  server = await startTestServer({ clock });
  [ops, cam, portal, crm] = await Promise.all([
    server.key(Role.ECOSYSTEM_OPS),
    server.key(Role.CHANNEL_ACCOUNT_MANAGER),
    server.key(Role.PORTAL_SYNC),
    server.key(Role.CRM_SYNC),
  ]);
});
afterAll(() => server.stop());
afterEach(() => clock.set(NOW));

describe('applications (applyPartner)', () => {
  it('R-PTR-01: a partner applies with its category and is APPLIED; an alliance needs its type and others have none', async () => {
    const channel = await partnerMutation(portal, 'applyPartner', application({ website: 'https://acme.example', crmAccountId: 'ACC-APPLY-1' }));
    expect(channel.userErrors).toEqual([]);
    expect(channel.partner).toMatchObject({ status: 'APPLIED', category: 'CHANNEL', track: 'OPEN', allianceType: null, version: 1 });
    expect(channel.partner!.history.nodes).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'APPLIED', actorRole: 'PORTAL_SYNC' })]);
    expect(channel.partner!.history.nodes[0].ruleIds).toEqual(expect.arrayContaining(['R-PTR-06', 'R-PTR-01', 'R-PTR-02']));
    const alliance = await partnerMutation(ops, 'applyPartner', application({ category: 'ALLIANCE', allianceType: 'PLATFORM' }));
    expect(alliance.partner).toMatchObject({ status: 'APPLIED', category: 'ALLIANCE', allianceType: 'PLATFORM', track: null });

    const before = await rowCounts(server.app.dataSource);
    const untyped = await partnerMutation(portal, 'applyPartner', application({ category: 'ALLIANCE' }));
    expect(untyped).toEqual({
      partner: null,
      userErrors: [
        expect.objectContaining({ code: 'RULE_VIOLATION', ruleIds: ['R-PTR-01'], ruleCode: 'ALLIANCE_TYPE_REQUIRED', field: ['input', 'allianceType'] }),
      ],
    });
    const typedDistributor = await partnerMutation(portal, 'applyPartner', application({ category: 'DISTRIBUTOR', allianceType: 'CLOUD' }));
    expect(typedDistributor.userErrors.map((e) => e.ruleCode)).toEqual(['ALLIANCE_TYPE_ONLY_FOR_ALLIANCE']);
    expect(await rowCounts(server.app.dataSource)).toEqual(before);
  });

  it('R-PTR-02: a channel partner applies for OPEN only: SELECT is by invitation, and nothing is stored', async () => {
    const before = await rowCounts(server.app.dataSource);
    const select = await partnerMutation(portal, 'applyPartner', application({ track: 'SELECT' }));
    expect(select.userErrors).toEqual([
      expect.objectContaining({ code: 'RULE_VIOLATION', ruleIds: ['R-PTR-02'], ruleCode: 'SELECT_BY_INVITATION_ONLY', field: ['input', 'track'] }),
    ]);
    const allianceTrack = await partnerMutation(portal, 'applyPartner', application({ category: 'ALLIANCE', allianceType: 'CLOUD', track: 'OPEN' }));
    expect(allianceTrack.userErrors.map((e) => e.ruleCode)).toEqual(['TRACK_ONLY_FOR_CHANNEL']);
    expect(await rowCounts(server.app.dataSource)).toEqual(before);
    const open = await partnerMutation(portal, 'applyPartner', application({ track: 'OPEN' }));
    expect(open.partner?.track).toBe('OPEN');
  });

  it('retries with one idempotency key create one partner; a reused key, a duplicate portal ID and a wrong role are refused', async () => {
    const input = application({ idempotencyKey: 'impartner-application-77' });
    const results = await Promise.all(Array.from({ length: 5 }, () => partnerMutation(portal, 'applyPartner', input)));
    expect(new Set(results.map((r) => r.partner?.id)).size).toBe(1);
    expect(await server.app.dataSource.getRepository(Partner).countBy({ portalExternalId: input.portalExternalId as string })).toBe(1);
    const reused = await partnerMutation(portal, 'applyPartner', { ...input, name: 'Something else' });
    expect(reused.userErrors[0].code).toBe('IDEMPOTENCY_KEY_REUSED');

    const partnerUser = await server.key(Role.PARTNER_USER, { partnerId: (await insertPartner(server.app.dataSource)).id });
    const before = await rowCounts(server.app.dataSource);
    const duplicate = await partnerMutation(portal, 'applyPartner', { ...application(), portalExternalId: input.portalExternalId });
    expect(duplicate.userErrors[0].code).toBe('ALREADY_EXISTS');
    for (const key of [crm, cam, partnerUser]) {
      expect((await partnerMutation(key, 'applyPartner', application())).userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN' })]);
    }
    const oversized = await partnerMutation(portal, 'applyPartner', application({ name: 'n'.repeat(201), crmAccountId: 'c'.repeat(101) }));
    expect(oversized.userErrors.map((e) => [e.code, e.field?.join('.')]).sort()).toEqual([
      ['VALIDATION_FAILED', 'input.crmAccountId'],
      ['VALIDATION_FAILED', 'input.name'],
    ]);
    expect(await rowCounts(server.app.dataSource)).toEqual(before);
  });
});

describe('lifecycle', () => {
  it('R-PTR-08: activation needs the agreement of the partner’s category: an alliance signs the technology agreement, not the channel one', async () => {
    const applied = (await partnerMutation(portal, 'applyPartner', application({ category: 'ALLIANCE', allianceType: 'TECHNOLOGY_ISV' }))).partner!;
    const before = await rowCounts(server.app.dataSource);
    const unsigned = await partnerMutation(ops, 'activatePartner', { id: applied.id });
    expect(unsigned.userErrors).toEqual([
      expect.objectContaining({ code: 'RULE_VIOLATION', ruleIds: ['R-PTR-08'], ruleCode: 'AGREEMENT_NOT_SIGNED', field: ['input', 'id'] }),
    ]);
    const wrongKind = await partnerMutation(portal, 'signPartnerAgreement', { id: applied.id, agreementKind: 'CHANNEL_PARTNER' });
    expect(wrongKind.userErrors).toEqual([
      expect.objectContaining({ code: 'RULE_VIOLATION', ruleIds: ['R-PTR-08'], ruleCode: 'WRONG_AGREEMENT_KIND', field: ['input', 'agreementKind'] }),
    ]);
    const future = await partnerMutation(portal, 'signPartnerAgreement', {
      id: applied.id,
      agreementKind: 'TECHNOLOGY_PARTNER',
      signedAt: addDays(NOW, 1).toISOString(),
    });
    expect(future.userErrors[0]).toMatchObject({ code: 'VALIDATION_FAILED', field: ['input', 'signedAt'] });
    expect(await rowCounts(server.app.dataSource)).toEqual(before);

    const signed = await partnerMutation(portal, 'signPartnerAgreement', {
      id: applied.id,
      agreementKind: 'TECHNOLOGY_PARTNER',
      expectedVersion: applied.version,
    });
    expect(signed.partner).toMatchObject({ agreementKind: 'TECHNOLOGY_PARTNER', status: 'APPLIED' });
    const active = await partnerMutation(cam, 'activatePartner', { id: applied.id, expectedVersion: signed.partner!.version, reason: 'Integration verified' });
    expect(active.partner?.status).toBe('ACTIVE');
    const activation = active.partner!.history.nodes.at(-1)!;
    expect(activation).toMatchObject({ fromStatus: 'APPLIED', toStatus: 'ACTIVE', actorRole: 'CHANNEL_ACCOUNT_MANAGER' });
    expect(activation.ruleIds).toEqual(expect.arrayContaining(['R-PTR-06', 'R-PTR-08']));
    expect(activation.reason).toContain('Integration verified');
  });

  it('R-PTR-06: ACTIVE ↔ SUSPENDED, then TERMINATED, which is final; each change is recorded with actor, rules and reason', async () => {
    const partner = await insertPartner(server.app.dataSource, { status: PartnerLifecycleStatus.ACTIVE });
    const id = gid('Partner', partner.id);
    const notApplied = await partnerMutation(ops, 'activatePartner', { id });
    expect(notApplied.userErrors[0]).toMatchObject({ code: 'INVALID_TRANSITION', ruleIds: ['R-PTR-06'] });
    expect((await partnerMutation(ops, 'reinstatePartner', { id })).userErrors[0]).toMatchObject({ code: 'INVALID_TRANSITION', ruleIds: ['R-PTR-06'] });

    const suspended = await partnerMutation(ops, 'suspendPartner', { id, reason: 'Unpaid invoices' });
    expect(suspended.partner?.status).toBe('SUSPENDED');
    expect((await partnerMutation(cam, 'reinstatePartner', { id })).partner?.status).toBe('ACTIVE');
    expect((await partnerMutation(cam, 'suspendPartner', { id })).partner?.status).toBe('SUSPENDED');
    expect((await partnerMutation(cam, 'terminatePartner', { id })).userErrors[0].code).toBe('FORBIDDEN');
    const terminated = await partnerMutation(ops, 'terminatePartner', { id, reason: 'Contract ended' });
    expect(terminated.partner?.status).toBe('TERMINATED');

    const before = await rowCounts(server.app.dataSource);
    const revived = await partnerMutation(ops, 'reinstatePartner', { id });
    expect(revived.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION', ruleIds: ['R-PTR-06'] })]);
    const reterminated = await partnerMutation(ops, 'terminatePartner', { id });
    expect(reterminated.userErrors).toEqual([
      expect.objectContaining({ code: 'INVALID_TRANSITION', ruleCode: 'TRANSITION_NOT_ALLOWED', message: 'TERMINATED is final' }),
    ]);
    const profile = await partnerMutation(ops, 'updatePartnerProfile', { id, name: 'Renamed' });
    expect(profile.userErrors).toEqual([expect.objectContaining({ code: 'RULE_VIOLATION', ruleIds: ['R-PTR-06'], ruleCode: 'PARTNER_TERMINATED' })]);
    expect(await rowCounts(server.app.dataSource)).toEqual(before);

    const history = terminated.partner!.history.nodes;
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.actorRole])).toEqual([
      ['ACTIVE', 'SUSPENDED', 'ECOSYSTEM_OPS'],
      ['SUSPENDED', 'ACTIVE', 'CHANNEL_ACCOUNT_MANAGER'],
      ['ACTIVE', 'SUSPENDED', 'CHANNEL_ACCOUNT_MANAGER'],
      ['SUSPENDED', 'TERMINATED', 'ECOSYSTEM_OPS'],
    ]);
    expect(history.every((h) => h.ruleIds.includes('R-PTR-06'))).toBe(true);
    expect(history[0].reason).toContain('Unpaid invoices');
    expect(history[3].reason).toContain('Contract ended');
    // The transition rows are the event outbox: partner-scoped, in commit order.
    const rows = await server.app.dataSource.getRepository(StatusTransition).find({ where: { entityId: partner.id }, order: { sequence: 'ASC' } });
    expect(rows.map((r) => [r.entityType, r.partnerId, r.toStatus])).toEqual([
      ['Partner', partner.id, 'SUSPENDED'],
      ['Partner', partner.id, 'ACTIVE'],
      ['Partner', partner.id, 'SUSPENDED'],
      ['Partner', partner.id, 'TERMINATED'],
    ]);
  });

  it('R-PTR-06: a stale expectedVersion is a CONFLICT, a wrong role is FORBIDDEN, and neither changes anything', async () => {
    const partner = await insertPartner(server.app.dataSource);
    const id = gid('Partner', partner.id);
    const partnerUser = await server.key(Role.PARTNER_USER, { partnerId: partner.id });
    const before = await rowCounts(server.app.dataSource);
    const stale = await partnerMutation(ops, 'suspendPartner', { id, expectedVersion: partner.version + 1 });
    expect(stale.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT', field: ['input', 'expectedVersion'] })]);
    for (const key of [partnerUser, portal, crm]) expect((await partnerMutation(key, 'suspendPartner', { id })).userErrors[0].code).toBe('FORBIDDEN');
    expect((await partnerMutation(ops, 'suspendPartner', { id: gid('Person', partner.id) })).userErrors[0]).toMatchObject({
      code: 'NOT_FOUND',
      field: ['input', 'id'],
    });
    expect(await rowCounts(server.app.dataSource)).toEqual(before);
    expect((await server.app.dataSource.getRepository(Partner).findOneByOrFail({ id: partner.id })).status).toBe(PartnerLifecycleStatus.ACTIVE);
  });
});

describe('Select track', () => {
  it('R-PTR-02: only a channel account manager or Ecosystem Ops invites; a partner cannot move itself to Select', async () => {
    const partner = await insertPartner(server.app.dataSource);
    const id = gid('Partner', partner.id);
    const partnerUser = await server.key(Role.PARTNER_USER, { partnerId: partner.id });
    const alliance = await insertPartner(server.app.dataSource, {
      category: PartnerCategory.ALLIANCE,
      track: null,
      allianceType: AllianceType.CLOUD,
      agreementKind: AgreementKind.TECHNOLOGY_PARTNER,
    });
    const before = await rowCounts(server.app.dataSource);
    for (const key of [partnerUser, portal, crm]) {
      expect((await partnerMutation(key, 'invitePartnerToSelect', { id, channelAccountManagerName: 'Me' })).userErrors[0].code).toBe('FORBIDDEN');
    }
    const uninvited = await partnerMutation(partnerUser, 'acceptSelectInvitation', {});
    expect(uninvited.userErrors).toEqual([expect.objectContaining({ code: 'RULE_VIOLATION', ruleIds: ['R-PTR-02'], ruleCode: 'NOT_INVITED' })]);
    const notChannel = await partnerMutation(cam, 'invitePartnerToSelect', { id: gid('Partner', alliance.id), channelAccountManagerName: 'Dana CAM' });
    expect(notChannel.userErrors.map((e) => e.ruleCode)).toEqual(['NOT_CHANNEL_PARTNER']);
    expect(await rowCounts(server.app.dataSource)).toEqual(before);

    const invited = await partnerMutation(ops, 'invitePartnerToSelect', {
      id,
      channelAccountManagerName: 'Dana CAM',
      channelAccountManagerEmail: 'dana@gitlab.example',
    });
    expect(invited.partner).toMatchObject({ track: 'OPEN', selectInvitedAt: NOW.toISOString(), channelAccountManagerName: 'Dana CAM' });
    const selectPartner = await insertPartner(server.app.dataSource, { track: PartnerTrack.SELECT, channelAccountManagerName: 'Sam CAM' });
    expect((await partnerMutation(cam, 'invitePartnerToSelect', { id: gid('Partner', selectPartner.id) })).userErrors.map((e) => e.ruleCode)).toEqual([
      'ALREADY_SELECT',
    ]);
  });

  it('R-PTR-04: an invited partner accepts Select only while it meets the Select requirements, each unmet one listed; then it is Select', async () => {
    const ds = server.app.dataSource;
    const partner = await insertPartner(ds);
    const id = gid('Partner', partner.id);
    for (let i = 0; i < 3; i += 1) await insertPerson(ds, partner, [{ kind: CertificationKind.SALES_ACCREDITED }]);
    await insertPerson(ds, partner, [{ kind: CertificationKind.SOLUTIONS_ARCHITECT }, { kind: CertificationKind.PARTNER_TECHNICAL_ENGINEER }]);
    await insertPerson(ds, partner, [{ kind: CertificationKind.SOLUTIONS_ARCHITECT }]);
    const partnerUser = await server.key(Role.PARTNER_USER, { partnerId: partner.id });
    const otherUser = await server.key(Role.PARTNER_USER, { partnerId: (await insertPartner(ds)).id });
    const invited = await partnerMutation(cam, 'invitePartnerToSelect', { id, channelAccountManagerName: 'Dana CAM' });
    expect(invited.userErrors).toEqual([]);

    const before = await rowCounts(ds);
    const short = await partnerMutation(partnerUser, 'acceptSelectInvitation', { id });
    expect(short.partner).toBeNull();
    expect(short.userErrors.map((e) => [e.code, e.ruleIds, e.ruleCode])).toEqual([
      ['RULE_VIOLATION', ['R-PTR-04'], 'SALES_ACCREDITED_COUNT'],
      ['RULE_VIOLATION', ['R-PTR-04'], 'JOINT_BUSINESS_PLAN_MISSING'],
      ['RULE_VIOLATION', ['R-PTR-04'], 'COMMITTED_REVENUE_TOO_LOW'],
    ]);
    expect((await partnerMutation(otherUser, 'acceptSelectInvitation', { id })).userErrors[0]).toMatchObject({ code: 'FORBIDDEN', field: ['input', 'id'] });
    expect((await partnerMutation(ops, 'acceptSelectInvitation', { id })).userErrors[0].code).toBe('FORBIDDEN');
    expect(await rowCounts(ds)).toEqual(before);

    const profile = await partnerMutation(portal, 'updatePartnerProfile', {
      id,
      jointBusinessPlanSponsor: 'VP Alliances',
      committedRevenue: { amount: '300000.00', currency: 'USD' },
    });
    expect(profile.partner).toMatchObject({ hasJointBusinessPlan: true, committedRevenue: { amount: '300000.00', currency: 'USD' } });
    const person = (await personMutation(partnerUser, 'addPerson', { firstName: 'New', lastName: 'Seller', email: 'seller@select.example' })).person!;
    const cert = await certificationMutation(portal, 'addCertification', {
      personId: person.id,
      kind: 'SALES_ACCREDITED',
      earnedAt: addDays(NOW, -1).toISOString(),
    });
    expect(cert.certification).toMatchObject({ kind: 'SALES_ACCREDITED', current: true });

    const accepted = await partnerMutation(portal, 'acceptSelectInvitation', { id, expectedVersion: profile.partner!.version });
    expect(accepted.userErrors).toEqual([]);
    expect(accepted.partner).toMatchObject({ track: 'SELECT', status: 'ACTIVE', trackCompliance: { compliant: true, unmet: [] } });
    const decision = accepted.partner!.history.nodes.at(-1)!;
    expect(decision).toMatchObject({ fromStatus: 'OPEN', toStatus: 'SELECT', actorRole: 'PORTAL_SYNC' });
    expect(decision.ruleIds).toEqual(expect.arrayContaining(['R-PTR-02', 'R-PTR-04', 'R-PTR-05', 'R-PTR-07']));
    expect((await partnerMutation(partnerUser, 'acceptSelectInvitation', {})).userErrors[0]).toMatchObject({
      code: 'INVALID_TRANSITION',
      ruleCode: 'ALREADY_SELECT',
    });
  });

  it('R-PTR-07: a Select partner keeps its dedicated Channel Account Manager; an Open partner may do without', async () => {
    const select = await insertPartner(server.app.dataSource, {
      track: PartnerTrack.SELECT,
      channelAccountManagerName: 'Sam CAM',
      channelAccountManagerEmail: 'sam@gitlab.example',
    });
    const id = gid('Partner', select.id);
    const uninvitable = await partnerMutation(cam, 'invitePartnerToSelect', { id: gid('Partner', (await insertPartner(server.app.dataSource)).id) });
    expect(uninvitable.userErrors).toEqual([
      expect.objectContaining({ code: 'RULE_VIOLATION', ruleIds: ['R-PTR-07'], ruleCode: 'CHANNEL_ACCOUNT_MANAGER_MISSING' }),
    ]);
    const before = await rowCounts(server.app.dataSource);
    const dropped = await partnerMutation(cam, 'updatePartnerProfile', { id, channelAccountManagerName: null, channelAccountManagerEmail: null });
    expect(dropped.userErrors).toEqual([
      expect.objectContaining({
        code: 'RULE_VIOLATION',
        ruleIds: ['R-PTR-07'],
        ruleCode: 'CHANNEL_ACCOUNT_MANAGER_MISSING',
        field: ['input', 'channelAccountManagerName'],
      }),
    ]);
    expect(await rowCounts(server.app.dataSource)).toEqual(before);
    expect((await readPartner(id)).channelAccountManagerName).toBe('Sam CAM');
    const handedOver = await partnerMutation(cam, 'updatePartnerProfile', { id, channelAccountManagerName: 'Robin CAM', channelAccountManagerEmail: null });
    expect(handedOver.partner?.channelAccountManagerName).toBe('Robin CAM');

    const open = await insertPartner(server.app.dataSource, { channelAccountManagerName: 'Sam CAM' });
    const openDropped = await partnerMutation(ops, 'updatePartnerProfile', { id: gid('Partner', open.id), channelAccountManagerName: null });
    expect(openDropped.partner?.channelAccountManagerName).toBeNull();
  });
});

describe('profile and catalog namespace', () => {
  it('updatePartnerProfile changes only the given fields, checks its input and the version, and is not for partner users', async () => {
    const partner = await insertPartner(server.app.dataSource);
    const id = gid('Partner', partner.id);
    const partnerUser = await server.key(Role.PARTNER_USER, { partnerId: partner.id });
    const before = await rowCounts(server.app.dataSource);
    const invalid = await partnerMutation(portal, 'updatePartnerProfile', { id, name: null, committedRevenue: { amount: '-5', currency: 'USD' } });
    expect(invalid.userErrors.map((e) => [e.code, e.field?.join('.')]).sort()).toEqual([
      ['VALIDATION_FAILED', 'input.committedRevenue.amount'],
      ['VALIDATION_FAILED', 'input.name'],
    ]);
    expect((await partnerMutation(portal, 'updatePartnerProfile', { id, name: 'X', expectedVersion: partner.version + 1 })).userErrors[0].code).toBe(
      'CONFLICT',
    );
    expect((await partnerMutation(partnerUser, 'updatePartnerProfile', { id, name: 'Mine' })).userErrors[0].code).toBe('FORBIDDEN');
    expect(await rowCounts(server.app.dataSource)).toEqual(before);

    const updated = await partnerMutation(portal, 'updatePartnerProfile', {
      id,
      name: 'Renamed GmbH',
      committedRevenue: { amount: '125000.5', currency: 'EUR' },
      expectedVersion: partner.version,
    });
    expect(updated.partner).toMatchObject({
      name: 'Renamed GmbH',
      committedRevenue: { amount: '125000.50', currency: 'EUR' },
      channelAccountManagerName: null,
      status: 'ACTIVE',
    });
    expect(updated.partner!.version).toBe(partner.version + 1);
  });

  it('R-PTR-08: only an alliance partner registers a catalog namespace, and then shows the partner badge', async () => {
    const alliance = await insertPartner(server.app.dataSource, {
      category: PartnerCategory.ALLIANCE,
      track: null,
      allianceType: AllianceType.TECHNOLOGY_ISV,
      agreementKind: AgreementKind.TECHNOLOGY_PARTNER,
    });
    const channel = await insertPartner(server.app.dataSource);
    const allianceUser = await server.key(Role.PARTNER_USER, { partnerId: alliance.id });
    const before = await rowCounts(server.app.dataSource);
    const notAlliance = await partnerMutation(portal, 'registerCatalogNamespace', {
      id: gid('Partner', channel.id),
      namespaceUrl: 'https://gitlab.com/reseller',
    });
    expect(notAlliance.userErrors).toEqual([expect.objectContaining({ code: 'RULE_VIOLATION', ruleIds: ['R-PTR-08'], ruleCode: 'NOT_ALLIANCE_PARTNER' })]);
    const otherPartner = await partnerMutation(allianceUser, 'registerCatalogNamespace', {
      id: gid('Partner', channel.id),
      namespaceUrl: 'https://gitlab.com/reseller',
    });
    expect(otherPartner.userErrors[0]).toMatchObject({ code: 'FORBIDDEN', field: ['input', 'id'] });
    expect(await rowCounts(server.app.dataSource)).toEqual(before);

    expect((await readPartner(gid('Partner', alliance.id))).hasPartnerBadge).toBe(false);
    const registered = await partnerMutation(allianceUser, 'registerCatalogNamespace', {
      id: gid('Partner', alliance.id),
      namespaceUrl: 'https://gitlab.com/scanwise-components',
    });
    expect(registered.partner).toMatchObject({ catalogNamespaceUrl: 'https://gitlab.com/scanwise-components', hasPartnerBadge: true });
  });
});

describe('people and certifications', () => {
  it('R-PTR-03 / R-PTR-05: an Open partner staffed through the API is compliant until a holder leaves or a certification expires', async () => {
    const partner = await insertPartner(server.app.dataSource);
    const id = gid('Partner', partner.id);
    const staff: string[] = [];
    for (const [name, kind, expiresAt] of [
      ['ana', 'SALES_ACCREDITED', null],
      ['ben', 'SALES_ACCREDITED', null],
      ['cat', 'SOLUTIONS_ARCHITECT', addDays(NOW, 10).toISOString()],
    ] as const) {
      const person = await personMutation(portal, 'addPerson', { partnerId: id, firstName: name, lastName: 'Staff', email: `${name}@open.example` });
      staff.push(person.person!.id);
      await certificationMutation(ops, 'addCertification', { personId: person.person!.id, kind, earnedAt: addDays(NOW, -30).toISOString(), expiresAt });
    }
    expect((await readPartner(id)).trackCompliance).toEqual({ compliant: true, unmet: [] });

    const left = await personMutation(portal, 'endEmployment', { id: staff[0] });
    expect(left.person).toMatchObject({ employed: false });
    expect((await readPartner(id)).trackCompliance.unmet).toEqual([{ ruleId: 'R-PTR-03', code: 'SALES_ACCREDITED_COUNT', required: 2, actual: 1 }]);
    expect((await personMutation(portal, 'endEmployment', { id: staff[0] })).userErrors[0]).toMatchObject({
      code: 'INVALID_TRANSITION',
      ruleIds: ['R-PTR-05'],
    });
    expect((await personMutation(portal, 'endEmployment', { id: staff[1], endedAt: addDays(NOW, 1).toISOString() })).userErrors[0]).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: ['input', 'endedAt'],
    });

    clock.advanceDays(10);
    expect((await readPartner(id)).trackCompliance.unmet.map((u) => [u.code, u.actual])).toEqual([
      ['SALES_ACCREDITED_COUNT', 1],
      ['SOLUTIONS_ARCHITECT_COUNT', 0],
    ]);
  });

  it('R-PTR-05: updateCertification moves the expiry; an expired certification stops counting', async () => {
    const partner = await insertPartner(server.app.dataSource);
    const person = await insertPerson(server.app.dataSource, partner);
    const added = await certificationMutation(portal, 'addCertification', {
      personId: gid('Person', person.id),
      kind: 'SOLUTIONS_ARCHITECT',
      earnedAt: addDays(NOW, -100).toISOString(),
    });
    const certId = added.certification!.id;
    const before = await rowCounts(server.app.dataSource);
    const beforeEarned = await certificationMutation(portal, 'updateCertification', { id: certId, expiresAt: addDays(NOW, -200).toISOString() });
    expect(beforeEarned.userErrors[0]).toMatchObject({ code: 'VALIDATION_FAILED', field: ['input', 'expiresAt'] });
    expect((await certificationMutation(portal, 'updateCertification', { id: certId })).userErrors[0]).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: ['input', 'expiresAt'],
    });
    const stale = await certificationMutation(portal, 'updateCertification', { id: certId, expiresAt: null, expectedVersion: 7 });
    expect(stale.userErrors[0].code).toBe('CONFLICT');
    const partnerUser = await server.key(Role.PARTNER_USER, { partnerId: partner.id });
    expect((await certificationMutation(partnerUser, 'updateCertification', { id: certId, expiresAt: null })).userErrors[0].code).toBe('FORBIDDEN');
    expect(await rowCounts(server.app.dataSource)).toEqual(before);

    const expired = await certificationMutation(ops, 'updateCertification', {
      id: certId,
      expiresAt: addDays(NOW, -1).toISOString(),
      expectedVersion: added.certification!.version,
    });
    expect(expired.certification).toMatchObject({ current: false, version: added.certification!.version + 1 });
    const renewed = await certificationMutation(ops, 'updateCertification', { id: certId, expiresAt: null });
    expect(renewed.certification).toMatchObject({ current: true, expiresAt: null });
  });

  it('a partner user adds and edits people of its own partner only; emails are unique per partner; retries and stale versions are handled', async () => {
    const ds = server.app.dataSource;
    const [own, other] = [await insertPartner(ds), await insertPartner(ds)];
    const ownUser = await server.key(Role.PARTNER_USER, { partnerId: own.id });
    const added = await personMutation(ownUser, 'addPerson', {
      firstName: 'Ida',
      lastName: 'Own',
      email: 'Ida@Own.example',
      jobTitle: 'SA',
      idempotencyKey: 'person-ida',
    });
    expect(added.person).toMatchObject({ email: 'ida@own.example', employed: true, partner: { id: gid('Partner', own.id) } });
    const retried = await personMutation(ownUser, 'addPerson', {
      firstName: 'Ida',
      lastName: 'Own',
      email: 'Ida@Own.example',
      jobTitle: 'SA',
      idempotencyKey: 'person-ida',
    });
    expect(retried.person?.id).toBe(added.person!.id);

    const otherPerson = await insertPerson(ds, other);
    const before = await rowCounts(ds);
    const forOther = await personMutation(ownUser, 'addPerson', {
      partnerId: gid('Partner', other.id),
      firstName: 'X',
      lastName: 'Y',
      email: 'x@other.example',
    });
    expect(forOther.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN', field: ['input', 'partnerId'] })]);
    expect((await personMutation(ownUser, 'updatePerson', { id: gid('Person', otherPerson.id), firstName: 'Hijacked' })).userErrors[0].code).toBe('FORBIDDEN');
    expect((await personMutation(ownUser, 'endEmployment', { id: gid('Person', otherPerson.id) })).userErrors[0].code).toBe('FORBIDDEN');
    const duplicate = await personMutation(portal, 'addPerson', {
      partnerId: gid('Partner', own.id),
      firstName: 'Ida',
      lastName: 'Again',
      email: 'IDA@own.example',
    });
    expect(duplicate.userErrors[0].code).toBe('ALREADY_EXISTS');
    expect(
      (await personMutation(crm, 'addPerson', { partnerId: gid('Partner', own.id), firstName: 'C', lastName: 'R', email: 'c@r.example' })).userErrors[0].code,
    ).toBe('FORBIDDEN');
    expect((await personMutation(portal, 'addPerson', { firstName: 'No', lastName: 'Partner', email: 'n@p.example' })).userErrors[0]).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: ['input', 'partnerId'],
    });
    const stale = await personMutation(ownUser, 'updatePerson', { id: added.person!.id, jobTitle: 'CTO', expectedVersion: added.person!.version + 1 });
    expect(stale.userErrors[0].code).toBe('CONFLICT');
    expect((await personMutation(ownUser, 'updatePerson', { id: added.person!.id, lastName: null })).userErrors[0]).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: ['input', 'lastName'],
    });
    const selfCertified = await certificationMutation(ownUser, 'addCertification', {
      personId: added.person!.id,
      kind: 'SOLUTIONS_ARCHITECT',
      earnedAt: NOW.toISOString(),
    });
    expect(selfCertified.userErrors[0].code).toBe('FORBIDDEN');
    const futureCert = await certificationMutation(portal, 'addCertification', {
      personId: added.person!.id,
      kind: 'SOLUTIONS_ARCHITECT',
      earnedAt: addDays(NOW, 1).toISOString(),
    });
    expect(futureCert.userErrors[0]).toMatchObject({ code: 'VALIDATION_FAILED', field: ['input', 'earnedAt'] });
    expect(await rowCounts(ds)).toEqual(before);

    const updated = await personMutation(ownUser, 'updatePerson', {
      id: added.person!.id,
      jobTitle: null,
      firstName: 'Ida Maria',
      expectedVersion: added.person!.version,
    });
    expect(updated.person).toMatchObject({ firstName: 'Ida Maria', jobTitle: null, version: added.person!.version + 1 });
    const cert = { personId: added.person!.id, kind: 'SOLUTIONS_ARCHITECT', earnedAt: addDays(NOW, -5).toISOString(), idempotencyKey: 'cert-ida-sa' };
    const [first, second] = [await certificationMutation(portal, 'addCertification', cert), await certificationMutation(portal, 'addCertification', cert)];
    expect(second.certification?.id).toBe(first.certification!.id);
    const twice = await certificationMutation(portal, 'addCertification', { ...cert, idempotencyKey: undefined });
    expect(twice.userErrors[0].code).toBe('ALREADY_EXISTS');
    expect(await ds.getRepository(Person).countBy({ partnerId: own.id })).toBe(1);
  });
});
