import { Decision, UnmetCondition, defineRule } from '../rules/decision';
import { CertificationKind } from '../people/person.enums';
import { PartnerCategory, PartnerLifecycleStatus, PartnerTrack } from './partner.enums';

export interface CertificationFact {
  personId: string;
  kind: CertificationKind;
  earnedAt: Date;
  expiresAt: Date | null;
  /** false once the holder's employment with the partner has ended */
  holderEmployed: boolean;
}

export interface TrackComplianceInput {
  category: PartnerCategory;
  track: PartnerTrack | null;
  agreementSignedAt: Date | null;
  jointBusinessPlanExecSponsored: boolean;
  /** decimal string in USD, never a float */
  committedRevenueUsd: string | null;
  certifications: CertificationFact[];
}

/** What the track rules need to know of a partner (the Partner entity has these fields). */
export interface PartnerTrackFacts {
  category: PartnerCategory;
  track: PartnerTrack | null;
  agreementSignedAt: Date | null;
  jointBusinessPlanSponsor: string | null;
  committedRevenueAmount: string | null;
  committedRevenueCurrency: string;
}

/** The input of `trackCompliance` from a partner's facts. Only a USD commitment counts (R-PTR-04). */
export function trackComplianceInputOf(partner: PartnerTrackFacts, certifications: CertificationFact[]): TrackComplianceInput {
  return {
    category: partner.category,
    track: partner.track,
    agreementSignedAt: partner.agreementSignedAt,
    jointBusinessPlanExecSponsored: partner.jointBusinessPlanSponsor !== null,
    committedRevenueUsd: partner.committedRevenueCurrency === 'USD' ? partner.committedRevenueAmount : null,
    certifications,
  };
}

export interface TrackCompliance {
  track: PartnerTrack | null;
  compliant: boolean;
  ruleIds: string[];
  unmet: UnmetCondition[];
}

export const SELECT_MIN_COMMITTED_REVENUE_USD = 300_000;

/** R-PTR-05: a certification counts only while earned, not expired and its holder still employed. */
export const currentCertification = defineRule({
  id: 'R-PTR-05',
  description: 'A certification counts only while current',
  decide(cert: CertificationFact, now: Date): boolean {
    return cert.holderEmployed && cert.earnedAt.getTime() <= now.getTime() && (cert.expiresAt === null || cert.expiresAt.getTime() > now.getTime());
  },
});

/** Number of distinct people holding a current certification of one of `kinds`. */
export function countCurrentHolders(certs: CertificationFact[], kinds: CertificationKind[], now: Date): number {
  const holders = new Set<string>();
  for (const cert of certs) {
    if (kinds.includes(cert.kind) && currentCertification.decide(cert, now)) holders.add(cert.personId);
  }
  return holders.size;
}

interface CountRequirement {
  code: string;
  kinds: CertificationKind[];
  required: number;
  label: string;
}

const OPEN_REQUIREMENTS: CountRequirement[] = [
  { code: 'SALES_ACCREDITED_COUNT', kinds: [CertificationKind.SALES_ACCREDITED], required: 2, label: 'sales-accredited people' },
  { code: 'SOLUTIONS_ARCHITECT_COUNT', kinds: [CertificationKind.SOLUTIONS_ARCHITECT], required: 1, label: 'solutions architects' },
];

const SELECT_REQUIREMENTS: CountRequirement[] = [
  { code: 'SALES_ACCREDITED_COUNT', kinds: [CertificationKind.SALES_ACCREDITED], required: 4, label: 'sales-accredited people' },
  { code: 'SOLUTIONS_ARCHITECT_COUNT', kinds: [CertificationKind.SOLUTIONS_ARCHITECT], required: 2, label: 'solutions architects' },
  {
    code: 'TECHNICAL_ENGINEER_COUNT',
    kinds: [CertificationKind.PARTNER_TECHNICAL_ENGINEER, CertificationKind.PROFESSIONAL_SERVICES_ENGINEER],
    required: 1,
    label: 'partner technical or professional services engineers',
  },
];

function decimalAtLeast(value: string | null, minimum: number): boolean {
  if (value === null) return false;
  const [whole] = value.split('.');
  // Whole units are enough for a ">= 300,000" comparison; avoids parsing money as a float.
  return BigInt(whole === '' || whole === '-' ? '0' : whole) >= BigInt(minimum);
}

/**
 * R-PTR-03 (Open) and R-PTR-04 (Select): every unmet requirement with code, required and actual.
 * Alliance and distributor partners have no channel track, so nothing applies to them.
 */
export const trackCompliance = defineRule({
  id: 'R-PTR-03',
  description: 'Track requirements (R-PTR-03 Open, R-PTR-04 Select), counted with R-PTR-05',
  decide(input: TrackComplianceInput, now: Date): TrackCompliance {
    if (input.category !== PartnerCategory.CHANNEL || input.track === null) {
      return { track: input.track, compliant: true, ruleIds: ['R-PTR-01'], unmet: [] };
    }
    const ruleId = input.track === PartnerTrack.SELECT ? 'R-PTR-04' : 'R-PTR-03';
    const unmet: UnmetCondition[] = [];
    if (input.agreementSignedAt === null || input.agreementSignedAt.getTime() > now.getTime()) {
      unmet.push({ ruleId, code: 'AGREEMENT_NOT_SIGNED', message: 'The partner agreement is not signed', required: 1, actual: 0 });
    }
    const requirements = input.track === PartnerTrack.SELECT ? SELECT_REQUIREMENTS : OPEN_REQUIREMENTS;
    for (const req of requirements) {
      const actual = countCurrentHolders(input.certifications, req.kinds, now);
      if (actual < req.required) {
        unmet.push({
          ruleId,
          code: req.code,
          message: `Needs ${req.required} ${req.label} with a current certification (R-PTR-05), has ${actual}`,
          required: req.required,
          actual,
        });
      }
    }
    if (input.track === PartnerTrack.SELECT) {
      if (!input.jointBusinessPlanExecSponsored) {
        unmet.push({ ruleId, code: 'JOINT_BUSINESS_PLAN_MISSING', message: 'An exec-sponsored joint business plan is required', required: 1, actual: 0 });
      }
      if (!decimalAtLeast(input.committedRevenueUsd, SELECT_MIN_COMMITTED_REVENUE_USD)) {
        unmet.push({
          ruleId,
          code: 'COMMITTED_REVENUE_TOO_LOW',
          message: `A committed program revenue target of at least USD ${SELECT_MIN_COMMITTED_REVENUE_USD} is required`,
          required: SELECT_MIN_COMMITTED_REVENUE_USD,
          actual: input.committedRevenueUsd === null ? 0 : Number(input.committedRevenueUsd.split('.')[0]),
        });
      }
    }
    return { track: input.track, compliant: unmet.length === 0, ruleIds: [ruleId, 'R-PTR-05'], unmet };
  },
});

/** R-PTR-04 as a standalone check, for accepting a Select invitation (R-PTR-02). */
export function selectTrackCompliance(input: Omit<TrackComplianceInput, 'track'>, now: Date): TrackCompliance {
  return trackCompliance.decide({ ...input, track: PartnerTrack.SELECT }, now);
}

export type GoodStandingOutcome = 'IN_GOOD_STANDING' | 'NOT_IN_GOOD_STANDING';

/** R-PTR-06: in good standing = ACTIVE and compliant with its track. */
export const goodStanding = defineRule({
  id: 'R-PTR-06',
  description: 'In good standing = ACTIVE and compliant with its track',
  decide(input: { status: PartnerLifecycleStatus; compliance: TrackCompliance }): Decision<GoodStandingOutcome> {
    const reasons: string[] = [];
    if (input.status !== PartnerLifecycleStatus.ACTIVE) reasons.push(`Lifecycle status is ${input.status}, not ACTIVE`);
    for (const unmet of input.compliance.unmet) reasons.push(unmet.message);
    return {
      outcome: reasons.length === 0 ? 'IN_GOOD_STANDING' : 'NOT_IN_GOOD_STANDING',
      ruleIds: ['R-PTR-06', ...input.compliance.ruleIds],
      reasons: reasons.length === 0 ? ['Active and compliant with its track'] : reasons,
    };
  },
});
