import { CertificationKind } from '../../src/people/person.enums';
import { PartnerCategory, PartnerLifecycleStatus, PartnerTrack } from '../../src/partners/partner.enums';
import { CertificationFact } from '../../src/partners/partner.rules';
import { PspDesignationStatus } from '../../src/psp/psp.enums';
import {
  PSP_MIN_KPI_RATING,
  PspKpi,
  evidenceRequestDate,
  holdsPspDesignation,
  isPspTransition,
  nextReviewAfter,
  nextReviewDue,
  pspDesignationStatus,
  pspEntry,
  pspReview,
  pspRevocation,
} from '../../src/psp/psp.rules';

const { COMPLIANT, AT_RISK, REVOKED } = PspDesignationStatus;
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const now = d('2026-06-01');
const ACTIVE = PartnerLifecycleStatus.ACTIVE;

let seq = 0;
function pses(count: number, extra: Partial<CertificationFact> = {}): CertificationFact[] {
  return Array.from({ length: count }, () => ({
    personId: `p${++seq}`,
    kind: CertificationKind.PROFESSIONAL_SERVICES_ENGINEER,
    earnedAt: d('2025-01-01'),
    expiresAt: null,
    holderEmployed: true,
    ...extra,
  }));
}
const goodRatings: Record<PspKpi, number | null> = { INFRASTRUCTURE_READY: 4, FIRST_VALUE: 3, OUTCOME_ACHIEVED: 5 };

describe('PSP entry', () => {
  it('R-PSP-01: an Open or Select channel partner, or a distributor, with 3 current PSEs may enter', () => {
    expect(pspEntry.decide({ category: PartnerCategory.CHANNEL, track: PartnerTrack.OPEN, status: ACTIVE, certifications: pses(3) }, now).outcome).toBe(
      'ELIGIBLE',
    );
    expect(pspEntry.decide({ category: PartnerCategory.CHANNEL, track: PartnerTrack.SELECT, status: ACTIVE, certifications: pses(3) }, now).outcome).toBe(
      'ELIGIBLE',
    );
    expect(pspEntry.decide({ category: PartnerCategory.DISTRIBUTOR, track: null, status: ACTIVE, certifications: pses(3) }, now).outcome).toBe('ELIGIBLE');
  });

  it('R-PSP-01: two current PSEs are not enough; alliance partners cannot enter', () => {
    const two = pspEntry.decide(
      { category: PartnerCategory.CHANNEL, track: PartnerTrack.OPEN, status: ACTIVE, certifications: [...pses(2), ...pses(1, { holderEmployed: false })] },
      now,
    );
    expect(two).toMatchObject({
      outcome: 'NOT_ELIGIBLE',
      unmet: [{ code: 'PROFESSIONAL_SERVICES_ENGINEER_COUNT', required: 3, actual: 2, ruleId: 'R-PSP-01' }],
    });
    const alliance = pspEntry.decide({ category: PartnerCategory.ALLIANCE, track: null, status: ACTIVE, certifications: pses(3) }, now);
    expect(alliance.unmet.map((u) => u.code)).toEqual(['NOT_CHANNEL_OR_DISTRIBUTOR']);
  });

  it('R-PSP-01: only an ACTIVE partner can be designated', () => {
    for (const status of [PartnerLifecycleStatus.APPLIED, PartnerLifecycleStatus.SUSPENDED, PartnerLifecycleStatus.TERMINATED]) {
      const decision = pspEntry.decide({ category: PartnerCategory.CHANNEL, track: PartnerTrack.SELECT, status, certifications: pses(3) }, now);
      expect(decision).toMatchObject({ outcome: 'NOT_ELIGIBLE', unmet: [{ code: 'PARTNER_NOT_ACTIVE', ruleId: 'R-PSP-01' }] });
    }
  });
});

describe('PSP review schedule and evaluation', () => {
  it('R-PSP-02: the review is due every year on the first day of the month first granted; evidence one month before', () => {
    const granted = new Date('2025-05-17T13:00:00Z');
    expect(nextReviewDue(granted, d('2025-05-20'))).toEqual(d('2026-05-01'));
    expect(nextReviewDue(granted, d('2026-03-01'))).toEqual(d('2026-05-01'));
    expect(nextReviewDue(granted, d('2026-05-01'))).toEqual(d('2026-05-01'));
    expect(nextReviewDue(granted, new Date('2026-05-01T00:00:00.001Z'))).toEqual(d('2027-05-01'));
    expect(evidenceRequestDate(d('2026-05-01'))).toEqual(d('2026-04-01'));
    expect(evidenceRequestDate(d('2027-01-01'))).toEqual(d('2026-12-01'));
  });

  it('R-PSP-02: after a yearly review the next one is a year on, whether recorded early, on time or late', () => {
    const granted = new Date('2025-05-17T13:00:00Z');
    expect(nextReviewAfter(granted, d('2026-05-01'), d('2026-04-10'))).toEqual(d('2027-05-01'));
    expect(nextReviewAfter(granted, d('2026-05-01'), d('2026-05-01'))).toEqual(d('2027-05-01'));
    expect(nextReviewAfter(granted, d('2026-05-01'), d('2026-07-20'))).toEqual(d('2027-05-01'));
    expect(nextReviewAfter(granted, d('2026-05-01'), d('2027-06-02'))).toEqual(d('2028-05-01'));
  });

  it('R-PSP-02: compliant with every KPI rated at least the threshold and 3 current PSEs', () => {
    expect(PSP_MIN_KPI_RATING).toBe(3);
    expect(pspReview.decide({ kpiRatings: goodRatings, certifications: pses(3) }, now)).toMatchObject({ outcome: 'COMPLIANT', unmet: [] });
  });

  it('R-PSP-02: a rating below the threshold, a missing rating or too few PSEs is non-compliant, each listed', () => {
    const result = pspReview.decide({ kpiRatings: { INFRASTRUCTURE_READY: 2.9, FIRST_VALUE: null, OUTCOME_ACHIEVED: 3 }, certifications: pses(2) }, now);
    expect(result.outcome).toBe('NON_COMPLIANT');
    expect(result.unmet.map((u) => [u.code, u.required, u.actual])).toEqual([
      ['INFRASTRUCTURE_READY_RATING_TOO_LOW', 3, 2.9],
      ['FIRST_VALUE_NOT_RATED', 3, 0],
      ['PROFESSIONAL_SERVICES_ENGINEER_COUNT', 3, 2],
    ]);
  });
});

describe('PSP designation status', () => {
  const reviewAt = d('2026-05-01');
  const failing = pspReview.decide({ kpiRatings: { ...goodRatings, FIRST_VALUE: 1 }, certifications: pses(3) }, reviewAt);
  const passing = pspReview.decide({ kpiRatings: goodRatings, certifications: pses(3) }, reviewAt);

  it('R-PSP-03: non-compliant at review → AT_RISK with remediation due 3 months after the review', () => {
    const decision = pspDesignationStatus.decide({ status: COMPLIANT, review: failing, remediationDueAt: null }, reviewAt);
    expect(decision).toMatchObject({ outcome: AT_RISK, remediationDueAt: d('2026-08-01'), changed: true });
    expect(decision.ruleIds[0]).toBe('R-PSP-03');
    expect(pspDesignationStatus.decide({ status: COMPLIANT, review: passing, remediationDueAt: null }, reviewAt)).toMatchObject({
      outcome: COMPLIANT,
      changed: false,
      remediationDueAt: null,
    });
  });

  it('R-PSP-03: compliant by the deadline → COMPLIANT; not compliant at the deadline → REVOKED; before it stays AT_RISK', () => {
    const due = d('2026-08-01');
    expect(pspDesignationStatus.decide({ status: AT_RISK, review: passing, remediationDueAt: due }, due).outcome).toBe(COMPLIANT);
    expect(pspDesignationStatus.decide({ status: AT_RISK, review: failing, remediationDueAt: due }, new Date(due.getTime() - 1))).toMatchObject({
      outcome: AT_RISK,
      changed: false,
      remediationDueAt: due,
    });
    expect(pspDesignationStatus.decide({ status: AT_RISK, review: failing, remediationDueAt: due }, due)).toMatchObject({ outcome: REVOKED, changed: true });
    expect(pspDesignationStatus.decide({ status: REVOKED, review: passing, remediationDueAt: due }, due).outcome).toBe(REVOKED);
  });

  it('R-PSP-03: the designation is held while COMPLIANT or AT_RISK, not once REVOKED', () => {
    expect([COMPLIANT, AT_RISK, REVOKED].map(holdsPspDesignation)).toEqual([true, true, false]);
  });

  it('R-PSP-03: revocation by hand only for AT_RISK with findings standing at or after the deadline', () => {
    const due = d('2026-08-01');
    const findings = failing.unmet;
    const code = (status: PspDesignationStatus, at: Date, standing = findings) =>
      pspRevocation.decide({ status, findings: standing, remediationDueAt: due }, at).unmet.map((u) => u.code);
    expect(pspRevocation.decide({ status: AT_RISK, findings, remediationDueAt: due }, due)).toMatchObject({ outcome: 'ALLOWED', ruleIds: ['R-PSP-03'] });
    expect(code(AT_RISK, new Date(due.getTime() - 1))).toEqual(['REMEDIATION_PERIOD_RUNNING']);
    expect(code(AT_RISK, due, [])).toEqual(['FINDINGS_REMEDIATED']);
    expect(code(COMPLIANT, due)).toEqual(['NOT_AT_RISK']);
    expect(code(REVOKED, due)).toEqual(['NOT_AT_RISK']);
  });

  it('R-PSP-03: the transition table has exactly COMPLIANT→AT_RISK, AT_RISK→COMPLIANT, AT_RISK→REVOKED', () => {
    expect(isPspTransition(COMPLIANT, AT_RISK)).toBe(true);
    expect(isPspTransition(AT_RISK, COMPLIANT)).toBe(true);
    expect(isPspTransition(AT_RISK, REVOKED)).toBe(true);
    expect(isPspTransition(COMPLIANT, REVOKED)).toBe(false);
    expect(isPspTransition(REVOKED, COMPLIANT)).toBe(false);
  });
});
