import { Role } from '../../src/auth/role.enum';
import { FixedClock } from '../../src/config/clock';
import { Customer } from '../../src/crm/customer.entity';
import { DealRegistration } from '../../src/deals/deal-registration.entity';
import { Opportunity } from '../../src/crm/opportunity.entity';
import { OpportunityKind, OpportunityStage } from '../../src/crm/opportunity.enums';
import { Partner } from '../../src/partners/partner.entity';
import { AllianceType, PartnerCategory, PartnerLifecycleStatus, Territory } from '../../src/partners/partner.enums';
import { CertificationKind } from '../../src/people/person.enums';
import { addDays } from '../../src/rules/decision';
import { gid, insertPartner, insertPerson } from '../support/fixtures';
import { rowCounts } from '../support/row-counts';
import { TestServer, startTestServer } from '../support/test-server';

const NOW = new Date('2026-09-01T10:00:00Z');
const clock = new FixedClock(NOW);
let server: TestServer;
let portal: string;
let esm: string;
let asm: string;
let customer: Customer;
let opportunitySeq = 0;

interface Decision {
  outcome: string;
  from: string | null;
  ruleIds: string[];
  reasons: string[];
  unmet: Array<{ code: string; ruleId: string; message: string; required: number | null; actual: number | null }>;
  decidedAt: string;
  actor: { role: string; keyId: string | null; decidedBy: { id: string; role: string } | null };
}

interface Payload {
  dealRegistration: {
    id: string;
    status: string;
    route: string;
    version: number;
    history: {
      nodes: Array<{ fromStatus: string | null; toStatus: string; ruleIds: string[]; reason: string; actorRole: string; decidedById: string | null }>;
    };
  } | null;
  dryRun: boolean;
  decision: Decision | null;
  userErrors: Array<{ field: string[] | null; code: string; message: string; ruleIds: string[]; ruleCode: string | null }>;
}

const DECISION_FIELDS = `decision { outcome from ruleIds reasons unmet { code ruleId message required actual } decidedAt actor { role keyId decidedBy { id role } } }`;
const FIELDS = `dealRegistration { id status route version history { nodes { fromStatus toStatus ruleIds reason actorRole decidedById } } } dryRun ${DECISION_FIELDS} userErrors { field code message ruleIds ruleCode }`;
const SUBMIT = `mutation ($input: SubmitDealRegistrationInput!) { submitDealRegistration(input: $input) { ${FIELDS} } }`;
const DECIDE = `mutation ($input: DecideDealRegistrationInput!) { decideDealRegistration(input: $input) { ${FIELDS} } }`;
const WITHDRAW = `mutation ($input: WithdrawDealRegistrationInput!) { withdrawDealRegistration(input: $input) { ${FIELDS} } }`;

beforeAll(async () => {
  server = await startTestServer({ clock });
  portal = await server.key(Role.PORTAL_SYNC);
  esm = await server.key(Role.ESM);
  asm = await server.key(Role.ASM);
  customer = await server.app.dataSource.getRepository(Customer).save({ name: 'Globex', crmAccountId: 'ACC-DEALS', country: 'DE', territory: Territory.EMEA });
});
afterAll(() => server.stop());

async function eligiblePartner(overrides: Partial<Partner> = {}): Promise<Partner> {
  const partner = await insertPartner(server.app.dataSource, overrides);
  await insertPerson(server.app.dataSource, partner, [{ kind: CertificationKind.FOUNDATIONS }]);
  return partner;
}

async function opportunity(stage: OpportunityStage, kind = OpportunityKind.NEW_CUSTOMER, lastSalesActivityAt: Date | null = null): Promise<Opportunity> {
  opportunitySeq += 1;
  return server.app.dataSource.getRepository(Opportunity).save({
    externalId: `006-${opportunitySeq}`,
    customerId: customer.id,
    name: `Opportunity ${opportunitySeq}`,
    stage,
    kind,
    lastSalesActivityAt,
    closedAt: stage === OpportunityStage.CLOSED_WON || stage === OpportunityStage.CLOSED_LOST ? NOW : null,
  });
}

async function submit(key: string, partner: Partner, opp: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<Payload> {
  const response = await server.gql<{ submitDealRegistration: Payload }>(key, SUBMIT, {
    input: { partnerId: gid('Partner', partner.id), programType: 'RESALE', opportunity: opp, ...extra },
  });
  expect(response.errors).toBeUndefined();
  return response.data!.submitDealRegistration;
}

async function decide(key: string, id: string, step: 'ESM' | 'ASM', decision: 'APPROVE' | 'REJECT', extra: Record<string, unknown> = {}): Promise<Payload> {
  const response = await server.gql<{ decideDealRegistration: Payload }>(key, DECIDE, { input: { id, step, decision, ...extra } });
  expect(response.errors).toBeUndefined();
  return response.data!.decideDealRegistration;
}

describe('deal registration submission', () => {
  it('R-DEAL-01: a partner without Foundations training, or not ACTIVE, cannot register, and nothing is stored', async () => {
    const untrained = await insertPartner(server.app.dataSource);
    const suspended = await eligiblePartner({ status: PartnerLifecycleStatus.SUSPENDED });
    const alliance = await eligiblePartner({ category: PartnerCategory.ALLIANCE, track: null, allianceType: AllianceType.TECHNOLOGY_ISV });
    const opp = await opportunity(OpportunityStage.STAGE_1);
    const before = await rowCounts(server.app.dataSource);
    const refused = await submit(portal, untrained, { externalId: opp.externalId });
    expect(refused.dealRegistration).toBeNull();
    expect(refused.userErrors).toEqual([
      expect.objectContaining({ code: 'RULE_VIOLATION', ruleIds: ['R-DEAL-01'], ruleCode: 'FOUNDATIONS_TRAINING_MISSING', field: ['input', 'partnerId'] }),
    ]);
    const inactive = await submit(portal, suspended, { externalId: opp.externalId });
    expect(inactive.userErrors.map((e) => e.ruleCode)).toEqual(['PARTNER_NOT_ACTIVE']);
    expect((await submit(portal, alliance, { externalId: opp.externalId })).userErrors.map((e) => e.ruleCode)).toEqual(['NOT_CHANNEL_PARTNER']);
    expect(await rowCounts(server.app.dataSource)).toEqual(before);
  });

  it('R-DEAL-02: a plain renewal cannot be registered', async () => {
    const partner = await eligiblePartner();
    const opp = await opportunity(OpportunityStage.STAGE_1, OpportunityKind.RENEWAL);
    const result = await submit(portal, partner, { externalId: opp.externalId });
    expect(result.userErrors).toEqual([expect.objectContaining({ code: 'RULE_VIOLATION', ruleIds: ['R-DEAL-02'], ruleCode: 'OPPORTUNITY_KIND_NOT_ELIGIBLE' })]);
  });

  it('R-DEAL-05: with no CRM opportunity the registration is approved and an opportunity and customer are created', async () => {
    const partner = await eligiblePartner();
    const result = await submit(portal, partner, { name: 'Brand new deal', kind: 'NEW_CUSTOMER', customerCrmAccountId: 'ACC-NEW-1', customerName: 'Initech' });
    expect(result.userErrors).toEqual([]);
    expect(result.dealRegistration).toMatchObject({ status: 'APPROVED', route: 'NO_OPPORTUNITY' });
    expect(result.dealRegistration!.history.nodes).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'APPROVED', actorRole: 'PORTAL_SYNC' })]);
    expect(result.dealRegistration!.history.nodes[0].ruleIds).toEqual(expect.arrayContaining(['R-DEAL-05', 'R-DEAL-09']));
    expect(await server.app.dataSource.getRepository(Customer).countBy({ crmAccountId: 'ACC-NEW-1' })).toBe(1);
  });

  it('R-DEAL-05: stage 2 goes to the ESM, stage 3 with activity 180 days ago is denied, 181 days ago approved, closed is denied', async () => {
    const partner = await eligiblePartner();
    const early = await submit(portal, partner, { externalId: (await opportunity(OpportunityStage.STAGE_2)).externalId });
    expect(early.dealRegistration).toMatchObject({ status: 'PENDING_ESM', route: 'EARLY_STAGE' });
    const active = await submit(portal, partner, {
      externalId: (await opportunity(OpportunityStage.STAGE_3, OpportunityKind.ADD_ON, addDays(NOW, -180))).externalId,
    });
    expect(active.dealRegistration).toMatchObject({ status: 'DENIED', route: 'LATE_STAGE' });
    const stale = await submit(portal, partner, {
      externalId: (await opportunity(OpportunityStage.STAGE_3, OpportunityKind.ADD_ON, addDays(NOW, -181))).externalId,
    });
    expect(stale.dealRegistration).toMatchObject({ status: 'APPROVED', route: 'LATE_STAGE' });
    const renewal = await submit(portal, partner, {
      externalId: (await opportunity(OpportunityStage.STAGE_5, OpportunityKind.RENEWAL_WITH_SOURCED_GROWTH, addDays(NOW, -1))).externalId,
    });
    expect(renewal.dealRegistration).toMatchObject({ status: 'PENDING_ESM', route: 'RENEWAL_WITH_SOURCED_GROWTH' });
    const closed = await submit(portal, partner, { externalId: (await opportunity(OpportunityStage.CLOSED_LOST)).externalId });
    expect(closed.dealRegistration).toMatchObject({ status: 'DENIED', route: 'CLOSED' });
  });
});

describe('sales decisions', () => {
  it('R-DEAL-06, R-DEAL-09: only the ESM decides at the ESM step and only the ASM at the ASM step; each transition is in the history with actor, rules and reason', async () => {
    const partner = await eligiblePartner();
    const { dealRegistration } = await submit(portal, partner, { externalId: (await opportunity(OpportunityStage.STAGE_1)).externalId });
    const id = dealRegistration!.id;
    const wrongRole = await decide(asm, id, 'ESM', 'APPROVE');
    expect(wrongRole.userErrors[0]).toMatchObject({ code: 'FORBIDDEN', ruleIds: ['R-DEAL-06'] });
    const wrongStep = await decide(esm, id, 'ASM', 'APPROVE');
    expect(wrongStep.userErrors[0]).toMatchObject({ code: 'INVALID_TRANSITION' });
    const esmApproved = await decide(esm, id, 'ESM', 'APPROVE');
    expect(esmApproved.dealRegistration?.status).toBe('PENDING_ASM');
    const asmApproved = await decide(asm, id, 'ASM', 'APPROVE', { reason: 'Partner engaged early' });
    expect(asmApproved.dealRegistration?.status).toBe('APPROVED');
    // R-DEAL-09: the whole history, oldest first, each with actor, rules and reason.
    expect(asmApproved.dealRegistration!.history.nodes.map((h) => [h.fromStatus, h.toStatus, h.actorRole])).toEqual([
      [null, 'PENDING_ESM', 'PORTAL_SYNC'],
      ['PENDING_ESM', 'PENDING_ASM', 'ESM'],
      ['PENDING_ASM', 'APPROVED', 'ASM'],
    ]);
    expect(asmApproved.dealRegistration!.history.nodes[2].reason).toContain('Partner engaged early');
  });

  it('R-DEAL-06: an ESM rejection denies; a stale expectedVersion is a CONFLICT and changes nothing', async () => {
    const partner = await eligiblePartner();
    const { dealRegistration } = await submit(portal, partner, { externalId: (await opportunity(OpportunityStage.STAGE_0)).externalId });
    const stale = await decide(esm, dealRegistration!.id, 'ESM', 'REJECT', { expectedVersion: dealRegistration!.version + 1 });
    expect(stale.userErrors[0]).toMatchObject({ code: 'CONFLICT', field: ['input', 'expectedVersion'] });
    const rejected = await decide(esm, dealRegistration!.id, 'ESM', 'REJECT', { expectedVersion: dealRegistration!.version });
    expect(rejected.dealRegistration?.status).toBe('DENIED');
  });

  it('R-DEAL-04: approving one registration denies the other pending ones for the opportunity, citing R-DEAL-04', async () => {
    const [first, second] = [await eligiblePartner(), await eligiblePartner()];
    const opp = await opportunity(OpportunityStage.STAGE_1);
    const a = (await submit(portal, first, { externalId: opp.externalId })).dealRegistration!;
    const b = (await submit(portal, second, { externalId: opp.externalId })).dealRegistration!;
    // Received at the same instant, so one of them is ahead by id: a reason covers approving either first (R-DEAL-03).
    await decide(esm, b.id, 'ESM', 'APPROVE', { reason: 'Relationship with the customer' });
    const approved = await decide(asm, b.id, 'ASM', 'APPROVE', { reason: 'Relationship with the customer' });
    expect(approved.dealRegistration?.status).toBe('APPROVED');
    const loser = await server.gql<{ node: { status: string; history: { nodes: Array<{ ruleIds: string[] }> } } }>(
      esm,
      'query ($id: ID!) { node(id: $id) { ... on DealRegistration { status history { nodes { ruleIds } } } } }',
      { id: a.id },
    );
    expect(loser.data?.node.status).toBe('DENIED');
    expect(loser.data?.node.history.nodes.at(-1)?.ruleIds).toContain('R-DEAL-04');
    // The loser's partner is told another registration was approved, not which.
    const loserKey = await server.key(Role.PARTNER_USER, { partnerId: first.id });
    const told = await server.gql(
      loserKey,
      `query ($id: ID!) { node(id: $id) { ... on DealRegistration { ${DECISION_FIELDS} history { nodes { reason } } } } }`,
      {
        id: a.id,
      },
    );
    expect(JSON.stringify(told.data)).toContain('ANOTHER_REGISTRATION_APPROVED');
    for (const secret of [b.id, databaseId(b.id), second.id]) expect(JSON.stringify(told.data)).not.toContain(secret);
  });

  it('R-DEAL-03: among competing registrations each gets a server-side receivedAt and the earlier is decided first', async () => {
    const [first, second] = [await eligiblePartner(), await eligiblePartner()];
    const opp = await opportunity(OpportunityStage.STAGE_4, OpportunityKind.NEW_CUSTOMER, addDays(NOW, -200));
    clock.set(addDays(NOW, 0));
    const a = await submit(portal, first, { externalId: opp.externalId });
    clock.set(new Date(NOW.getTime() + 1000));
    const b = await submit(portal, second, { externalId: opp.externalId });
    clock.set(NOW);
    expect(a.dealRegistration?.status).toBe('APPROVED');
    expect(b.dealRegistration?.status).toBe('DENIED');
    expect(b.dealRegistration!.history.nodes[0].ruleIds).toContain('R-DEAL-04');
    const rows = await server.app.dataSource.getRepository(DealRegistration).find({ where: { opportunityId: opp.id }, order: { receivedAt: 'ASC' } });
    expect(rows.map((r) => r.partnerId)).toEqual([first.id, second.id]);
  });

  it('a partner user withdraws its own pending registration but cannot touch another partner’s', async () => {
    const [own, other] = [await eligiblePartner(), await eligiblePartner()];
    const ownKey = await server.key(Role.PARTNER_USER, { partnerId: own.id });
    const mine = (await submit(ownKey, own, { externalId: (await opportunity(OpportunityStage.STAGE_1)).externalId })).dealRegistration!;
    const theirs = (await submit(portal, other, { externalId: (await opportunity(OpportunityStage.STAGE_1)).externalId })).dealRegistration!;
    const forbidden = await server.gql<{ withdrawDealRegistration: Payload }>(ownKey, WITHDRAW, { input: { id: theirs.id } });
    expect(forbidden.data?.withdrawDealRegistration.userErrors[0].code).toBe('FORBIDDEN');
    const onBehalf = await submit(ownKey, other, { externalId: (await opportunity(OpportunityStage.STAGE_1)).externalId });
    expect(onBehalf.userErrors[0].code).toBe('FORBIDDEN');
    const withdrawn = await server.gql<{ withdrawDealRegistration: Payload }>(ownKey, WITHDRAW, { input: { id: mine.id } });
    expect(withdrawn.data?.withdrawDealRegistration.dealRegistration?.status).toBe('WITHDRAWN');
    const again = await server.gql<{ withdrawDealRegistration: Payload }>(ownKey, WITHDRAW, { input: { id: mine.id } });
    expect(again.data?.withdrawDealRegistration.userErrors[0].code).toBe('INVALID_TRANSITION');
  });
});

describe('safe under concurrency and retries', () => {
  it('R-DEAL-04: 20 simultaneous registrations from different partners for one opportunity approve exactly one', async () => {
    const partners = await Promise.all(Array.from({ length: 20 }, () => eligiblePartner()));
    const opp = await opportunity(OpportunityStage.STAGE_3, OpportunityKind.NEW_CUSTOMER, addDays(NOW, -365));
    const results = await Promise.all(partners.map((partner) => submit(portal, partner, { externalId: opp.externalId })));
    expect(results.every((r) => r.userErrors.length === 0)).toBe(true);
    expect(results.filter((r) => r.dealRegistration?.status === 'APPROVED')).toHaveLength(1);
    expect(results.filter((r) => r.dealRegistration?.status === 'DENIED')).toHaveLength(19);
    const approvedInDb = await server.app.dataSource.getRepository(DealRegistration).countBy({ opportunityId: opp.id, status: 'APPROVED' as never });
    expect(approvedInDb).toBe(1);
  });

  it('R-DEAL-05, R-DEAL-04: two partners registering the same opportunity unknown to the CRM at the same moment create it once; the first is approved, the second finds it held and is denied', async () => {
    const [first, second] = [await eligiblePartner(), await eligiblePartner()];
    const opp = { externalId: '006-RACE-NEW', name: 'Race', kind: 'NEW_CUSTOMER', customerCrmAccountId: 'ACC-RACE', customerName: 'Race Corp' };
    const results = await Promise.all([submit(portal, first, opp), submit(portal, second, opp)]);
    expect(results.map((r) => r.userErrors)).toEqual([[], []]);
    expect(results.map((r) => r.dealRegistration?.status).sort()).toEqual(['APPROVED', 'DENIED']);
    expect(await server.app.dataSource.getRepository(Opportunity).countBy({ externalId: '006-RACE-NEW' })).toBe(1);
  });

  it('20 retries of one submission with the same idempotency key create one registration and return it each time', async () => {
    const partner = await eligiblePartner();
    const opp = await opportunity(OpportunityStage.STAGE_1);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => submit(portal, partner, { externalId: opp.externalId }, { idempotencyKey: 'portal-deal-4711' })),
    );
    const ids = new Set(results.map((r) => r.dealRegistration?.id));
    expect(ids.size).toBe(1);
    expect(await server.app.dataSource.getRepository(DealRegistration).countBy({ opportunityId: opp.id })).toBe(1);
    const reused = await submit(portal, partner, { externalId: opp.externalId }, { idempotencyKey: 'portal-deal-4711', notes: 'different' });
    expect(reused.userErrors[0].code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});

describe('bad input', () => {
  it('missing, malformed, unknown and oversized input gets a clear error, never a 500, and changes nothing', async () => {
    const partner = await eligiblePartner();
    const before = await rowCounts(server.app.dataSource);
    const missing = await server.gql(portal, SUBMIT, { input: { partnerId: gid('Partner', partner.id), opportunity: {} } });
    // A GraphQL request error (variables do not fit the schema): 400 per GraphQL-over-HTTP, not a 500.
    expect(missing.status).toBe(400);
    expect(missing.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badEnum = await server.gql(portal, SUBMIT, { input: { partnerId: gid('Partner', partner.id), programType: 'WHOLESALE', opportunity: {} } });
    expect(badEnum.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const unknownPartner = await submit(portal, partner, { externalId: 'x' }, { partnerId: gid('Partner', '00000000-0000-4000-8000-000000000000') });
    expect(unknownPartner.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'partnerId'] });
    const malformedId = await submit(portal, partner, { externalId: 'x' }, { partnerId: 'garbage' });
    expect(malformedId.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'partnerId'] });
    const oversized = await submit(portal, partner, { externalId: 'x'.repeat(101) }, { notes: 'n'.repeat(2001) });
    expect(oversized.userErrors.map((e) => e.field?.join('.')).sort()).toEqual(['input.notes', 'input.opportunity.externalId']);
    expect(oversized.userErrors.every((e) => e.code === 'VALIDATION_FAILED')).toBe(true);
    const needsDetails = await submit(portal, partner, { kind: 'NEW_CUSTOMER' });
    expect(needsDetails.userErrors.map((e) => e.field?.at(-1))).toEqual(['name', 'customerName']);
    const noKind = await submit(portal, partner, { name: 'n', customerName: 'c' });
    expect(noKind.userErrors.map((e) => e.field?.at(-1))).toEqual(['kind']);
    const badDomain = await submit(portal, partner, { name: 'n', kind: 'NEW_CUSTOMER', customerName: 'c', customerEmailDomain: 'not a domain' });
    expect(badDomain.userErrors[0]).toMatchObject({ code: 'VALIDATION_FAILED', field: ['input', 'opportunity', 'customerEmailDomain'] });
    const pubsecAbroad = await submit(portal, partner, {
      name: 'n',
      kind: 'NEW_CUSTOMER',
      customerName: 'c',
      customerCountry: 'DE',
      customerTerritory: 'US_PUBSEC',
    });
    expect(pubsecAbroad.userErrors[0]).toMatchObject({ code: 'VALIDATION_FAILED', field: ['input', 'opportunity', 'customerTerritory'] });
    const unknownRegistration = await decide(esm, gid('DealRegistration', '00000000-0000-4000-8000-000000000000'), 'ESM', 'APPROVE');
    expect(unknownRegistration.userErrors[0].code).toBe('NOT_FOUND');
    const wrongType = await decide(esm, gid('Partner', partner.id), 'ESM', 'APPROVE');
    expect(wrongType.userErrors[0].code).toBe('NOT_FOUND');
    expect(await rowCounts(server.app.dataSource)).toEqual(before);
  });

  it('a role that may not submit gets FORBIDDEN and changes nothing', async () => {
    const partner = await eligiblePartner();
    const crm = await server.key(Role.CRM_SYNC);
    const opp = await opportunity(OpportunityStage.STAGE_1);
    const before = await rowCounts(server.app.dataSource);
    const result = await submit(crm, partner, { externalId: opp.externalId });
    expect(result.userErrors[0].code).toBe('FORBIDDEN');
    expect(await rowCounts(server.app.dataSource)).toEqual(before);
  });
});

describe('the decision on the record', () => {
  const DECISION = `query ($id: ID!) { node(id: $id) { ... on DealRegistration { status decision { outcome from ruleIds reasons decidedAt actor { role keyId } } } } }`;

  it('R-DEAL-09: a registration exposes its latest decision, with the staff key only to programme-wide roles', async () => {
    const partner = await eligiblePartner();
    const opp = await opportunity(OpportunityStage.STAGE_1);
    const submitted = await submit(portal, partner, { externalId: opp.externalId });
    const id = submitted.dealRegistration!.id;
    await decide(esm, id, 'ESM', 'APPROVE');
    const ops = await server.key(Role.ECOSYSTEM_OPS);
    const asOps = await server.gql<{ node: { decision: { outcome: string; from: string; ruleIds: string[]; actor: { role: string; keyId: string | null } } } }>(
      ops,
      DECISION,
      { id },
    );
    expect(asOps.data?.node.decision).toMatchObject({ outcome: 'PENDING_ASM', from: 'PENDING_ESM', actor: { role: 'ESM' } });
    expect(asOps.data?.node.decision.ruleIds).toContain('R-DEAL-06');
    expect(asOps.data?.node.decision.actor.keyId).toEqual(expect.any(String));
    const own = await server.key(Role.PARTNER_USER, { partnerId: partner.id });
    const asPartner = await server.gql<{ node: { decision: { outcome: string; actor: { keyId: string | null } } } }>(own, DECISION, { id });
    expect(asPartner.data?.node.decision).toMatchObject({ outcome: 'PENDING_ASM', actor: { keyId: null } });
  });
});

const databaseId = (globalId: string): string => Buffer.from(globalId, 'base64url').toString().split(':')[1];

async function approvedAt(opp: Opportunity, partner: Partner, at: Date): Promise<DealRegistration> {
  return server.app.dataSource.getRepository(DealRegistration).save({
    partnerId: partner.id,
    opportunityId: opp.id,
    programType: 'RESALE' as never,
    status: 'APPROVED' as never,
    route: 'LATE_STAGE' as never,
    receivedAt: at,
    approvedAt: at,
    expiresAt: addDays(at, 90),
  });
}

describe('revision 2026-12-01: exclusivity at the edges (R-DEAL-04)', () => {
  it('R-DEAL-04: a registration arriving while another holds the opportunity is denied at once, told that it is held but never by whom', async () => {
    const [holder, late] = [await eligiblePartner({ name: 'Holder Partner GmbH' }), await eligiblePartner()];
    const opp = await opportunity(OpportunityStage.STAGE_1);
    const held = (await submit(portal, holder, { externalId: opp.externalId })).dealRegistration!;
    await decide(esm, held.id, 'ESM', 'APPROVE');
    expect((await decide(asm, held.id, 'ASM', 'APPROVE')).dealRegistration?.status).toBe('APPROVED');
    const lateKey = await server.key(Role.PARTNER_USER, { partnerId: late.id });
    const denied = await submit(lateKey, late, { externalId: opp.externalId });
    // Stage 1 would go to the ESM: it is denied instead, at once.
    expect(denied.dealRegistration).toMatchObject({ status: 'DENIED', route: 'EARLY_STAGE' });
    expect(denied.decision).toMatchObject({ outcome: 'DENIED', unmet: [{ code: 'OPPORTUNITY_HELD', ruleId: 'R-DEAL-04' }] });
    expect(denied.decision!.ruleIds).toEqual(expect.arrayContaining(['R-DEAL-04', 'R-DEAL-09']));
    const told = JSON.stringify(denied);
    for (const secret of [held.id, databaseId(held.id), holder.id, gid('Partner', holder.id), holder.name]) expect(told).not.toContain(secret);
    expect(await server.app.dataSource.getRepository(DealRegistration).countBy({ opportunityId: opp.id, status: 'APPROVED' as never })).toBe(1);
  });

  it('R-DEAL-04, R-DEAL-08: an approval past its 90 days (no sweep run) does not block a new one; it is expired in the same transaction, citing R-DEAL-08, as SYSTEM', async () => {
    const [old, fresh] = [await eligiblePartner(), await eligiblePartner()];
    const opp = await opportunity(OpportunityStage.STAGE_3, OpportunityKind.ADD_ON, addDays(NOW, -400));
    const lapsed = await approvedAt(opp, old, addDays(NOW, -90));
    const result = await submit(portal, fresh, { externalId: opp.externalId });
    expect(result.userErrors).toEqual([]);
    expect(result.dealRegistration?.status).toBe('APPROVED');
    expect(result.decision!.ruleIds).toEqual(expect.arrayContaining(['R-DEAL-04', 'R-DEAL-05', 'R-DEAL-08']));
    const expired = await server.gql<{ node: { status: string; decision: Decision } }>(
      esm,
      `query ($id: ID!) { node(id: $id) { ... on DealRegistration { status ${DECISION_FIELDS} } } }`,
      { id: gid('DealRegistration', lapsed.id) },
    );
    expect(expired.data?.node).toMatchObject({ status: 'EXPIRED', decision: { from: 'APPROVED', outcome: 'EXPIRED', actor: { role: 'SYSTEM', keyId: null } } });
    expect(expired.data?.node.decision.ruleIds).toEqual(expect.arrayContaining(['R-DEAL-08', 'R-DEAL-09']));
    // One millisecond short of 90 days it still holds.
    const opp2 = await opportunity(OpportunityStage.STAGE_3, OpportunityKind.ADD_ON, addDays(NOW, -400));
    await approvedAt(opp2, old, new Date(addDays(NOW, -90).getTime() + 1));
    expect((await submit(portal, fresh, { externalId: opp2.externalId })).decision).toMatchObject({ outcome: 'DENIED', unmet: [{ code: 'OPPORTUNITY_HELD' }] });
  });

  it('R-DEAL-04: an ASM approval while a lapsed approval is still APPROVED approves (no CONFLICT) and expires the lapsed one', async () => {
    const [old, next] = [await eligiblePartner(), await eligiblePartner()];
    const opp = await opportunity(OpportunityStage.STAGE_1);
    const pending = (await submit(portal, next, { externalId: opp.externalId })).dealRegistration!;
    const lapsed = await approvedAt(opp, old, addDays(NOW, -120));
    await decide(esm, pending.id, 'ESM', 'APPROVE');
    const approved = await decide(asm, pending.id, 'ASM', 'APPROVE');
    expect(approved.userErrors).toEqual([]);
    expect(approved.dealRegistration?.status).toBe('APPROVED');
    expect((await server.app.dataSource.getRepository(DealRegistration).findOneByOrFail({ id: lapsed.id })).status).toBe('EXPIRED');
  });
});

describe('revision 2026-12-01: the R-DEAL-05 boundary', () => {
  it('R-DEAL-05: stage 3 with the last sales activity 180 days and 1 hour ago is approved; exactly 180 × 24 h ago is denied with the numbers', async () => {
    const partner = await eligiblePartner();
    const hour = 60 * 60 * 1000;
    const stale = await submit(portal, partner, {
      externalId: (await opportunity(OpportunityStage.STAGE_3, OpportunityKind.ADD_ON, new Date(addDays(NOW, -180).getTime() - hour))).externalId,
    });
    expect(stale.dealRegistration).toMatchObject({ status: 'APPROVED', route: 'LATE_STAGE' });
    const active = await submit(portal, partner, {
      externalId: (await opportunity(OpportunityStage.STAGE_3, OpportunityKind.ADD_ON, addDays(NOW, -180))).externalId,
    });
    expect(active.decision).toMatchObject({
      outcome: 'DENIED',
      unmet: [{ code: 'RECENT_SALES_ACTIVITY', ruleId: 'R-DEAL-05', required: 180, actual: 180 }],
    });
  });
});

describe('revision 2026-12-01: order of receipt and deciders (R-DEAL-03, R-DEAL-06)', () => {
  it('R-DEAL-03: approving a later registration while an earlier one waits needs a recorded reason, at either step, and the decision cites R-DEAL-03', async () => {
    const [first, second] = [await eligiblePartner(), await eligiblePartner()];
    const opp = await opportunity(OpportunityStage.STAGE_1);
    const earlier = (await submit(portal, first, { externalId: opp.externalId })).dealRegistration!;
    clock.set(new Date(NOW.getTime() + 1));
    const later = (await submit(portal, second, { externalId: opp.externalId })).dealRegistration!;
    clock.set(NOW);
    const before = await rowCounts(server.app.dataSource);
    const noReason = await decide(esm, later.id, 'ESM', 'APPROVE');
    expect(noReason.dealRegistration).toBeNull();
    expect(noReason.userErrors).toEqual([
      expect.objectContaining({ code: 'RULE_VIOLATION', field: ['input', 'reason'], ruleIds: ['R-DEAL-03'], ruleCode: 'EARLIER_REGISTRATION_PENDING' }),
    ]);
    expect(noReason.userErrors[0].message).not.toContain(databaseId(earlier.id));
    expect(await rowCounts(server.app.dataSource)).toEqual(before);
    const withReason = await decide(esm, later.id, 'ESM', 'APPROVE', { reason: 'Partner provides in-region support' });
    expect(withReason.dealRegistration?.status).toBe('PENDING_ASM');
    expect(withReason.decision!.ruleIds).toEqual(expect.arrayContaining(['R-DEAL-03', 'R-DEAL-06']));
    expect(withReason.decision!.reasons.join(' ')).toContain('Partner provides in-region support');
    // The earlier one still waits: the ASM needs a reason too.
    expect((await decide(asm, later.id, 'ASM', 'APPROVE')).userErrors[0]).toMatchObject({ ruleCode: 'EARLIER_REGISTRATION_PENDING' });
    const approved = await decide(asm, later.id, 'ASM', 'APPROVE', { reason: 'Long relationship with the customer' });
    expect(approved.dealRegistration?.status).toBe('APPROVED');
    // Rejecting needs no reason, and approving the earlier one first needs none either.
    const third = await eligiblePartner();
    const opp2 = await opportunity(OpportunityStage.STAGE_1);
    const a = (await submit(portal, first, { externalId: opp2.externalId })).dealRegistration!;
    clock.set(new Date(NOW.getTime() + 1));
    const b = (await submit(portal, third, { externalId: opp2.externalId })).dealRegistration!;
    clock.set(NOW);
    expect((await decide(esm, b.id, 'ESM', 'REJECT')).dealRegistration?.status).toBe('DENIED');
    expect((await decide(esm, a.id, 'ESM', 'APPROVE')).decision!.ruleIds).not.toContain('R-DEAL-03');
  });

  it('R-DEAL-06: one CRM_SYNC key relays both steps only naming two different CRM users; each decision records who decided', async () => {
    const crm = await server.key(Role.CRM_SYNC);
    const partner = await eligiblePartner();
    const { dealRegistration } = await submit(portal, partner, { externalId: (await opportunity(OpportunityStage.STAGE_2)).externalId });
    const id = dealRegistration!.id;
    const anonymous = await decide(crm, id, 'ESM', 'APPROVE');
    expect(anonymous.userErrors[0]).toMatchObject({ code: 'RULE_VIOLATION', ruleIds: ['R-DEAL-06'], ruleCode: 'DECIDER_REQUIRED' });
    const wrongRole = await decide(crm, id, 'ESM', 'APPROVE', { decidedBy: { crmUserId: '005-ESM-1', role: 'ASM' } });
    expect(wrongRole.userErrors[0]).toMatchObject({ ruleCode: 'DECIDER_ROLE_MISMATCH' });
    const esmStep = await decide(crm, id, 'ESM', 'APPROVE', { decidedBy: { crmUserId: '005-ESM-1', role: 'ESM' } });
    expect(esmStep.dealRegistration?.status).toBe('PENDING_ASM');
    expect(esmStep.decision!.actor).toMatchObject({ role: 'CRM_SYNC', decidedBy: { id: '005-ESM-1', role: 'ESM' } });
    const samePerson = await decide(crm, id, 'ASM', 'APPROVE', { decidedBy: { crmUserId: '005-ESM-1', role: 'ASM' } });
    expect(samePerson.userErrors[0]).toMatchObject({ code: 'RULE_VIOLATION', ruleIds: ['R-DEAL-06'], ruleCode: 'SAME_DECIDER' });
    expect((await decide(crm, id, 'ASM', 'APPROVE')).userErrors[0].ruleCode).toBe('DECIDER_REQUIRED');
    const asmStep = await decide(crm, id, 'ASM', 'APPROVE', { decidedBy: { crmUserId: '005-ASM-7', role: 'ASM' } });
    expect(asmStep.dealRegistration?.status).toBe('APPROVED');
    expect(asmStep.decision!.actor.decidedBy).toEqual({ id: '005-ASM-7', role: 'ASM' });
    expect(asmStep.dealRegistration!.history.nodes.map((h) => h.decidedById)).toEqual([null, '005-ESM-1', '005-ASM-7']);
    // An ESM key decides in its own name and cannot claim to relay someone else.
    const other = (await submit(portal, partner, { externalId: (await opportunity(OpportunityStage.STAGE_2)).externalId })).dealRegistration!;
    expect((await decide(esm, other.id, 'ESM', 'APPROVE', { decidedBy: { crmUserId: 'x', role: 'ESM' } })).userErrors[0].ruleCode).toBe('DECIDER_NOT_RELAYED');
  });

  it('R-DEAL-06: one ADMIN key cannot decide both steps in its own name', async () => {
    const admin = await server.key(Role.ADMIN);
    const partner = await eligiblePartner();
    const { dealRegistration } = await submit(portal, partner, { externalId: (await opportunity(OpportunityStage.STAGE_0)).externalId });
    expect((await decide(admin, dealRegistration!.id, 'ESM', 'APPROVE')).dealRegistration?.status).toBe('PENDING_ASM');
    expect((await decide(admin, dealRegistration!.id, 'ASM', 'APPROVE')).userErrors[0]).toMatchObject({ ruleCode: 'SAME_DECIDER' });
    expect((await decide(asm, dealRegistration!.id, 'ASM', 'APPROVE')).dealRegistration?.status).toBe('APPROVED');
  });
});

describe('dry runs', () => {
  const AUDIT = `query ($filter: AuditEntryFilter) { auditEntries(first: 5, filter: $filter) { nodes { operation outcome } } }`;

  it('submitDealRegistration with dryRun returns the decision it would record and writes nothing (audited as DRY_RUN)', async () => {
    const [holder, newcomer] = [await eligiblePartner(), await eligiblePartner()];
    const opp = await opportunity(OpportunityStage.STAGE_4, OpportunityKind.ADD_ON, addDays(NOW, -300));
    const pending = await server.app.dataSource.getRepository(DealRegistration).save({
      partnerId: holder.id,
      opportunityId: opp.id,
      programType: 'RESALE' as never,
      status: 'PENDING_ESM' as never,
      route: 'LATE_STAGE' as never,
      receivedAt: addDays(NOW, -1),
    });
    const dryKey = await server.key(Role.PORTAL_SYNC);
    const before = await rowCounts(server.app.dataSource);
    const dry = await submit(dryKey, newcomer, { externalId: opp.externalId }, { dryRun: true, idempotencyKey: 'dry-1' });
    expect(dry).toMatchObject({
      dealRegistration: null,
      dryRun: true,
      userErrors: [],
      decision: { outcome: 'APPROVED', from: null, actor: { role: 'PORTAL_SYNC' } },
    });
    expect(dry.decision!.ruleIds).toEqual(expect.arrayContaining(['R-DEAL-05', 'R-DEAL-09']));
    expect(await rowCounts(server.app.dataSource)).toEqual(before);
    expect((await server.app.dataSource.getRepository(DealRegistration).findOneByOrFail({ id: pending.id })).status).toBe('PENDING_ESM');
    // A new opportunity and customer it would create are not created either.
    const dryNew = await submit(dryKey, newcomer, { name: 'Dry', kind: 'NEW_CUSTOMER', customerName: 'Dry Run Industries' }, { dryRun: true });
    expect(dryNew.decision).toMatchObject({ outcome: 'APPROVED' });
    expect(await rowCounts(server.app.dataSource)).toEqual(before);
    // The same checks: a refusal is a refusal.
    const refused = await submit(
      dryKey,
      newcomer,
      { externalId: (await opportunity(OpportunityStage.STAGE_1, OpportunityKind.RENEWAL)).externalId },
      { dryRun: true },
    );
    expect(refused).toMatchObject({ dryRun: false, decision: null, userErrors: [{ ruleCode: 'OPPORTUNITY_KIND_NOT_ELIGIBLE' }] });
    const admin = await server.key(Role.ADMIN);
    const audit = await server.gql<{ auditEntries: { nodes: Array<{ operation: string; outcome: string }> } }>(admin, AUDIT, {
      filter: { operations: ['submitDealRegistration'], apiKeyIds: [await keyIdOf(dryKey)] },
    });
    expect(audit.data?.auditEntries.nodes.map((n) => n.outcome)).toEqual(['REFUSED', 'DRY_RUN', 'DRY_RUN']);
    // The real run then decides the same.
    const real = await submit(dryKey, newcomer, { externalId: opp.externalId }, { idempotencyKey: 'dry-1' });
    expect(real).toMatchObject({ dryRun: false, dealRegistration: { status: 'APPROVED' }, decision: { outcome: 'APPROVED' } });
    expect(real.decision!.ruleIds).toEqual(dry.decision!.ruleIds);
  });

  it('decideDealRegistration with dryRun returns the decision and leaves the registration as it was', async () => {
    const partner = await eligiblePartner();
    const { dealRegistration } = await submit(portal, partner, { externalId: (await opportunity(OpportunityStage.STAGE_1)).externalId });
    const before = await rowCounts(server.app.dataSource);
    const dry = await decide(esm, dealRegistration!.id, 'ESM', 'REJECT', { dryRun: true, reason: 'No engagement' });
    expect(dry).toMatchObject({
      dryRun: true,
      dealRegistration: null,
      decision: { outcome: 'DENIED', from: 'PENDING_ESM', unmet: [{ code: 'REJECTED_BY_ESM' }] },
    });
    expect(await rowCounts(server.app.dataSource)).toEqual(before);
    const now = await server.gql<{ node: { status: string; version: number } }>(
      esm,
      'query ($id: ID!) { node(id: $id) { ... on DealRegistration { status version } } }',
      {
        id: dealRegistration!.id,
      },
    );
    expect(now.data?.node).toEqual({ status: 'PENDING_ESM', version: dealRegistration!.version });
  });
});

async function keyIdOf(key: string): Promise<string> {
  const response = await server.gql<{ viewer: { keyId: string } }>(key, '{ viewer { keyId } }');
  return gid('ApiKey', response.data!.viewer.keyId);
}
