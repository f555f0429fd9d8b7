import { addMonths, AllowedDecision, allowedDecision, Decision, defineRule, UnmetCondition } from '../rules/decision';
import { ComplianceReviewStatus } from './compliance.enums';

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
      outcome, remediationDueAt: remediation, changed: outcome !== input.status, ruleIds: ['R-COMP-01', ...ruleIds], reasons,
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
      outcome, ruleIds: ['R-COMP-02', ...ruleIds], reasons: [reason],
    });
    if (input.status === OPEN) {
      if (!input.evidenceRequested && at(input.evidenceRequestAt)) return result('REQUEST_EVIDENCE', ['R-PSP-02'], 'Evidence is requested one month before the review is due');
      if (at(input.dueAt)) return result('REVIEW_DUE', ['R-PSP-02'], `The review was due ${input.dueAt.toISOString()}`);
      return result('NONE', [], 'Nothing due before the review');
    }
    if (input.status === NON_COMPLIANT && input.remediationDueAt !== null && at(input.remediationDueAt)) {
      return result('REMEDIATION_DEADLINE', ['R-PSP-03'], `The remediation deadline ${input.remediationDueAt.toISOString()} has passed`);
    }
    return result('NONE', [], `Nothing due for a ${input.status} review`);
  },
});
