import {
  addMonths,
  AllowedDecision,
  allowedDecision,
  CheckedDecision,
  decideFromUnmet,
  Decision,
  defineRule,
  eligibilityDecision,
  EligibilityOutcome,
  UnmetCondition,
} from '../rules/decision';
import { CertificationKind } from '../people/person.enums';
import { PartnerCategory, PartnerLifecycleStatus, PartnerTrack } from '../partners/partner.enums';
import { CertificationFact, countCurrentHolders } from '../partners/partner.rules';
import { complianceReviewOutcome } from '../compliance/compliance.rules';
import { ComplianceReviewStatus } from '../compliance/compliance.enums';
import { PspDesignationStatus } from './psp.enums';

export const PSP_MIN_PROFESSIONAL_SERVICES_ENGINEERS = 3;

function engineerShortfall(certifications: CertificationFact[], ruleId: string, now: Date): UnmetCondition[] {
  const actual = countCurrentHolders(certifications, [CertificationKind.PROFESSIONAL_SERVICES_ENGINEER], now);
  if (actual >= PSP_MIN_PROFESSIONAL_SERVICES_ENGINEERS) return [];
  return [
    {
      ruleId,
      code: 'PROFESSIONAL_SERVICES_ENGINEER_COUNT',
      message: `Needs ${PSP_MIN_PROFESSIONAL_SERVICES_ENGINEERS} people with a current Professional Services Engineer certification, has ${actual}`,
      required: PSP_MIN_PROFESSIONAL_SERVICES_ENGINEERS,
      actual,
    },
  ];
}

/**
 * R-PSP-01: an Open or Select channel partner, or a distributor, with ≥ 3 current PSE certifications.
 * Decision: the partner must be ACTIVE (R-PTR-06) — an applicant is not yet authorized on a track, and a
 * suspended or terminated partner is not in the program.
 */
export const pspEntry = defineRule({
  id: 'R-PSP-01',
  description: 'Professional Services Partner entry requirements',
  decide(
    input: { category: PartnerCategory; track: PartnerTrack | null; status: PartnerLifecycleStatus; certifications: CertificationFact[] },
    now: Date,
  ): CheckedDecision<EligibilityOutcome> {
    const unmet: UnmetCondition[] = [];
    const channelOnTrack = input.category === PartnerCategory.CHANNEL && input.track !== null;
    if (!channelOnTrack && input.category !== PartnerCategory.DISTRIBUTOR) {
      unmet.push({
        ruleId: 'R-PSP-01',
        code: 'NOT_CHANNEL_OR_DISTRIBUTOR',
        message: 'Only Open or Select channel partners and distributors can be Professional Services Partners',
      });
    }
    if (input.status !== PartnerLifecycleStatus.ACTIVE) {
      unmet.push({
        ruleId: 'R-PSP-01',
        code: 'PARTNER_NOT_ACTIVE',
        message: `The partner is ${input.status}; only an ACTIVE partner can be designated (R-PTR-06)`,
      });
    }
    unmet.push(...engineerShortfall(input.certifications, 'R-PSP-01', now));
    return eligibilityDecision(['R-PSP-01', 'R-PTR-05', 'R-PTR-06'], unmet, 'Meets the Professional Services Partner entry requirements');
  },
});

// ---------------------------------------------------------------------------------------------
// R-PSP-02: schedule and review

/**
 * R-PSP-02: the first review due date at or after `now`. Decision: a review falls due on the first day
 * (00:00 UTC) of the month the designation was first granted, from the following year on.
 */
export function nextReviewDue(grantedAt: Date, now: Date): Date {
  const month = grantedAt.getUTCMonth();
  let year = Math.max(grantedAt.getUTCFullYear() + 1, now.getUTCFullYear());
  if (Date.UTC(year, month, 1) < now.getTime()) year += 1;
  return new Date(Date.UTC(year, month, 1));
}

/**
 * R-PSP-02: the review due after an annual review that was due at `reviewDueAt` and recorded at `now`.
 * Decision: a review recorded early (e.g. once evidence is in) still is that year's review, so the next
 * one is a year on, never the same date again; a late review moves on to the next anniversary.
 */
export function nextReviewAfter(grantedAt: Date, reviewDueAt: Date, now: Date): Date {
  return nextReviewDue(grantedAt, new Date(Math.max(now.getTime(), reviewDueAt.getTime() + 1)));
}

/** R-PSP-02: evidence is requested one month before the review is due. */
export function evidenceRequestDate(reviewDue: Date): Date {
  return addMonths(reviewDue, -1);
}

/** The time-to-value KPIs of R-PSP-02. There is no enum for them yet. */
export type PspKpi = 'INFRASTRUCTURE_READY' | 'FIRST_VALUE' | 'OUTCOME_ACHIEVED';
export const PSP_KPIS: readonly PspKpi[] = ['INFRASTRUCTURE_READY', 'FIRST_VALUE', 'OUTCOME_ACHIEVED'];

/**
 * Decision: RULES.md asks for "positive" customer-success ratings without a scale. A KPI rating is the
 * average over the partner's rated customers on a 1–5 scale, and positive means at least 3; a KPI
 * without any rating is unmet (no evidence).
 */
export const PSP_MIN_KPI_RATING = 3;

export interface PspReviewInput {
  kpiRatings: Record<PspKpi, number | null>;
  certifications: CertificationFact[];
}

export type PspReviewOutcome = 'COMPLIANT' | 'NON_COMPLIANT';

/** R-PSP-02: the annual review — the three KPI ratings and the certification count of R-PSP-01. */
export const pspReview = defineRule({
  id: 'R-PSP-02',
  description: 'Professional Services Partner review: time-to-value KPIs and certification count',
  decide(input: PspReviewInput, now: Date): CheckedDecision<PspReviewOutcome> {
    const unmet: UnmetCondition[] = [];
    for (const kpi of PSP_KPIS) {
      const rating = input.kpiRatings[kpi];
      if (rating === null) {
        unmet.push({ ruleId: 'R-PSP-02', code: `${kpi}_NOT_RATED`, message: `No customer-success rating for ${kpi}`, required: PSP_MIN_KPI_RATING, actual: 0 });
      } else if (rating < PSP_MIN_KPI_RATING) {
        unmet.push({
          ruleId: 'R-PSP-02',
          code: `${kpi}_RATING_TOO_LOW`,
          message: `${kpi} is rated ${rating}, below ${PSP_MIN_KPI_RATING}`,
          required: PSP_MIN_KPI_RATING,
          actual: rating,
        });
      }
    }
    unmet.push(...engineerShortfall(input.certifications, 'R-PSP-02', now));
    return decideFromUnmet<PspReviewOutcome>(
      { met: 'COMPLIANT', unmet: 'NON_COMPLIANT' },
      ['R-PSP-02', 'R-PTR-05'],
      unmet,
      'Positive KPI ratings and enough certified engineers',
    );
  },
});

// ---------------------------------------------------------------------------------------------
// R-PSP-03: designation status

const { COMPLIANT, AT_RISK, REVOKED } = PspDesignationStatus;

export const PSP_TRANSITIONS: readonly { from: PspDesignationStatus; to: PspDesignationStatus }[] = [
  { from: COMPLIANT, to: AT_RISK },
  { from: AT_RISK, to: COMPLIANT },
  { from: AT_RISK, to: REVOKED },
];

export function isPspTransition(from: PspDesignationStatus, to: PspDesignationStatus): boolean {
  return PSP_TRANSITIONS.some((t) => t.from === from && t.to === to);
}

/**
 * Whether the partner holds the designation (R-SAR-03/05 ask this). Decision: an AT_RISK designation
 * is still held during its remediation quarter; only revocation ends it (R-PSP-03).
 */
export function holdsPspDesignation(status: PspDesignationStatus): boolean {
  return status !== REVOKED;
}

/** The R-PSP-02 review as it was recorded: its stored findings are what stands until the next review. */
export function recordedPspReview(findings: UnmetCondition[]): CheckedDecision<PspReviewOutcome> {
  return decideFromUnmet<PspReviewOutcome>({ met: 'COMPLIANT', unmet: 'NON_COMPLIANT' }, ['R-PSP-02'], findings, 'No findings stand');
}

const AS_REVIEW_STATUS: Record<PspDesignationStatus, ComplianceReviewStatus> = {
  [COMPLIANT]: ComplianceReviewStatus.OPEN,
  [AT_RISK]: ComplianceReviewStatus.NON_COMPLIANT,
  [REVOKED]: ComplianceReviewStatus.REVOKED,
};

const FROM_REVIEW_STATUS: Record<ComplianceReviewStatus, PspDesignationStatus> = {
  [ComplianceReviewStatus.OPEN]: COMPLIANT,
  [ComplianceReviewStatus.COMPLIANT]: COMPLIANT,
  [ComplianceReviewStatus.REMEDIATED]: COMPLIANT,
  [ComplianceReviewStatus.NON_COMPLIANT]: AT_RISK,
  [ComplianceReviewStatus.REVOKED]: REVOKED,
};

export interface PspStatusInput {
  status: PspDesignationStatus;
  /** the R-PSP-02 review evaluated now */
  review: CheckedDecision<PspReviewOutcome>;
  remediationDueAt: Date | null;
}

export interface PspStatusDecision extends Decision<PspDesignationStatus> {
  remediationDueAt: Date | null;
  changed: boolean;
}

/**
 * R-PSP-03, at a review (COMPLIANT) or while at risk (AT_RISK): the same outcome logic as a compliance
 * review (R-COMP-01) — non-compliant → AT_RISK with remediation due 3 months after `now`; compliant by
 * then → COMPLIANT; still not compliant at or after the deadline → REVOKED.
 */
export const pspDesignationStatus = defineRule({
  id: 'R-PSP-03',
  description: 'Professional Services Partner designation: at risk, remediated or revoked',
  decide(input: PspStatusInput, now: Date): PspStatusDecision {
    const review = complianceReviewOutcome.decide(
      { status: AS_REVIEW_STATUS[input.status], findings: input.review.unmet, remediationDueAt: input.remediationDueAt },
      now,
    );
    const outcome = FROM_REVIEW_STATUS[review.outcome];
    return {
      outcome,
      remediationDueAt: outcome === AT_RISK ? review.remediationDueAt : null,
      changed: outcome !== input.status,
      ruleIds: ['R-PSP-03', ...review.ruleIds.filter((id) => id !== 'R-PSP-03')],
      reasons: review.reasons,
    };
  },
});

/**
 * R-PSP-03: revoking by hand is the same decision as the deadline: only an AT_RISK designation whose
 * findings still stand at or after its remediation due date is revoked.
 */
export const pspRevocation = defineRule({
  id: 'R-PSP-03',
  description: 'Professional Services Partner designation: revoke when not remediated by the deadline',
  decide(input: { status: PspDesignationStatus; findings: UnmetCondition[]; remediationDueAt: Date | null }, now: Date): AllowedDecision {
    const unmet: UnmetCondition[] = [];
    if (!isPspTransition(input.status, REVOKED)) {
      unmet.push({
        ruleId: 'R-PSP-03',
        code: 'NOT_AT_RISK',
        message: `A ${input.status} designation cannot be revoked; only an AT_RISK one past its remediation due date`,
      });
    } else {
      const decision = pspDesignationStatus.decide(
        { status: input.status, review: recordedPspReview(input.findings), remediationDueAt: input.remediationDueAt },
        now,
      );
      if (decision.outcome === AT_RISK) {
        unmet.push({
          ruleId: 'R-PSP-03',
          code: 'REMEDIATION_PERIOD_RUNNING',
          message: `The partner has until ${input.remediationDueAt?.toISOString() ?? 'its remediation due date'} to remediate`,
        });
      } else if (decision.outcome !== REVOKED) {
        unmet.push({ ruleId: 'R-PSP-03', code: 'FINDINGS_REMEDIATED', message: 'No finding of the last review stands; record a review instead' });
      }
    }
    return allowedDecision(['R-PSP-03'], unmet, 'Not remediated by the remediation due date');
  },
});
