import { CertificationKind } from '../../src/people/person.enums';
import { PartnerCategory, PartnerLifecycleStatus, PartnerTrack } from '../../src/partners/partner.enums';
import { CertificationFact, goodStanding, trackCompliance, currentCertification } from '../../src/partners/partner.rules';

const now = new Date('2026-06-01T00:00:00Z');
const earned = new Date('2025-01-01T00:00:00Z');
let seq = 0;
function certs(kind: CertificationKind, count: number, extra: Partial<CertificationFact> = {}): CertificationFact[] {
  return Array.from({ length: count }, () => ({ personId: `p${++seq}`, kind, earnedAt: earned, expiresAt: null, holderEmployed: true, ...extra }));
}
const base = {
  category: PartnerCategory.CHANNEL,
  agreementSignedAt: earned,
  jointBusinessPlanExecSponsored: false,
  committedRevenueUsd: null as string | null,
};

describe('track compliance', () => {
  it('R-PTR-03: an Open partner needs an agreement, 2 sales-accredited and 1 solutions architect', () => {
    const ok = trackCompliance.decide(
      {
        ...base,
        track: PartnerTrack.OPEN,
        certifications: [...certs(CertificationKind.SALES_ACCREDITED, 2), ...certs(CertificationKind.SOLUTIONS_ARCHITECT, 1)],
      },
      now,
    );
    expect(ok).toMatchObject({ compliant: true, unmet: [] });
    const short = trackCompliance.decide(
      { ...base, agreementSignedAt: null, track: PartnerTrack.OPEN, certifications: certs(CertificationKind.SALES_ACCREDITED, 1) },
      now,
    );
    expect(short.compliant).toBe(false);
    expect(short.unmet.map((u) => [u.code, u.required, u.actual])).toEqual([
      ['AGREEMENT_NOT_SIGNED', 1, 0],
      ['SALES_ACCREDITED_COUNT', 2, 1],
      ['SOLUTIONS_ARCHITECT_COUNT', 1, 0],
    ]);
    expect(short.unmet.every((u) => u.ruleId === 'R-PTR-03')).toBe(true);
  });

  it('R-PTR-04: a Select partner needs 4/2/1 certified people, an exec-sponsored JBP and USD 300,000 committed', () => {
    const people = [
      ...certs(CertificationKind.SALES_ACCREDITED, 4),
      ...certs(CertificationKind.SOLUTIONS_ARCHITECT, 2),
      ...certs(CertificationKind.PROFESSIONAL_SERVICES_ENGINEER, 1),
    ];
    const ok = trackCompliance.decide(
      { ...base, track: PartnerTrack.SELECT, jointBusinessPlanExecSponsored: true, committedRevenueUsd: '300000.00', certifications: people },
      now,
    );
    expect(ok.compliant).toBe(true);
    const low = trackCompliance.decide(
      { ...base, track: PartnerTrack.SELECT, jointBusinessPlanExecSponsored: false, committedRevenueUsd: '299999.99', certifications: people },
      now,
    );
    expect(low.unmet.map((u) => u.code)).toEqual(['JOINT_BUSINESS_PLAN_MISSING', 'COMMITTED_REVENUE_TOO_LOW']);
    expect(low.unmet[1]).toMatchObject({ required: 300000, actual: 299999, ruleId: 'R-PTR-04' });
  });

  it('R-PTR-05: expired, not-yet-earned and former-employee certifications do not count; one person counts once', () => {
    expect(
      currentCertification.decide({ personId: 'a', kind: CertificationKind.SOLUTIONS_ARCHITECT, earnedAt: earned, expiresAt: now, holderEmployed: true }, now),
    ).toBe(false);
    expect(
      currentCertification.decide(
        { personId: 'a', kind: CertificationKind.SOLUTIONS_ARCHITECT, earnedAt: earned, expiresAt: new Date(now.getTime() + 1), holderEmployed: true },
        now,
      ),
    ).toBe(true);
    expect(
      currentCertification.decide(
        { personId: 'a', kind: CertificationKind.SOLUTIONS_ARCHITECT, earnedAt: earned, expiresAt: null, holderEmployed: false },
        now,
      ),
    ).toBe(false);
    expect(
      currentCertification.decide(
        { personId: 'a', kind: CertificationKind.SOLUTIONS_ARCHITECT, earnedAt: new Date(now.getTime() + 1), expiresAt: null, holderEmployed: true },
        now,
      ),
    ).toBe(false);
    const samePerson: CertificationFact[] = [
      { personId: 'same', kind: CertificationKind.SALES_ACCREDITED, earnedAt: earned, expiresAt: null, holderEmployed: true },
      { personId: 'same', kind: CertificationKind.SALES_ACCREDITED, earnedAt: earned, expiresAt: null, holderEmployed: true },
    ];
    const result = trackCompliance.decide({ ...base, track: PartnerTrack.OPEN, certifications: samePerson }, now);
    expect(result.unmet.find((u) => u.code === 'SALES_ACCREDITED_COUNT')).toMatchObject({ required: 2, actual: 1 });
  });

  it('R-PTR-01: alliance partners have no channel track requirements', () => {
    expect(trackCompliance.decide({ ...base, category: PartnerCategory.ALLIANCE, track: null, certifications: [] }, now)).toMatchObject({
      compliant: true,
      unmet: [],
    });
  });

  it('R-PTR-06: good standing needs ACTIVE and track compliance', () => {
    const compliant = { track: PartnerTrack.OPEN, compliant: true, ruleIds: ['R-PTR-03'], unmet: [] };
    expect(goodStanding.decide({ status: PartnerLifecycleStatus.ACTIVE, compliance: compliant }, now).outcome).toBe('IN_GOOD_STANDING');
    expect(goodStanding.decide({ status: PartnerLifecycleStatus.SUSPENDED, compliance: compliant }, now).outcome).toBe('NOT_IN_GOOD_STANDING');
    const unmet = { ...compliant, compliant: false, unmet: [{ ruleId: 'R-PTR-03', code: 'X', message: 'missing' }] };
    const decision = goodStanding.decide({ status: PartnerLifecycleStatus.ACTIVE, compliance: unmet }, now);
    expect(decision).toMatchObject({ outcome: 'NOT_IN_GOOD_STANDING', reasons: ['missing'] });
  });
});
