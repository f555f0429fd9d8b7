import { UnmetCondition } from '../../src/rules/decision';
import { ComplianceReviewKind, ComplianceReviewStatus } from '../../src/compliance/compliance.enums';
import {
  ComplianceReviewOpeningInput,
  ComplianceTimerInput,
  complianceFindingsRecording,
  complianceReviewClosing,
  complianceReviewOpening,
  complianceReviewOutcome,
  complianceReviewTransition,
  complianceTimer,
} from '../../src/compliance/compliance.rules';
import { PartnerCategory, PartnerTrack } from '../../src/partners/partner.enums';

const { OPEN, COMPLIANT, NON_COMPLIANT, REMEDIATED, REVOKED } = ComplianceReviewStatus;
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const now = d('2026-05-01');
const finding: UnmetCondition = {
  ruleId: 'R-PTR-03',
  code: 'SALES_ACCREDITED_COUNT',
  message: 'Needs 2 sales-accredited people, has 1',
  required: 2,
  actual: 1,
};

describe('review status', () => {
  it('R-COMP-01: OPEN → COMPLIANT, NON_COMPLIANT or REVOKED; NON_COMPLIANT → REMEDIATED or REVOKED; nothing else', () => {
    const allowed = (from: ComplianceReviewStatus, to: ComplianceReviewStatus, remediationDueAt: Date | null = d('2026-08-01')) =>
      complianceReviewTransition.decide({ from, to, remediationDueAt }, now).outcome;
    expect([
      allowed(OPEN, COMPLIANT),
      allowed(OPEN, NON_COMPLIANT),
      allowed(OPEN, REVOKED),
      allowed(NON_COMPLIANT, REMEDIATED),
      allowed(NON_COMPLIANT, REVOKED),
    ]).toEqual(['ALLOWED', 'ALLOWED', 'ALLOWED', 'ALLOWED', 'ALLOWED']);
    expect([allowed(OPEN, REMEDIATED), allowed(COMPLIANT, NON_COMPLIANT), allowed(REVOKED, OPEN), allowed(REMEDIATED, REVOKED)]).toEqual([
      'REFUSED',
      'REFUSED',
      'REFUSED',
      'REFUSED',
    ]);
  });

  it('R-COMP-01: NON_COMPLIANT requires a remediation due date after the review', () => {
    expect(complianceReviewTransition.decide({ from: OPEN, to: NON_COMPLIANT, remediationDueAt: null }, now).unmet.map((u) => u.code)).toEqual([
      'REMEDIATION_DUE_DATE_REQUIRED',
    ]);
    expect(complianceReviewTransition.decide({ from: OPEN, to: NON_COMPLIANT, remediationDueAt: now }, now).outcome).toBe('REFUSED');
  });

  it('R-COMP-01: the outcome follows the findings; non-compliance gets a remediation date one quarter out', () => {
    expect(complianceReviewOutcome.decide({ status: OPEN, findings: [], remediationDueAt: null }, now)).toMatchObject({ outcome: COMPLIANT, changed: true });
    const failing = complianceReviewOutcome.decide({ status: OPEN, findings: [finding], remediationDueAt: null }, now);
    expect(failing).toMatchObject({ outcome: NON_COMPLIANT, remediationDueAt: d('2026-08-01') });
    expect(failing.ruleIds).toEqual(['R-COMP-01', 'R-PTR-03', 'R-PSP-03']);
    expect(failing.reasons[0]).toBe(finding.message);
    const due = d('2026-08-01');
    expect(complianceReviewOutcome.decide({ status: NON_COMPLIANT, findings: [], remediationDueAt: due }, d('2026-07-01')).outcome).toBe(REMEDIATED);
    expect(complianceReviewOutcome.decide({ status: NON_COMPLIANT, findings: [finding], remediationDueAt: due }, new Date(due.getTime() - 1))).toMatchObject({
      outcome: NON_COMPLIANT,
      changed: false,
    });
    expect(complianceReviewOutcome.decide({ status: NON_COMPLIANT, findings: [finding], remediationDueAt: due }, due).outcome).toBe(REVOKED);
    expect(complianceReviewOutcome.decide({ status: REVOKED, findings: [], remediationDueAt: due }, due)).toMatchObject({ outcome: REVOKED, changed: false });
  });
});

describe('opening, findings and closing', () => {
  const { TRACK, PSP_BADGE, NFR_AUDIT } = ComplianceReviewKind;
  const channel: ComplianceReviewOpeningInput = {
    kind: TRACK,
    partnerCategory: PartnerCategory.CHANNEL,
    partnerTrack: PartnerTrack.OPEN,
    holdsPspDesignation: false,
    hasUnfinishedReviewOfKind: false,
  };
  const opening = (changes: Partial<ComplianceReviewOpeningInput>) => complianceReviewOpening.decide({ ...channel, ...changes }, now).unmet.map((u) => u.code);

  it('R-COMP-01: a review opens once per partner and kind; TRACK needs a track, PSP_BADGE a designation', () => {
    expect(opening({})).toEqual([]);
    expect(opening({ kind: NFR_AUDIT, partnerCategory: PartnerCategory.ALLIANCE, partnerTrack: null })).toEqual([]);
    expect(opening({ partnerCategory: PartnerCategory.DISTRIBUTOR, partnerTrack: null })).toEqual(['PARTNER_HAS_NO_TRACK']);
    expect(opening({ kind: PSP_BADGE })).toEqual(['NO_PSP_DESIGNATION']);
    expect(opening({ kind: PSP_BADGE, holdsPspDesignation: true })).toEqual([]);
    expect(opening({ hasUnfinishedReviewOfKind: true })).toEqual(['REVIEW_IN_PROGRESS']);
  });

  it('R-COMP-01: findings are recorded while OPEN or NON_COMPLIANT, never by hand for PSP_BADGE, computed for TRACK only', () => {
    const codes = (kind: ComplianceReviewKind, status: ComplianceReviewStatus, computeTrackFindings = false) =>
      complianceFindingsRecording.decide({ kind, status, computeTrackFindings }, now).unmet.map((u) => u.code);
    expect(codes(TRACK, OPEN, true)).toEqual([]);
    expect(codes(NFR_AUDIT, NON_COMPLIANT)).toEqual([]);
    expect(codes(TRACK, COMPLIANT)).toEqual(['REVIEW_FINISHED']);
    expect(codes(PSP_BADGE, OPEN)).toEqual(['PSP_FINDINGS_FROM_KPI_REVIEW']);
    expect(codes(NFR_AUDIT, OPEN, true)).toEqual(['TRACK_FINDINGS_FOR_TRACK_REVIEW_ONLY']);
  });

  it('R-COMP-01: a closing outcome follows the table and agrees with the findings; revoking waits for the deadline (R-PSP-03)', () => {
    const due = d('2026-08-01');
    const close = (from: ComplianceReviewStatus, to: ComplianceReviewStatus, findings: UnmetCondition[], at = now, kind = TRACK) =>
      complianceReviewClosing.decide({ kind, from, to, findings, remediationDueAt: to === NON_COMPLIANT || from === NON_COMPLIANT ? due : null }, at);
    expect(close(OPEN, COMPLIANT, []).outcome).toBe('ALLOWED');
    expect(close(OPEN, NON_COMPLIANT, [finding])).toMatchObject({ outcome: 'ALLOWED', ruleIds: ['R-COMP-01', 'R-PTR-03', 'R-PSP-03'] });
    expect(close(OPEN, COMPLIANT, [finding]).unmet.map((u) => u.code)).toEqual(['FINDINGS_STANDING']);
    expect(close(OPEN, NON_COMPLIANT, []).unmet.map((u) => u.code)).toEqual(['NO_FINDINGS']);
    expect(close(OPEN, REVOKED, [finding]).outcome).toBe('ALLOWED');
    expect(close(NON_COMPLIANT, REMEDIATED, []).outcome).toBe('ALLOWED');
    expect(close(NON_COMPLIANT, REVOKED, [finding], new Date(due.getTime() - 1)).unmet.map((u) => u.code)).toEqual(['REMEDIATION_PERIOD_RUNNING']);
    expect(close(NON_COMPLIANT, REVOKED, [finding], due).outcome).toBe('ALLOWED');
    expect(close(COMPLIANT, REVOKED, [finding]).unmet.map((u) => u.code)).toEqual(['TRANSITION_NOT_ALLOWED']);
    expect(close(OPEN, COMPLIANT, [], now, PSP_BADGE).unmet.map((u) => u.code)).toEqual(['PSP_REVIEW_FOLLOWS_DESIGNATION']);
  });
});

describe('timers', () => {
  const review: ComplianceTimerInput = {
    status: OPEN,
    evidenceRequestAt: d('2026-04-01'),
    dueAt: d('2026-05-01'),
    remediationDueAt: null,
    evidenceRequested: false,
  };
  const action = (changes: Partial<ComplianceTimerInput>, at: Date) => complianceTimer.decide({ ...review, ...changes }, at).outcome;

  it('R-COMP-02: nothing before the evidence date; evidence request from it; the review once due', () => {
    expect(action({}, new Date(d('2026-04-01').getTime() - 1))).toBe('NONE');
    expect(action({}, d('2026-04-01'))).toBe('REQUEST_EVIDENCE');
    expect(action({ evidenceRequested: true }, d('2026-04-15'))).toBe('NONE');
    expect(action({ evidenceRequested: true }, d('2026-05-01'))).toBe('REVIEW_DUE');
  });

  it('R-COMP-02: each action is due once — overdue steps come one at a time, in schedule order', () => {
    const late = d('2026-05-10');
    expect(action({}, late)).toBe('REQUEST_EVIDENCE');
    expect(action({ evidenceRequested: true }, late)).toBe('REVIEW_DUE');
    expect(action({ evidenceRequested: true, status: COMPLIANT }, late)).toBe('NONE');
  });

  it('R-COMP-02: the remediation deadline fires at the due date for a NON_COMPLIANT review only', () => {
    const remediating = { status: NON_COMPLIANT, evidenceRequested: true, remediationDueAt: d('2026-08-01') };
    expect(action(remediating, new Date(d('2026-08-01').getTime() - 1))).toBe('NONE');
    const decision = complianceTimer.decide({ ...review, ...remediating }, d('2026-08-01'));
    expect(decision).toMatchObject({ outcome: 'REMEDIATION_DEADLINE', ruleIds: ['R-COMP-02', 'R-PSP-03'] });
    expect(action({ ...remediating, status: REVOKED }, d('2026-09-01'))).toBe('NONE');
  });
});
