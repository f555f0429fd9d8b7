import { Role } from '../../src/auth/role.enum';
import { CertificationKind } from '../../src/people/person.enums';
import { CertificationFact } from '../../src/partners/partner.rules';
import { ChampionActivityKind, ChampionNominationStatus, OnboardingTaskKind } from '../../src/champions/champion.enums';
import { championActivityRecording, championNomination, championStanding, championTransition, requiredPublications } from '../../src/champions/champion.rules';

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
  const longAgo = d('2024-06-01');

  it('R-CHAMP-03: a full year with a session each quarter, two publications and a current certification meets expectations', () => {
    const activities = [
      session('2025-02-01'),
      session('2025-05-01'),
      session('2025-08-01'),
      session('2025-12-31'),
      { kind: ChampionActivityKind.BLOG, at: d('2025-03-01') },
      { kind: ChampionActivityKind.WHITEPAPER, at: d('2025-10-01') },
    ];
    const standing = championStanding.decide({ year: 2025, activatedAt: longAgo, activities, certifications: [cert] }, now);
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
    const standing = championStanding.decide({ year: 2025, activatedAt: longAgo, activities, certifications: [expired] }, now);
    expect(standing.outcome).toBe('BELOW_EXPECTATIONS');
    expect(standing.unmet.map((u) => [u.code, u.message])).toEqual([
      ['ENABLEMENT_SESSION_MISSING', 'No enablement session in 2025-Q3'],
      ['PUBLICATIONS_MISSING', 'Fewer than 2 publications (blog, video, whitepaper) in 2025'],
      ['PROFESSIONAL_CERTIFICATION_MISSING', 'No current professional certification for 2025'],
    ]);
    expect(standing.unmet[1]).toMatchObject({ required: 2, actual: 1 });
  });

  it('R-CHAMP-03: periods still running are in progress, not unmet; a sales accreditation is not a professional certification', () => {
    const standing = championStanding.decide({ year: 2026, activatedAt: longAgo, activities: [session('2026-01-10')], certifications: [cert] }, now);
    expect(standing.expectations.map((e) => `${e.period}:${e.status}`)).toEqual([
      '2026-Q1:MET',
      '2026-Q2:IN_PROGRESS',
      '2026-Q3:IN_PROGRESS',
      '2026-Q4:IN_PROGRESS',
      '2026:IN_PROGRESS',
      '2026:MET',
    ]);
    expect(standing.outcome).toBe('MEETS_EXPECTATIONS');
    const sales = championStanding.decide(
      { year: 2026, activatedAt: longAgo, activities: [], certifications: [{ ...cert, kind: CertificationKind.SALES_ACCREDITED }] },
      now,
    );
    expect(sales.unmet.map((u) => u.code)).toEqual(['ENABLEMENT_SESSION_MISSING', 'PROFESSIONAL_CERTIFICATION_MISSING']);
  });
});

describe('standing from the activation (R-CHAMP-03)', () => {
  const cert: CertificationFact = {
    personId: 'c1',
    kind: CertificationKind.SOLUTIONS_ARCHITECT,
    earnedAt: d('2024-01-01'),
    expiresAt: null,
    holderEmployed: true,
  };
  const after2026 = d('2027-02-01');
  const standing = (activatedAt: Date | null, activities: { kind: ChampionActivityKind; at: Date }[] = [], year = 2026) =>
    championStanding.decide({ year, activatedAt, activities, certifications: [cert] }, after2026);
  const rows = (s: ReturnType<typeof standing>) => s.expectations.map((e) => `${e.code} ${e.period} ${e.actual}/${e.required} ${e.status}`);
  const at = (iso: string) => new Date(iso);

  it('R-CHAMP-03: a quarter that ended before the activation is not required; the quarter of the activation is', () => {
    // Activated at the first instant of Q2: Q1 ended at the activation.
    expect(
      standing(at('2026-04-01T00:00:00.000Z'))
        .expectations.slice(0, 2)
        .map((e) => e.status),
    ).toEqual(['NOT_REQUIRED', 'UNMET']);
    // A millisecond earlier Q1 had not ended: it is required.
    expect(
      standing(at('2026-03-31T23:59:59.999Z'))
        .expectations.slice(0, 2)
        .map((e) => e.status),
    ).toEqual(['UNMET', 'UNMET']);
    const mid = standing(at('2026-08-20T15:00:00Z'), [{ kind: ChampionActivityKind.ENABLEMENT_SESSION, at: d('2026-07-02') }]);
    expect(mid.expectations.slice(0, 4).map((e) => `${e.period}:${e.status}:${e.required}`)).toEqual([
      '2026-Q1:NOT_REQUIRED:0',
      '2026-Q2:NOT_REQUIRED:0',
      // A session during onboarding counts for the activation quarter.
      '2026-Q3:MET:1',
      '2026-Q4:UNMET:1',
    ]);
    expect(mid.unmet.map((u) => u.code)).toEqual(['ENABLEMENT_SESSION_MISSING', 'PUBLICATIONS_MISSING']);
  });

  it('R-CHAMP-03: the yearly publications are prorated by whole quarters active, one per two quarters, at least one', () => {
    expect([4, 3, 2, 1, 0].map(requiredPublications)).toEqual([2, 1, 1, 1, 1]);
    const publications = (activatedAt: Date) => standing(activatedAt).expectations[4];
    expect(publications(at('2026-01-01T00:00:00.000Z'))).toMatchObject({ required: 2 });
    // One millisecond into the year, Q1 is no longer a whole quarter.
    expect(publications(at('2026-01-01T00:00:00.001Z'))).toMatchObject({ required: 1 });
    expect(publications(at('2026-07-01T00:00:00.000Z'))).toMatchObject({ required: 1 });
    expect(publications(at('2026-12-31T23:00:00Z'))).toMatchObject({ required: 1, status: 'UNMET' });
    const blog = { kind: ChampionActivityKind.BLOG, at: d('2026-11-01') };
    const prorated = standing(at('2026-05-10T00:00:00Z'), [blog]);
    expect(prorated.expectations[4]).toMatchObject({ code: 'PUBLICATIONS', required: 1, actual: 1, status: 'MET' });
    expect(standing(at('2026-05-10T00:00:00Z')).unmet.find((u) => u.code === 'PUBLICATIONS_MISSING')).toMatchObject({
      message: 'No publication (blog, video, whitepaper) in 2026 (2 whole quarters active)',
      required: 1,
      actual: 0,
    });
  });

  it('R-CHAMP-03: a year that ended before the activation, or a nomination never activated, asks for nothing', () => {
    const before = standing(at('2026-01-01T00:00:00.000Z'), [], 2025);
    expect(rows(before).every((row) => row.endsWith('NOT_REQUIRED'))).toBe(true);
    expect(before).toMatchObject({ outcome: 'MEETS_EXPECTATIONS', unmet: [] });
    expect(rows(standing(at('2025-12-31T23:59:59.999Z'), [], 2025))).toEqual([
      'ENABLEMENT_SESSION 2025-Q1 0/0 NOT_REQUIRED',
      'ENABLEMENT_SESSION 2025-Q2 0/0 NOT_REQUIRED',
      'ENABLEMENT_SESSION 2025-Q3 0/0 NOT_REQUIRED',
      'ENABLEMENT_SESSION 2025-Q4 0/1 UNMET',
      'PUBLICATIONS 2025 0/1 UNMET',
      'PROFESSIONAL_CERTIFICATION 2025 1/1 MET',
    ]);
    const never = standing(null);
    expect(never).toMatchObject({ outcome: 'MEETS_EXPECTATIONS', reasons: ['Not activated as a champion: nothing is expected yet'] });
    expect(never.expectations.every((e) => e.status === 'NOT_REQUIRED')).toBe(true);
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
