import { addMonths, AllowedDecision, allowedDecision, Decision, defineRule, UnmetCondition } from '../rules/decision';
import { PartnerCategory, PartnerTrack } from '../partners/partner.enums';
import { ComplianceReviewKind, ComplianceReviewStatus } from './compliance.enums';

const { OPEN, COMPLIANT, NON_COMPLIANT, REMEDIATED, REVOKED } = ComplianceReviewStatus;

/**
 * R-PSP-03 gives one quarter to remediate. Decision: every review kind (TRACK, PSP_BADGE, NFR_AUDIT)
 * uses it — the channel guide states it for all service partner badges and RULES.md names no other.
 */
export const REMEDIATION_MONTHS = 3;

export function remediationDueAt(reviewedAt: Date): Date {
  return addMonths(reviewedAt, REMEDIATION_MONTHS);
}

// ---------------------------------------------------------------------------------------------
// R-COMP-01

export const COMPLIANCE_REVIEW_TRANSITIONS: readonly { from: ComplianceReviewStatus; to: ComplianceReviewStatus; requiresRemediationDueAt: boolean }[] = [
  { from: OPEN, to: COMPLIANT, requiresRemediationDueAt: false },
  { from: OPEN, to: NON_COMPLIANT, requiresRemediationDueAt: true },
  { from: OPEN, to: REVOKED, requiresRemediationDueAt: false },
  { from: NON_COMPLIANT, to: REMEDIATED, requiresRemediationDueAt: false },
  { from: NON_COMPLIANT, to: REVOKED, requiresRemediationDueAt: false },
];

/** R-COMP-01: allowed status changes; NON_COMPLIANT needs a remediation due date after the review. */
export const complianceReviewTransition = defineRule({
  id: 'R-COMP-01',
  description: 'Compliance review status transitions',
  decide(input: { from: ComplianceReviewStatus; to: ComplianceReviewStatus; remediationDueAt: Date | null }, now: Date): AllowedDecision {
    const entry = COMPLIANCE_REVIEW_TRANSITIONS.find((t) => t.from === input.from && t.to === input.to);
    const unmet: UnmetCondition[] = [];
    if (!entry) {
      unmet.push({ ruleId: 'R-COMP-01', code: 'TRANSITION_NOT_ALLOWED', message: `A compliance review cannot go from ${input.from} to ${input.to}` });
    } else if (entry.requiresRemediationDueAt && (input.remediationDueAt === null || input.remediationDueAt.getTime() <= now.getTime())) {
      unmet.push({ ruleId: 'R-COMP-01', code: 'REMEDIATION_DUE_DATE_REQUIRED', message: 'NON_COMPLIANT needs a remediation due date after the review' });
    }
    return allowedDecision(['R-COMP-01'], unmet, `${input.from} → ${input.to}`);
  },
});

export interface ComplianceReviewOutcomeInput {
  status: ComplianceReviewStatus;
  /** every unmet requirement found, each with its rule ID */
  findings: UnmetCondition[];
  remediationDueAt: Date | null;
}

export interface ComplianceReviewOutcome extends Decision<ComplianceReviewStatus> {
  remediationDueAt: Date | null;
  changed: boolean;
}

/**
 * R-COMP-01 outcome from findings, at the review (OPEN) or while remediating (NON_COMPLIANT).
 * Decision: findings cleared after the deadline still count as remediated — a late timer does not
 * revoke a partner that is compliant when it runs.
 */
export const complianceReviewOutcome = defineRule({
  id: 'R-COMP-01',
  description: 'A compliance review outcome derived from its findings',
  decide(input: ComplianceReviewOutcomeInput, now: Date): ComplianceReviewOutcome {
    const findingIds = [...new Set(input.findings.map((f) => f.ruleId))];
    const findingReasons = input.findings.map((f) => f.message);
    const result = (outcome: ComplianceReviewStatus, remediation: Date | null, ruleIds: string[], reasons: string[]): ComplianceReviewOutcome => ({
      outcome,
      remediationDueAt: remediation,
      changed: outcome !== input.status,
      ruleIds: ['R-COMP-01', ...ruleIds],
      reasons,
    });
    if (input.status === OPEN) {
      if (input.findings.length === 0) return result(COMPLIANT, null, [], ['No unmet requirements']);
      const due = remediationDueAt(now);
      return result(NON_COMPLIANT, due, [...findingIds, 'R-PSP-03'], [...findingReasons, `Remediation due ${due.toISOString()}`]);
    }
    if (input.status === NON_COMPLIANT) {
      if (input.findings.length === 0) return result(REMEDIATED, input.remediationDueAt, [], ['Every finding has been remediated']);
      if (input.remediationDueAt !== null && now.getTime() >= input.remediationDueAt.getTime()) {
        return result(REVOKED, input.remediationDueAt, [...findingIds, 'R-PSP-03'], [...findingReasons, 'Not remediated by the due date']);
      }
      return result(NON_COMPLIANT, input.remediationDueAt, findingIds, [...findingReasons, 'Remediation still in progress']);
    }
    return result(input.status, input.remediationDueAt, [], [`${input.status} is final`]);
  },
});

/** Outcomes after which a review no longer changes. */
export const FINAL_REVIEW_STATUSES: readonly ComplianceReviewStatus[] = [COMPLIANT, REMEDIATED, REVOKED];

export interface ComplianceReviewOpeningInput {
  kind: ComplianceReviewKind;
  partnerCategory: PartnerCategory;
  partnerTrack: PartnerTrack | null;
  /** the partner holds a PSP designation that is not revoked */
  holdsPspDesignation: boolean;
  /** the partner has a review of this kind that is OPEN or NON_COMPLIANT */
  hasUnfinishedReviewOfKind: boolean;
}

/**
 * R-COMP-01: whether a review of `kind` can be opened for the partner. Decisions: one unfinished review
 * per partner and kind, so findings and outcomes never split over two; a TRACK review needs a channel
 * track to check (R-PTR-02); a PSP_BADGE review needs a designation to review (R-PSP-02).
 */
export const complianceReviewOpening = defineRule({
  id: 'R-COMP-01',
  description: 'Opening a compliance review',
  decide(input: ComplianceReviewOpeningInput): AllowedDecision {
    const unmet: UnmetCondition[] = [];
    if (input.kind === ComplianceReviewKind.TRACK && (input.partnerCategory !== PartnerCategory.CHANNEL || input.partnerTrack === null)) {
      unmet.push({ ruleId: 'R-COMP-01', code: 'PARTNER_HAS_NO_TRACK', message: 'A TRACK review is for an Open or Select channel partner (R-PTR-02)' });
    }
    if (input.kind === ComplianceReviewKind.PSP_BADGE && !input.holdsPspDesignation) {
      unmet.push({
        ruleId: 'R-COMP-01',
        code: 'NO_PSP_DESIGNATION',
        message: 'A PSP_BADGE review needs a Professional Services Partner designation that is not revoked (R-PSP-02)',
      });
    }
    if (input.hasUnfinishedReviewOfKind) {
      unmet.push({ ruleId: 'R-COMP-01', code: 'REVIEW_IN_PROGRESS', message: `The partner already has an unfinished ${input.kind} review` });
    }
    return allowedDecision(['R-COMP-01'], unmet, `A ${input.kind} review can be opened`);
  },
});

/**
 * R-COMP-01: findings can be recorded while a review is OPEN or NON_COMPLIANT (remediation progress).
 * Decision: a PSP_BADGE review's findings come from its KPI ratings and certification count (R-PSP-02),
 * recorded with the review itself, never by hand; computed track findings are for TRACK reviews only.
 */
export const complianceFindingsRecording = defineRule({
  id: 'R-COMP-01',
  description: 'Recording the findings of a compliance review',
  decide(input: { kind: ComplianceReviewKind; status: ComplianceReviewStatus; computeTrackFindings: boolean }): AllowedDecision {
    const unmet: UnmetCondition[] = [];
    if (FINAL_REVIEW_STATUSES.includes(input.status)) {
      unmet.push({ ruleId: 'R-COMP-01', code: 'REVIEW_FINISHED', message: `The review is ${input.status}; its findings are final` });
    }
    if (input.kind === ComplianceReviewKind.PSP_BADGE) {
      unmet.push({
        ruleId: 'R-PSP-02',
        code: 'PSP_FINDINGS_FROM_KPI_REVIEW',
        message: 'PSP_BADGE findings come from the KPI ratings and certification count: use recordPspReview',
      });
    }
    if (input.computeTrackFindings && input.kind !== ComplianceReviewKind.TRACK) {
      unmet.push({
        ruleId: 'R-COMP-01',
        code: 'TRACK_FINDINGS_FOR_TRACK_REVIEW_ONLY',
        message: 'Track compliance findings can be computed for a TRACK review only',
      });
    }
    return allowedDecision(['R-COMP-01'], unmet, 'Findings can be recorded');
  },
});

export interface ComplianceReviewClosingInput {
  kind: ComplianceReviewKind;
  from: ComplianceReviewStatus;
  to: ComplianceReviewStatus;
  findings: UnmetCondition[];
  /** to NON_COMPLIANT: the remediation due date to set; from NON_COMPLIANT: the one set */
  remediationDueAt: Date | null;
}

/**
 * R-COMP-01: the outcome given by hand must be allowed by the transition table and agree with the
 * findings: COMPLIANT and REMEDIATED with none standing; NON_COMPLIANT and REVOKED with at least one.
 * A NON_COMPLIANT review is revoked only once its remediation due date has come (R-PSP-03). Decisions:
 * OPEN → REVOKED (which skips remediation) is for a breach serious enough to end it at once, such as a
 * prohibited NFR use; a PSP_BADGE review follows its designation, so it is closed by recordPspReview
 * and revokePspDesignation only.
 */
export const complianceReviewClosing = defineRule({
  id: 'R-COMP-01',
  description: 'Closing a compliance review with an outcome',
  decide(input: ComplianceReviewClosingInput, now: Date): AllowedDecision {
    if (input.kind === ComplianceReviewKind.PSP_BADGE) {
      return allowedDecision(
        ['R-COMP-01', 'R-PSP-03'],
        [
          {
            ruleId: 'R-PSP-03',
            code: 'PSP_REVIEW_FOLLOWS_DESIGNATION',
            message: 'A PSP_BADGE review is decided by recordPspReview or revokePspDesignation, together with its designation',
          },
        ],
        '',
      );
    }
    const transition = complianceReviewTransition.decide({ from: input.from, to: input.to, remediationDueAt: input.remediationDueAt }, now);
    if (transition.outcome === 'REFUSED') return transition;
    const unmet: UnmetCondition[] = [];
    const standing = input.findings.length;
    if ((input.to === COMPLIANT || input.to === REMEDIATED) && standing > 0) {
      unmet.push({
        ruleId: 'R-COMP-01',
        code: 'FINDINGS_STANDING',
        message: `${standing} finding(s) still stand; record the remediated findings first`,
        required: 0,
        actual: standing,
      });
    }
    if ((input.to === NON_COMPLIANT || input.to === REVOKED) && standing === 0) {
      unmet.push({ ruleId: 'R-COMP-01', code: 'NO_FINDINGS', message: `${input.to} needs at least one finding`, required: 1, actual: 0 });
    }
    if (input.from === NON_COMPLIANT && input.to === REVOKED && input.remediationDueAt !== null && now.getTime() < input.remediationDueAt.getTime()) {
      unmet.push({
        ruleId: 'R-PSP-03',
        code: 'REMEDIATION_PERIOD_RUNNING',
        message: `The partner has until ${input.remediationDueAt.toISOString()} to remediate`,
      });
    }
    const findingIds = input.findings.map((f) => f.ruleId);
    const penalty = input.to === NON_COMPLIANT || input.to === REVOKED ? ['R-PSP-03'] : [];
    return allowedDecision([...new Set(['R-COMP-01', ...findingIds, ...penalty])], unmet, `${input.from} → ${input.to}`);
  },
});

// ---------------------------------------------------------------------------------------------
// R-COMP-02

export type ComplianceTimerAction = 'REQUEST_EVIDENCE' | 'REVIEW_DUE' | 'REMEDIATION_DEADLINE' | 'NONE';

export interface ComplianceTimerInput {
  status: ComplianceReviewStatus;
  evidenceRequestAt: Date;
  dueAt: Date;
  remediationDueAt: Date | null;
  /** the evidence request was already sent; the review and the deadline are recorded by the status itself */
  evidenceRequested: boolean;
}

/**
 * R-COMP-02: the single action due now. Each action, once done, changes an input (the flag or the
 * status), so asking again returns the next one or NONE. Decision: overdue steps are caught up in
 * schedule order — evidence is still requested before a review that is already due.
 */
export const complianceTimer = defineRule({
  id: 'R-COMP-02',
  description: 'Which compliance review timer is due now',
  decide(input: ComplianceTimerInput, now: Date): Decision<ComplianceTimerAction> {
    const at = (d: Date) => now.getTime() >= d.getTime();
    const result = (outcome: ComplianceTimerAction, ruleIds: string[], reason: string): Decision<ComplianceTimerAction> => ({
      outcome,
      ruleIds: ['R-COMP-02', ...ruleIds],
      reasons: [reason],
    });
    if (input.status === OPEN) {
      if (!input.evidenceRequested && at(input.evidenceRequestAt))
        return result('REQUEST_EVIDENCE', ['R-PSP-02'], 'Evidence is requested one month before the review is due');
      if (at(input.dueAt)) return result('REVIEW_DUE', ['R-PSP-02'], `The review was due ${input.dueAt.toISOString()}`);
      return result('NONE', [], 'Nothing due before the review');
    }
    if (input.status === NON_COMPLIANT && input.remediationDueAt !== null && at(input.remediationDueAt)) {
      return result('REMEDIATION_DEADLINE', ['R-PSP-03'], `The remediation deadline ${input.remediationDueAt.toISOString()} has passed`);
    }
    return result('NONE', [], `Nothing due for a ${input.status} review`);
  },
});
