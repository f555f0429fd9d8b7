import { Role } from '../../src/auth/role.enum';
import { CertificationKind } from '../../src/people/person.enums';
import { CertificationFact } from '../../src/partners/partner.rules';
import { ChampionActivityKind, ChampionNominationStatus, OnboardingTaskKind } from '../../src/champions/champion.enums';
import { championActivityRecording, championNomination, championStanding, championTransition } from '../../src/champions/champion.rules';

const { NOMINATED, UNDER_REVIEW, APPROVED, DECLINED, ONBOARDING, ACTIVE, ALUMNI } = ChampionNominationStatus;
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const now = d('2026-06-01');

describe('nomination', () => {
  const nominee = { personId: 'ann', partnerId: 'acme', employed: true };
  const leader = { personId: 'boss', partnerId: 'acme', employed: true, isLeadership: true };
  const nominate = (overrides: Partial<Parameters<typeof championNomination.decide>[0]> = {}) =>
    championNomination.decide({ partnerId: 'acme', nominee, endorser: leader, ...overrides }, now);

  it('R-CHAMP-01: an employed person of the partner endorsed by a current leader of the partner may be nominated', () => {
    expect(nominate()).toMatchObject({ outcome: 'ALLOWED', ruleIds: ['R-CHAMP-01'], unmet: [] });
  });

  it("R-CHAMP-01: another partner's person, a former employee or a missing endorsement is refused", () => {
    expect(nominate({ nominee: { ...nominee, partnerId: 'beta' } }).unmet.map((u) => u.code)).toEqual(['NOMINEE_NOT_OF_PARTNER']);
    expect(nominate({ nominee: { ...nominee, employed: false }, endorser: null }).unmet.map((u) => u.code)).toEqual([
      'NOMINEE_NOT_EMPLOYED',
      'LEADERSHIP_ENDORSEMENT_MISSING',
    ]);
  });

  it('R-CHAMP-01: the endorser must be a current leader of the same partner, and not the nominee', () => {
    const codes = (endorser: typeof leader) => nominate({ endorser }).unmet.map((u) => u.code);
    expect(codes({ ...leader, isLeadership: false })).toEqual(['ENDORSER_NOT_LEADERSHIP']);
    expect(codes({ ...leader, partnerId: 'beta' })).toEqual(['ENDORSER_NOT_LEADERSHIP']);
    expect(codes({ ...leader, employed: false })).toEqual(['ENDORSER_NOT_LEADERSHIP']);
    expect(codes({ ...leader, personId: 'ann' })).toEqual(['SELF_ENDORSEMENT']);
  });
});

describe('workflow', () => {
  const allTasks = Object.values(OnboardingTaskKind);
  const move = (
    from: ChampionNominationStatus,
    to: ChampionNominationStatus,
    actorRole: Role | 'SYSTEM',
    extra: { sponsorId?: string | null; completedTasks?: OnboardingTaskKind[] } = {},
  ) => championTransition.decide({ from, to, actorRole, sponsorId: extra.sponsorId ?? null, completedTasks: extra.completedTasks ?? [] }, now);

  it('R-CHAMP-02: only the Champions Program Manager (or an admin) approves or declines', () => {
    expect(move(NOMINATED, UNDER_REVIEW, Role.PARTNER_SUPPORT).outcome).toBe('ALLOWED');
    expect(move(UNDER_REVIEW, APPROVED, Role.CHAMPIONS_PROGRAM_MANAGER).outcome).toBe('ALLOWED');
    expect(move(UNDER_REVIEW, DECLINED, Role.ADMIN).outcome).toBe('ALLOWED');
    expect(move(UNDER_REVIEW, APPROVED, Role.PARTNER_SUPPORT).unmet.map((u) => u.code)).toEqual(['ACTOR_NOT_ALLOWED']);
    expect(move(NOMINATED, APPROVED, Role.CHAMPIONS_PROGRAM_MANAGER).unmet.map((u) => u.code)).toEqual(['TRANSITION_NOT_ALLOWED']);
    expect(move(DECLINED, ONBOARDING, Role.CHAMPIONS_PROGRAM_MANAGER, { sponsorId: 'sa-1' }).outcome).toBe('REFUSED');
  });

  it('R-CHAMP-02: onboarding needs a sponsor; ACTIVE needs every onboarding task done; ACTIVE → ALUMNI', () => {
    expect(move(APPROVED, ONBOARDING, Role.CHAMPIONS_PROGRAM_MANAGER).unmet.map((u) => u.code)).toEqual(['SPONSOR_MISSING']);
    expect(move(APPROVED, ONBOARDING, Role.CHAMPIONS_PROGRAM_MANAGER, { sponsorId: 'sa-1' }).outcome).toBe('ALLOWED');
    const partial = move(ONBOARDING, ACTIVE, 'SYSTEM', { completedTasks: [OnboardingTaskKind.GROUP_INVITATION, OnboardingTaskKind.ONBOARDING_ISSUE] });
    expect(partial).toMatchObject({ outcome: 'REFUSED', reasons: ['Onboarding task SPONSOR_TASKS is not done', 'Onboarding task CHAMPION_TASKS is not done'] });
    expect(move(ONBOARDING, ACTIVE, 'SYSTEM', { completedTasks: allTasks }).outcome).toBe('ALLOWED');
    expect(move(ACTIVE, ALUMNI, Role.CHAMPIONS_PROGRAM_MANAGER).outcome).toBe('ALLOWED');
    expect(move(ALUMNI, ACTIVE, Role.ADMIN).outcome).toBe('REFUSED');
  });
});

describe('standing', () => {
  const cert: CertificationFact = {
    personId: 'c1',
    kind: CertificationKind.SOLUTIONS_ARCHITECT,
    earnedAt: d('2024-01-01'),
    expiresAt: null,
    holderEmployed: true,
  };
  const session = (iso: string) => ({ kind: ChampionActivityKind.ENABLEMENT_SESSION, at: d(iso) });

  it('R-CHAMP-03: a full year with a session each quarter, two publications and a current certification meets expectations', () => {
    const activities = [
      session('2025-02-01'),
      session('2025-05-01'),
      session('2025-08-01'),
      session('2025-12-31'),
      { kind: ChampionActivityKind.BLOG, at: d('2025-03-01') },
      { kind: ChampionActivityKind.WHITEPAPER, at: d('2025-10-01') },
    ];
    const standing = championStanding.decide({ year: 2025, activities, certifications: [cert] }, now);
    expect(standing).toMatchObject({ outcome: 'MEETS_EXPECTATIONS', unmet: [] });
    expect(standing.expectations.map((e) => e.status)).toEqual(['MET', 'MET', 'MET', 'MET', 'MET', 'MET']);
  });

  it('R-CHAMP-03: each unmet expectation is returned: a quarter without a session, one publication, no current certification', () => {
    const activities = [
      session('2025-02-01'),
      session('2025-04-01'),
      session('2025-12-01'),
      { kind: ChampionActivityKind.VIDEO, at: d('2025-06-01') },
      { kind: ChampionActivityKind.BLOG, at: d('2026-01-01') },
    ];
    const expired = { ...cert, expiresAt: d('2025-12-01') };
    const standing = championStanding.decide({ year: 2025, activities, certifications: [expired] }, now);
    expect(standing.outcome).toBe('BELOW_EXPECTATIONS');
    expect(standing.unmet.map((u) => [u.code, u.message])).toEqual([
      ['ENABLEMENT_SESSION_MISSING', 'No enablement session in 2025-Q3'],
      ['PUBLICATIONS_MISSING', 'Fewer than 2 publications (blog, video, whitepaper) in 2025'],
      ['PROFESSIONAL_CERTIFICATION_MISSING', 'No current professional certification for 2025'],
    ]);
    expect(standing.unmet[1]).toMatchObject({ required: 2, actual: 1 });
  });

  it('R-CHAMP-03: periods still running are in progress, not unmet; a sales accreditation is not a professional certification', () => {
    const standing = championStanding.decide({ year: 2026, activities: [session('2026-01-10')], certifications: [cert] }, now);
    expect(standing.expectations.map((e) => `${e.period}:${e.status}`)).toEqual([
      '2026-Q1:MET',
      '2026-Q2:IN_PROGRESS',
      '2026-Q3:IN_PROGRESS',
      '2026-Q4:IN_PROGRESS',
      '2026:IN_PROGRESS',
      '2026:MET',
    ]);
    expect(standing.outcome).toBe('MEETS_EXPECTATIONS');
    const sales = championStanding.decide({ year: 2026, activities: [], certifications: [{ ...cert, kind: CertificationKind.SALES_ACCREDITED }] }, now);
    expect(sales.unmet.map((u) => u.code)).toEqual(['ENABLEMENT_SESSION_MISSING', 'PROFESSIONAL_CERTIFICATION_MISSING']);
  });
});

describe('activity recording', () => {
  it('R-CHAMP-03: outputs are recorded for an ACTIVE champion, up to today, not ahead of their day', () => {
    const at = new Date('2026-06-01T15:30:00Z');
    expect(championActivityRecording.decide({ status: ACTIVE, occurredOn: d('2026-06-01') }, at).outcome).toBe('ALLOWED');
    expect(championActivityRecording.decide({ status: ACTIVE, occurredOn: d('2026-06-02') }, at).unmet.map((u) => u.code)).toEqual(['ACTIVITY_IN_FUTURE']);
    expect(championActivityRecording.decide({ status: ONBOARDING, occurredOn: d('2026-05-01') }, at).unmet.map((u) => u.code)).toEqual(['CHAMPION_NOT_ACTIVE']);
    expect(championActivityRecording.decide({ status: ALUMNI, occurredOn: d('2026-05-01') }, at).outcome).toBe('REFUSED');
  });
});
