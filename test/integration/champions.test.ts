import { Role } from '../../src/auth/role.enum';
import { ChampionNomination } from '../../src/champions/champion-nomination.entity';
import { FixedClock } from '../../src/config/clock';
import { StatusTransition } from '../../src/events/status-transition.entity';
import { Partner } from '../../src/partners/partner.entity';
import { Person } from '../../src/people/person.entity';
import { CertificationKind } from '../../src/people/person.enums';
import { distributorNamed, gid, insertPartner, insertPerson } from '../support/fixtures';
import { rowCounts } from '../support/row-counts';
import { TestServer, startTestServer } from '../support/test-server';

const NOW = new Date('2026-06-15T10:00:00Z');
const clock = new FixedClock(NOW);
let server: TestServer;
let portal: string;
let support: string;
let manager: string;
let crm: string;

interface UserErrorShape {
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
interface NominationShape {
  id: string;
  status: string;
  version: number;
  endorsedBy: string;
  endorsementNote: string | null;
  supportCaseReference: string | null;
  sponsorName: string | null;
  sponsorEmail: string | null;
  decidedAt: string | null;
  activatedAt: string | null;
  person: { id: string };
  onboardingTasks: Array<{ kind: string; completedAt: string | null }>;
  history: { nodes: HistoryNode[] };
}
interface NominationPayload {
  championNomination: NominationShape | null;
  userErrors: UserErrorShape[];
}
interface ActivityPayload {
  championActivity: { id: string; kind: string; title: string; occurredOn: string; url: string | null } | null;
  userErrors: UserErrorShape[];
}

const FIELDS = `championNomination { id status version endorsedBy endorsementNote supportCaseReference sponsorName sponsorEmail decidedAt activatedAt person { id }
  onboardingTasks { kind completedAt } history { nodes { fromStatus toStatus ruleIds reason actorRole } } }
  userErrors { field code message ruleIds ruleCode }`;
const MUTATIONS = {
  nominateChampion: 'NominateChampionInput',
  startChampionReview: 'StartChampionReviewInput',
  decideChampionNomination: 'DecideChampionNominationInput',
  assignChampionSponsor: 'AssignChampionSponsorInput',
  completeOnboardingTask: 'CompleteOnboardingTaskInput',
  retireChampion: 'RetireChampionInput',
} as const;
type NominationMutation = keyof typeof MUTATIONS;
const TASKS = ['GROUP_INVITATION', 'ONBOARDING_ISSUE', 'SPONSOR_TASKS', 'CHAMPION_TASKS'];

beforeAll(async () => {
  server = await startTestServer({ clock });
  portal = await server.key(Role.PORTAL_SYNC);
  support = await server.key(Role.PARTNER_SUPPORT);
  manager = await server.key(Role.CHAMPIONS_PROGRAM_MANAGER);
  crm = await server.key(Role.CRM_SYNC);
});
afterAll(() => server.stop());
afterEach(() => clock.set(NOW));

async function call(key: string, mutation: NominationMutation, input: Record<string, unknown>): Promise<NominationPayload> {
  const response = await server.gql<Record<string, NominationPayload>>(
    key,
    `mutation ($input: ${MUTATIONS[mutation]}!) { ${mutation}(input: $input) { ${FIELDS} } }`,
    { input },
  );
  expect(response.errors).toBeUndefined();
  return response.data![mutation];
}

async function recordActivity(key: string, input: Record<string, unknown>): Promise<ActivityPayload> {
  const response = await server.gql<{ recordChampionActivity: ActivityPayload }>(
    key,
    `mutation ($input: RecordChampionActivityInput!) { recordChampionActivity(input: $input) { championActivity { id kind title occurredOn url } userErrors { field code message ruleIds ruleCode } } }`,
    { input },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.recordChampionActivity;
}

interface Team {
  partner: Partner;
  nominee: Person;
  leader: Person;
}

/** A partner with a nominee (a certified solutions architect) and a leader who can endorse. */
async function team(): Promise<Team> {
  const ds = server.app.dataSource;
  const partner = await insertPartner(ds);
  const nominee = await insertPerson(ds, partner, [{ kind: CertificationKind.SOLUTIONS_ARCHITECT, earnedAt: new Date('2025-03-01T00:00:00Z') }], {
    firstName: 'Nora',
  });
  const leader = await insertPerson(ds, partner, [], { firstName: 'Lea', lastName: 'Leader', isLeadership: true });
  return { partner, nominee, leader };
}

function nominate(key: string, t: Team, extra: Record<string, unknown> = {}): Promise<NominationPayload> {
  return call(key, 'nominateChampion', {
    partnerId: gid('Partner', t.partner.id),
    personId: gid('Person', t.nominee.id),
    endorsedByPersonId: gid('Person', t.leader.id),
    ...extra,
  });
}

/** Walks a fresh nomination to `until` through the API, asserting each step succeeds. */
async function nominationAt(
  until: 'NOMINATED' | 'UNDER_REVIEW' | 'APPROVED' | 'ONBOARDING' | 'ACTIVE',
  t?: Team,
): Promise<{ team: Team; nomination: NominationShape }> {
  const members = t ?? (await team());
  const steps: Array<[NominationMutation, string, Record<string, unknown>]> = [
    ['startChampionReview', support, { supportCaseReference: 'PS-1001' }],
    ['decideChampionNomination', manager, { decision: 'APPROVE' }],
    ['assignChampionSponsor', manager, { sponsorName: 'Sam Sponsor', sponsorEmail: 'sam@gitlab.example' }],
    ...TASKS.map((task): [NominationMutation, string, Record<string, unknown>] => ['completeOnboardingTask', manager, { task }]),
  ];
  let result = await nominate(portal, members);
  expect(result.userErrors).toEqual([]);
  for (const [mutation, key, input] of steps) {
    if (result.championNomination!.status === until) break;
    result = await call(key, mutation, { id: result.championNomination!.id, ...input });
    expect(result.userErrors).toEqual([]);
  }
  expect(result.championNomination!.status).toBe(until);
  return { team: members, nomination: result.championNomination! };
}

describe('nomination (R-CHAMP-01)', () => {
  it('R-CHAMP-01: a partner user nominates its own employed person endorsed by a leader; the transition is recorded with rule IDs', async () => {
    const t = await team();
    const partnerUser = await server.key(Role.PARTNER_USER, { partnerId: t.partner.id });
    const result = await call(partnerUser, 'nominateChampion', {
      personId: gid('Person', t.nominee.id),
      endorsedByPersonId: gid('Person', t.leader.id),
      endorsementNote: 'Our best SA',
    });
    expect(result.userErrors).toEqual([]);
    expect(result.championNomination).toMatchObject({
      status: 'NOMINATED',
      endorsedBy: 'Lea Leader',
      endorsementNote: 'Our best SA',
      person: { id: gid('Person', t.nominee.id) },
    });
    expect(result.championNomination!.history.nodes).toEqual([
      expect.objectContaining({ fromStatus: null, toStatus: 'NOMINATED', actorRole: 'PARTNER_USER', ruleIds: ['R-CHAMP-01', 'R-CHAMP-02'] }),
    ]);
    expect(result.championNomination!.history.nodes[0].reason).toContain(`Endorsed by Lea Leader (${gid('Person', t.leader.id)})`);
    const rows = await server.app.dataSource.getRepository(StatusTransition).findBy({ entityType: 'ChampionNomination', partnerId: t.partner.id });
    expect(rows).toHaveLength(1);
  });

  it('R-CHAMP-01: a former employee, another partner’s person, a non-leader or self endorsement is refused and nothing is stored', async () => {
    const ds = server.app.dataSource;
    const t = await team();
    const other = await team();
    const former = await insertPerson(ds, t.partner, [], { employmentEndedAt: new Date('2026-01-01T00:00:00Z') });
    const staff = await insertPerson(ds, t.partner, [], { isLeadership: false });
    const exLeader = await insertPerson(ds, t.partner, [], { isLeadership: true, employmentEndedAt: new Date('2026-01-01T00:00:00Z') });
    const before = await rowCounts(ds);
    const codes = async (nominee: Person, endorser: Person) => {
      const result = await nominate(portal, { ...t, nominee, leader: endorser });
      expect(result.championNomination).toBeNull();
      expect(result.userErrors.every((e) => e.code === 'RULE_VIOLATION' && e.ruleIds.join() === 'R-CHAMP-01')).toBe(true);
      return result.userErrors.map((e) => `${e.field?.join('.')}:${e.ruleCode}`);
    };
    expect(await codes(former, t.leader)).toEqual(['input.personId:NOMINEE_NOT_EMPLOYED']);
    expect(await codes(other.nominee, t.leader)).toEqual(['input.personId:NOMINEE_NOT_OF_PARTNER']);
    expect(await codes(t.nominee, staff)).toEqual(['input.endorsedByPersonId:ENDORSER_NOT_LEADERSHIP']);
    expect(await codes(t.nominee, exLeader)).toEqual(['input.endorsedByPersonId:ENDORSER_NOT_LEADERSHIP']);
    expect(await codes(t.nominee, other.leader)).toEqual(['input.endorsedByPersonId:ENDORSER_NOT_LEADERSHIP']);
    expect(await codes(t.leader, t.leader)).toEqual(['input.endorsedByPersonId:SELF_ENDORSEMENT']);
    const unknown = await call(portal, 'nominateChampion', {
      partnerId: gid('Partner', t.partner.id),
      personId: gid('Person', t.nominee.id),
      endorsedByPersonId: gid('Person', '00000000-0000-4000-8000-000000000000'),
    });
    expect(unknown.userErrors[0]).toMatchObject({ code: 'NOT_FOUND', field: ['input', 'endorsedByPersonId'] });
    const tooLong = await nominate(portal, t, { endorsementNote: 'x'.repeat(2001) });
    expect(tooLong.userErrors[0]).toMatchObject({ code: 'VALIDATION_FAILED', field: ['input', 'endorsementNote'] });
    expect(await rowCounts(ds)).toEqual(before);
  });

  it('R-CHAMP-01: a partner user cannot nominate for another partner, and a wrong role is FORBIDDEN; nothing is stored', async () => {
    const [own, other] = [await team(), await team()];
    const partnerUser = await server.key(Role.PARTNER_USER, { partnerId: own.partner.id });
    const before = await rowCounts(server.app.dataSource);
    const forOther = await nominate(partnerUser, other);
    expect(forOther.userErrors[0]).toMatchObject({ code: 'FORBIDDEN', field: ['input', 'partnerId'] });
    for (const key of [crm, support, manager]) {
      expect((await nominate(key, own)).userErrors[0].code).toBe('FORBIDDEN');
    }
    const noPartner = await call(portal, 'nominateChampion', { personId: gid('Person', own.nominee.id), endorsedByPersonId: gid('Person', own.leader.id) });
    expect(noPartner.userErrors[0]).toMatchObject({ code: 'VALIDATION_FAILED', field: ['input', 'partnerId'] });
    expect(await rowCounts(server.app.dataSource)).toEqual(before);
  });

  it('R-CHAMP-01: retries with one idempotency key create one nomination and return it; another open nomination of the person is ALREADY_EXISTS', async () => {
    const t = await team();
    const results = await Promise.all(Array.from({ length: 5 }, () => nominate(portal, t, { idempotencyKey: 'portal-champion-42' })));
    expect(results.every((r) => r.userErrors.length === 0)).toBe(true);
    expect(new Set(results.map((r) => r.championNomination?.id)).size).toBe(1);
    const repo = server.app.dataSource.getRepository(ChampionNomination);
    expect(await repo.countBy({ personId: t.nominee.id })).toBe(1);
    const again = await nominate(portal, t, { idempotencyKey: 'portal-champion-43' });
    expect(again.userErrors[0]).toMatchObject({ code: 'ALREADY_EXISTS', field: ['input', 'personId'], ruleIds: ['R-CHAMP-02'] });
    const reused = await nominate(portal, t, { idempotencyKey: 'portal-champion-42', endorsementNote: 'different' });
    expect(reused.userErrors[0].code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await repo.countBy({ personId: t.nominee.id })).toBe(1);
  });
});

describe('dry run of a nomination', () => {
  const DRY = `mutation ($input: NominateChampionInput!) { nominateChampion(input: $input) {
    championNomination { id } userErrors { field code ruleIds ruleCode } dryRun { entityType outcome from ruleIds reasons unmet { code } } } }`;
  interface DryPayload {
    championNomination: { id: string } | null;
    userErrors: UserErrorShape[];
    dryRun: Array<{ entityType: string; outcome: string; from: string | null; ruleIds: string[]; reasons: string[]; unmet: unknown[] }> | null;
  }
  const dry = async (key: string, t: Team, extra: Record<string, unknown> = {}): Promise<DryPayload> => {
    const response = await server.gql<{ nominateChampion: DryPayload }>(key, DRY, {
      input: { partnerId: gid('Partner', t.partner.id), personId: gid('Person', t.nominee.id), endorsedByPersonId: gid('Person', t.leader.id), ...extra },
    });
    expect(response.errors).toBeUndefined();
    return response.data!.nominateChampion;
  };

  it('R-CHAMP-01, R-CHAMP-02: nominateChampion with dryRun returns the decision, stores nothing and is audited as a dry run; refusals are the same', async () => {
    const t = await team();
    const before = await rowCounts(server.app.dataSource);
    const preview = await dry(portal, t, { dryRun: true, idempotencyKey: 'dry-nomination-1' });
    expect(preview).toEqual({
      championNomination: null,
      userErrors: [],
      dryRun: [
        {
          entityType: 'ChampionNomination',
          outcome: 'NOMINATED',
          from: null,
          ruleIds: ['R-CHAMP-01', 'R-CHAMP-02'],
          reasons: ['Endorsed nomination of a person of the partner', `Endorsed by Lea Leader (${gid('Person', t.leader.id)})`],
          unmet: [],
        },
      ],
    });
    const selfEndorsed = await dry(portal, { ...t, leader: t.nominee }, { dryRun: true });
    expect(selfEndorsed).toMatchObject({ dryRun: null, userErrors: [{ code: 'RULE_VIOLATION', ruleIds: ['R-CHAMP-01'], ruleCode: 'SELF_ENDORSEMENT' }] });
    expect((await dry(manager, t, { dryRun: true })).userErrors[0].code).toBe('FORBIDDEN');
    expect(await rowCounts(server.app.dataSource)).toEqual(before);

    // Nothing was held back by the dry run: neither the person's open nomination nor the idempotency key.
    const real = await dry(portal, t, { idempotencyKey: 'dry-nomination-1' });
    expect(real).toMatchObject({ userErrors: [], dryRun: null, championNomination: { id: expect.any(String) } });
    const alreadyOpen = await dry(portal, t, { dryRun: true });
    expect(alreadyOpen.userErrors[0]).toMatchObject({ code: 'ALREADY_EXISTS', ruleIds: ['R-CHAMP-02'] });

    const admin = await server.key(Role.ADMIN);
    const audit = await server.gql<{ auditEntries: { nodes: Array<{ outcome: string }> } }>(
      admin,
      `{ auditEntries(first: 5, filter: { operations: ["nominateChampion"] }) { nodes { outcome } } }`,
    );
    expect(audit.data!.auditEntries.nodes.map((n) => n.outcome)).toEqual(['REFUSED', 'OK', 'REFUSED', 'REFUSED', 'DRY_RUN']);
  });
});

describe('workflow (R-CHAMP-02)', () => {
  it('R-CHAMP-02: NOMINATED → UNDER_REVIEW → APPROVED → ONBOARDING → ACTIVE (after the last task) → ALUMNI, each change recorded', async () => {
    const { team: t, nomination } = await nominationAt('NOMINATED');
    const review = await call(support, 'startChampionReview', { id: nomination.id, supportCaseReference: ' PS-4711 ', expectedVersion: nomination.version });
    expect(review.championNomination).toMatchObject({ status: 'UNDER_REVIEW', supportCaseReference: 'PS-4711' });
    const approved = await call(manager, 'decideChampionNomination', { id: nomination.id, decision: 'APPROVE', reason: 'Strong CI/CD track record' });
    expect(approved.championNomination).toMatchObject({ status: 'APPROVED', decidedAt: NOW.toISOString(), onboardingTasks: [] });
    const onboarding = await call(manager, 'assignChampionSponsor', { id: nomination.id, sponsorName: 'Sam Sponsor', sponsorEmail: 'Sam@GitLab.example' });
    expect(onboarding.championNomination).toMatchObject({ status: 'ONBOARDING', sponsorName: 'Sam Sponsor', sponsorEmail: 'sam@gitlab.example' });
    expect(onboarding.championNomination!.onboardingTasks).toEqual(TASKS.map((kind) => ({ kind, completedAt: null })));

    for (const task of TASKS.slice(0, 3)) {
      const step = await call(manager, 'completeOnboardingTask', { id: nomination.id, task });
      expect(step.championNomination?.status).toBe('ONBOARDING');
    }
    const active = await call(manager, 'completeOnboardingTask', { id: nomination.id, task: 'CHAMPION_TASKS' });
    expect(onboarding.championNomination!.activatedAt).toBeNull();
    expect(active.championNomination).toMatchObject({ status: 'ACTIVE', activatedAt: NOW.toISOString() });
    expect(active.championNomination!.onboardingTasks.every((task) => task.completedAt === NOW.toISOString())).toBe(true);
    const alumni = await call(manager, 'retireChampion', { id: nomination.id, reason: 'Moved to a sales role' });
    expect(alumni.championNomination?.status).toBe('ALUMNI');

    const history = alumni.championNomination!.history.nodes;
    expect(history.map((h) => [h.fromStatus, h.toStatus, h.actorRole])).toEqual([
      [null, 'NOMINATED', 'PORTAL_SYNC'],
      ['NOMINATED', 'UNDER_REVIEW', 'PARTNER_SUPPORT'],
      ['UNDER_REVIEW', 'APPROVED', 'CHAMPIONS_PROGRAM_MANAGER'],
      ['APPROVED', 'ONBOARDING', 'CHAMPIONS_PROGRAM_MANAGER'],
      ['ONBOARDING', 'ACTIVE', 'CHAMPIONS_PROGRAM_MANAGER'],
      ['ACTIVE', 'ALUMNI', 'CHAMPIONS_PROGRAM_MANAGER'],
    ]);
    expect(history.slice(1).every((h) => h.ruleIds.join() === 'R-CHAMP-02')).toBe(true);
    expect(history[1].reason).toContain('PS-4711');
    expect(history[2].reason).toContain('Strong CI/CD track record');
    expect(history[4].reason).toContain('Every onboarding task is done');
    const rows = await server.app.dataSource.getRepository(StatusTransition).findBy({ entityType: 'ChampionNomination', partnerId: t.partner.id });
    expect(rows).toHaveLength(6);

    // An alumnus may be nominated again (the open-nomination index excludes ALUMNI).
    expect((await nominate(portal, t)).championNomination?.status).toBe('NOMINATED');
  });

  it('R-CHAMP-02: only the Champions Program Manager decides and only Partner Support opens the review; other roles are FORBIDDEN and change nothing', async () => {
    const { team: t, nomination } = await nominationAt('NOMINATED');
    const partnerUser = await server.key(Role.PARTNER_USER, { partnerId: t.partner.id });
    const before = await rowCounts(server.app.dataSource);
    expect((await call(manager, 'startChampionReview', { id: nomination.id, supportCaseReference: 'PS-1' })).userErrors[0].code).toBe('FORBIDDEN');
    expect((await call(partnerUser, 'startChampionReview', { id: nomination.id, supportCaseReference: 'PS-1' })).userErrors[0].code).toBe('FORBIDDEN');
    for (const key of [support, partnerUser, portal, crm]) {
      expect((await call(key, 'decideChampionNomination', { id: nomination.id, decision: 'APPROVE' })).userErrors[0].code).toBe('FORBIDDEN');
      expect((await call(key, 'assignChampionSponsor', { id: nomination.id, sponsorName: 'S', sponsorEmail: 's@gitlab.example' })).userErrors[0].code).toBe(
        'FORBIDDEN',
      );
      expect((await call(key, 'retireChampion', { id: nomination.id })).userErrors[0].code).toBe('FORBIDDEN');
    }
    const skipReview = await call(manager, 'decideChampionNomination', { id: nomination.id, decision: 'APPROVE' });
    expect(skipReview.userErrors[0]).toMatchObject({ code: 'INVALID_TRANSITION', ruleIds: ['R-CHAMP-02'], ruleCode: 'TRANSITION_NOT_ALLOWED' });
    const blank = await call(support, 'startChampionReview', { id: nomination.id, supportCaseReference: '   ' });
    expect(blank.userErrors[0]).toMatchObject({ code: 'VALIDATION_FAILED', field: ['input', 'supportCaseReference'] });
    expect(await rowCounts(server.app.dataSource)).toEqual(before);
  });

  it('R-CHAMP-02: a declined nomination records the decision and its reason, cannot be onboarded, and the person may be nominated again', async () => {
    const { team: t, nomination } = await nominationAt('UNDER_REVIEW');
    const declined = await call(manager, 'decideChampionNomination', { id: nomination.id, decision: 'DECLINE', reason: 'Not enough GitLab experience yet' });
    expect(declined.championNomination).toMatchObject({ status: 'DECLINED', decidedAt: NOW.toISOString() });
    expect(declined.championNomination!.history.nodes.at(-1)).toMatchObject({ fromStatus: 'UNDER_REVIEW', toStatus: 'DECLINED', ruleIds: ['R-CHAMP-02'] });
    expect(declined.championNomination!.history.nodes.at(-1)!.reason).toContain('Not enough GitLab experience yet');
    const before = await rowCounts(server.app.dataSource);
    const onboard = await call(manager, 'assignChampionSponsor', { id: nomination.id, sponsorName: 'S', sponsorEmail: 's@gitlab.example' });
    expect(onboard.userErrors[0]).toMatchObject({ code: 'INVALID_TRANSITION', ruleIds: ['R-CHAMP-02'] });
    expect(await rowCounts(server.app.dataSource)).toEqual(before);
    expect((await nominate(portal, t)).championNomination?.status).toBe('NOMINATED');
  });

  it('R-CHAMP-02: a stale expectedVersion is a CONFLICT and changes nothing', async () => {
    const { nomination } = await nominationAt('UNDER_REVIEW');
    const before = await rowCounts(server.app.dataSource);
    const stale = await call(manager, 'decideChampionNomination', { id: nomination.id, decision: 'APPROVE', expectedVersion: nomination.version - 1 });
    expect(stale.userErrors[0]).toMatchObject({ code: 'CONFLICT', field: ['input', 'expectedVersion'] });
    expect(await rowCounts(server.app.dataSource)).toEqual(before);
    const current = await call(manager, 'decideChampionNomination', { id: nomination.id, decision: 'APPROVE', expectedVersion: nomination.version });
    expect(current.championNomination?.status).toBe('APPROVED');
  });

  it('R-CHAMP-02: onboarding tasks are done only while ONBOARDING and only once; an onboarding champion cannot be retired', async () => {
    const { nomination: approved } = await nominationAt('APPROVED');
    expect((await call(manager, 'completeOnboardingTask', { id: approved.id, task: 'GROUP_INVITATION' })).userErrors[0]).toMatchObject({
      code: 'INVALID_TRANSITION',
      ruleIds: ['R-CHAMP-02'],
    });
    const onboarding = await call(manager, 'assignChampionSponsor', { id: approved.id, sponsorName: 'Sam', sponsorEmail: 'sam@gitlab.example' });
    expect(onboarding.championNomination?.status).toBe('ONBOARDING');
    await call(manager, 'completeOnboardingTask', { id: approved.id, task: 'GROUP_INVITATION' });
    const before = await rowCounts(server.app.dataSource);
    const twice = await call(manager, 'completeOnboardingTask', { id: approved.id, task: 'GROUP_INVITATION' });
    expect(twice.userErrors[0]).toMatchObject({ code: 'INVALID_TRANSITION', field: ['input', 'task'] });
    expect((await call(support, 'completeOnboardingTask', { id: approved.id, task: 'ONBOARDING_ISSUE' })).userErrors[0].code).toBe('FORBIDDEN');
    expect((await call(manager, 'retireChampion', { id: approved.id })).userErrors[0]).toMatchObject({
      code: 'INVALID_TRANSITION',
      ruleCode: 'TRANSITION_NOT_ALLOWED',
    });
    expect((await call(manager, 'assignChampionSponsor', { id: approved.id, sponsorName: 'Other', sponsorEmail: 'o@gitlab.example' })).userErrors[0].code).toBe(
      'INVALID_TRANSITION',
    );
    expect(await rowCounts(server.app.dataSource)).toEqual(before);
  });

  it('R-CHAMP-02: the last two tasks completed at the same moment make the champion ACTIVE exactly once', async () => {
    const { team: t, nomination } = await nominationAt('ONBOARDING');
    await call(manager, 'completeOnboardingTask', { id: nomination.id, task: 'GROUP_INVITATION' });
    await call(manager, 'completeOnboardingTask', { id: nomination.id, task: 'ONBOARDING_ISSUE' });
    const results = await Promise.all(['SPONSOR_TASKS', 'CHAMPION_TASKS'].map((task) => call(manager, 'completeOnboardingTask', { id: nomination.id, task })));
    expect(results.every((r) => r.userErrors.length === 0)).toBe(true);
    const rows = await server.app.dataSource
      .getRepository(StatusTransition)
      .findBy({ entityType: 'ChampionNomination', partnerId: t.partner.id, toStatus: 'ACTIVE' });
    expect(rows).toHaveLength(1);
  });
});

describe('outputs (R-CHAMP-03)', () => {
  it('R-CHAMP-03: outputs are recorded for an ACTIVE champion by its own partner, not ahead of their day; a retry with the key returns the first', async () => {
    const { team: t, nomination } = await nominationAt('ACTIVE');
    const { team: other, nomination: onboarding } = await nominationAt('ONBOARDING');
    const partnerUser = await server.key(Role.PARTNER_USER, { partnerId: t.partner.id });
    const esm = await server.key(Role.ESM);
    const session = { nominationId: nomination.id, kind: 'ENABLEMENT_SESSION', title: 'GitLab CI for the delivery team', occurredOn: '2026-06-15' };
    const before = await rowCounts(server.app.dataSource);
    const future = await recordActivity(partnerUser, { ...session, occurredOn: '2026-06-16' });
    expect(future.userErrors).toEqual([
      expect.objectContaining({ code: 'RULE_VIOLATION', ruleIds: ['R-CHAMP-03'], ruleCode: 'ACTIVITY_IN_FUTURE', field: ['input', 'occurredOn'] }),
    ]);
    const notActive = await recordActivity(portal, { ...session, nominationId: onboarding.id });
    expect(notActive.userErrors[0]).toMatchObject({ code: 'INVALID_TRANSITION', ruleIds: ['R-CHAMP-03'], ruleCode: 'CHAMPION_NOT_ACTIVE' });
    const otherPartnerUser = await server.key(Role.PARTNER_USER, { partnerId: other.partner.id });
    expect((await recordActivity(otherPartnerUser, session)).userErrors[0]).toMatchObject({ code: 'FORBIDDEN', field: ['input', 'nominationId'] });
    expect((await recordActivity(esm, session)).userErrors[0].code).toBe('FORBIDDEN');
    expect(await rowCounts(server.app.dataSource)).toEqual(before);

    const first = await recordActivity(partnerUser, { ...session, idempotencyKey: 'session-2026-06-15' });
    expect(first.championActivity).toMatchObject({ kind: 'ENABLEMENT_SESSION', occurredOn: '2026-06-15', url: null });
    const retry = await recordActivity(partnerUser, { ...session, idempotencyKey: 'session-2026-06-15' });
    expect(retry.championActivity?.id).toBe(first.championActivity?.id);
    const blog = await recordActivity(manager, {
      nominationId: nomination.id,
      kind: 'BLOG',
      title: 'Merge trains',
      occurredOn: '2026-02-01',
      url: 'https://blog.example/merge-trains',
    });
    expect(blog.championActivity?.url).toBe('https://blog.example/merge-trains');
    const count = await server.gql<{ node: { activities: unknown[] } }>(
      manager,
      'query ($id: ID!) { node(id: $id) { ... on ChampionNomination { activities { id } } } }',
      { id: nomination.id },
    );
    expect(count.data?.node.activities).toHaveLength(2);
  });

  const STANDING = `query ($id: ID!, $year: Int!) { championStanding(nominationId: $id, year: $year) {
    year meetsExpectations ruleIds reasons nomination { id } expectations { code period required actual status } } }`;
  interface Standing {
    year: number;
    meetsExpectations: boolean;
    ruleIds: string[];
    reasons: string[];
    nomination: { id: string };
    expectations: Array<{ code: string; period: string; required: number; actual: number; status: string }>;
  }
  const rowsOf = (s: Standing) => s.expectations.map((e) => `${e.code} ${e.period} ${e.actual}/${e.required} ${e.status}`);

  it('R-CHAMP-03: championStanding returns each quarter’s sessions, the year’s publications and the certification as met, unmet or in progress', async () => {
    // Active since before the years asked about: every period counts in full.
    clock.set(new Date('2024-11-20T09:00:00Z'));
    const { team: t, nomination } = await nominationAt('ACTIVE');
    clock.set(NOW);
    const record = (kind: string, occurredOn: string) =>
      recordActivity(portal, { nominationId: nomination.id, kind, title: `${kind} ${occurredOn}`, occurredOn });
    for (const [kind, on] of [
      ['ENABLEMENT_SESSION', '2025-02-10'],
      ['ENABLEMENT_SESSION', '2025-05-10'],
      ['ENABLEMENT_SESSION', '2025-12-31'],
      ['VIDEO', '2025-07-01'],
      ['ENABLEMENT_SESSION', '2026-03-31'],
      ['BLOG', '2026-01-15'],
      ['WHITEPAPER', '2026-04-01'],
    ]) {
      expect((await record(kind, on)).userErrors).toEqual([]);
    }
    const partnerUser = await server.key(Role.PARTNER_USER, { partnerId: t.partner.id });
    const past = await server.gql<{ championStanding: Standing }>(partnerUser, STANDING, { id: nomination.id, year: 2025 });
    expect(past.errors).toBeUndefined();
    expect(rowsOf(past.data!.championStanding)).toEqual([
      'ENABLEMENT_SESSION 2025-Q1 1/1 MET',
      'ENABLEMENT_SESSION 2025-Q2 1/1 MET',
      'ENABLEMENT_SESSION 2025-Q3 0/1 UNMET',
      'ENABLEMENT_SESSION 2025-Q4 1/1 MET',
      'PUBLICATIONS 2025 1/2 UNMET',
      'PROFESSIONAL_CERTIFICATION 2025 1/1 MET',
    ]);
    expect(past.data!.championStanding).toMatchObject({ year: 2025, meetsExpectations: false, nomination: { id: nomination.id } });
    expect(past.data!.championStanding.ruleIds).toContain('R-CHAMP-03');
    expect(past.data!.championStanding.reasons).toEqual(['No enablement session in 2025-Q3', 'Fewer than 2 publications (blog, video, whitepaper) in 2025']);

    const current = await server.gql<{ championStanding: Standing }>(manager, STANDING, { id: nomination.id, year: 2026 });
    expect(rowsOf(current.data!.championStanding)).toEqual([
      'ENABLEMENT_SESSION 2026-Q1 1/1 MET',
      'ENABLEMENT_SESSION 2026-Q2 0/1 IN_PROGRESS',
      'ENABLEMENT_SESSION 2026-Q3 0/1 IN_PROGRESS',
      'ENABLEMENT_SESSION 2026-Q4 0/1 IN_PROGRESS',
      'PUBLICATIONS 2026 2/2 MET',
      'PROFESSIONAL_CERTIFICATION 2026 1/1 MET',
    ]);
    expect(current.data!.championStanding.meetsExpectations).toBe(true);

    // The certification counts only while current: it lapses when the champion leaves the partner (R-PTR-05).
    await server.app.dataSource.getRepository(Person).update({ id: t.nominee.id }, { employmentEndedAt: new Date('2026-06-01T00:00:00Z') });
    const lapsed = await server.gql<{ championStanding: Standing }>(manager, STANDING, { id: nomination.id, year: 2026 });
    expect(rowsOf(lapsed.data!.championStanding).at(-1)).toBe('PROFESSIONAL_CERTIFICATION 2026 0/1 UNMET');
    expect(lapsed.data!.championStanding.meetsExpectations).toBe(false);
  });

  it('R-CHAMP-03: a champion activated mid-year is judged from its activation: earlier quarters are not required and the publications are prorated', async () => {
    clock.set(new Date('2026-05-20T12:00:00Z'));
    const { nomination } = await nominationAt('ACTIVE');
    clock.set(new Date('2027-01-10T09:00:00Z'));
    for (const [kind, on] of [
      ['ENABLEMENT_SESSION', '2026-05-05'],
      ['ENABLEMENT_SESSION', '2026-08-01'],
      ['BLOG', '2026-09-01'],
    ]) {
      expect((await recordActivity(portal, { nominationId: nomination.id, kind, title: `${kind} ${on}`, occurredOn: on })).userErrors).toEqual([]);
    }
    const STANDING_FROM = `query ($id: ID!, $year: Int!) { championStanding(nominationId: $id, year: $year) {
      activatedAt meetsExpectations reasons unmet { ruleId code required actual } expectations { code period required actual status } } }`;
    const of = async (year: number) =>
      (
        await server.gql<{
          championStanding: Standing & { activatedAt: string; unmet: Array<{ ruleId: string; code: string; required: number; actual: number }> };
        }>(manager, STANDING_FROM, { id: nomination.id, year })
      ).data!.championStanding;

    const year = await of(2026);
    expect(year.activatedAt).toBe('2026-05-20T12:00:00.000Z');
    expect(rowsOf(year)).toEqual([
      'ENABLEMENT_SESSION 2026-Q1 0/0 NOT_REQUIRED',
      // The activation quarter is required; the session held during onboarding counts for it.
      'ENABLEMENT_SESSION 2026-Q2 1/1 MET',
      'ENABLEMENT_SESSION 2026-Q3 1/1 MET',
      'ENABLEMENT_SESSION 2026-Q4 0/1 UNMET',
      // Two whole quarters active (Q3, Q4): one publication, not two.
      'PUBLICATIONS 2026 1/1 MET',
      'PROFESSIONAL_CERTIFICATION 2026 1/1 MET',
    ]);
    expect(year.meetsExpectations).toBe(false);
    expect(year.unmet).toEqual([{ ruleId: 'R-CHAMP-03', code: 'ENABLEMENT_SESSION_MISSING', required: 1, actual: 0 }]);

    const before = await of(2025);
    expect(before.expectations.every((e) => e.status === 'NOT_REQUIRED')).toBe(true);
    expect(before).toMatchObject({ meetsExpectations: true, unmet: [] });
    expect((await of(2027)).expectations.find((e) => e.code === 'PUBLICATIONS')).toMatchObject({ required: 2, status: 'IN_PROGRESS' });

    // Not active yet: nothing is expected.
    const onboarding = (await nominationAt('ONBOARDING')).nomination;
    const notYet = await server.gql<{ championStanding: Standing & { activatedAt: string | null } }>(manager, STANDING_FROM, { id: onboarding.id, year: 2026 });
    expect(notYet.data!.championStanding).toMatchObject({ activatedAt: null, meetsExpectations: true });
    expect(notYet.data!.championStanding.expectations.every((e) => e.status === 'NOT_REQUIRED')).toBe(true);
  });

  it('R-CHAMP-03: a champion without a professional certification is unmet; the standing is hidden from other partners and distributors', async () => {
    const ds = server.app.dataSource;
    const partner = await insertPartner(ds);
    const salesOnly = await insertPerson(ds, partner, [{ kind: CertificationKind.SALES_ACCREDITED, earnedAt: new Date('2025-01-01T00:00:00Z') }]);
    const leader = await insertPerson(ds, partner, [], { isLeadership: true });
    const { nomination } = await nominationAt('ACTIVE', { partner, nominee: salesOnly, leader });
    const standing = await server.gql<{ championStanding: Standing }>(manager, STANDING, { id: nomination.id, year: 2026 });
    expect(rowsOf(standing.data!.championStanding).at(-1)).toBe('PROFESSIONAL_CERTIFICATION 2026 0/1 UNMET');

    const stranger = await server.key(Role.PARTNER_USER, { partnerId: (await insertPartner(ds)).id });
    const hidden = await server.gql(stranger, STANDING, { id: nomination.id, year: 2026 });
    expect(hidden.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const distributor = await server.key(Role.DISTRIBUTOR, { distributorId: (await distributorNamed(ds, 'Amazic')).id });
    expect((await server.gql(distributor, STANDING, { id: nomination.id, year: 2026 })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await server.gql(manager, STANDING, { id: nomination.id, year: 1999 })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await server.gql(manager, STANDING, { id: 'garbage', year: 2026 })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
