import { Role } from '../auth/role.enum';
import { defineMachine } from '../rules/state-machine';
import { ComplianceReviewStatus } from './compliance.enums';

const { OPEN, COMPLIANT, NON_COMPLIANT, REMEDIATED, REVOKED } = ComplianceReviewStatus;

/**
 * Decision: RULES.md names no role for R-COMP-01. Partner Support gathers evidence and cases, so it may
 * open reviews and record findings; the outcome, which can revoke, is Ecosystem Ops' alone.
 */
export const REVIEWERS = [Role.ECOSYSTEM_OPS, Role.PARTNER_SUPPORT] as const;
export const DECIDERS = [Role.ECOSYSTEM_OPS] as const;
/** Outcomes are decided by Ecosystem Ops or, at their dates, by the review timers (R-COMP-02). */
const OUTCOME_DECIDERS = [...DECIDERS, 'SYSTEM'] as const;

/** R-COMP-01: OPEN → COMPLIANT | NON_COMPLIANT (remediation due) | REVOKED; NON_COMPLIANT → REMEDIATED | REVOKED. */
export const complianceReviewMachine = defineMachine<ComplianceReviewStatus>({
  entityType: 'ComplianceReview',
  initial: {
    [OPEN]: { by: [...REVIEWERS, 'SYSTEM'], ruleIds: ['R-COMP-01'] },
    // A PSP review recorded without an opened review starts with its outcome (R-PSP-02).
    [COMPLIANT]: { by: OUTCOME_DECIDERS, ruleIds: ['R-COMP-01'] },
    [NON_COMPLIANT]: { by: OUTCOME_DECIDERS, ruleIds: ['R-COMP-01'] },
  },
  states: {
    [OPEN]: {
      [COMPLIANT]: { by: OUTCOME_DECIDERS, ruleIds: ['R-COMP-01'] },
      [NON_COMPLIANT]: { by: OUTCOME_DECIDERS, ruleIds: ['R-COMP-01'] },
      [REVOKED]: { by: OUTCOME_DECIDERS, ruleIds: ['R-COMP-01'] },
    },
    [NON_COMPLIANT]: {
      [REMEDIATED]: { by: OUTCOME_DECIDERS, ruleIds: ['R-COMP-01'] },
      [REVOKED]: { by: OUTCOME_DECIDERS, ruleIds: ['R-COMP-01', 'R-COMP-02'] },
    },
    [COMPLIANT]: {},
    [REMEDIATED]: {},
    [REVOKED]: {},
  },
});
