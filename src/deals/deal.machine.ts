import { Role } from '../auth/role.enum';
import { defineMachine } from '../rules/state-machine';
import { DealRegistrationStatus } from './deal.enums';

const { PENDING_OPS_REVIEW, PENDING_ESM, PENDING_ASM, APPROVED, DENIED, EXPIRED, WITHDRAWN } = DealRegistrationStatus;

/** Who may submit and withdraw registrations for a partner. */
export const SUBMITTERS = [Role.PARTNER_USER, Role.PORTAL_SYNC, Role.ECOSYSTEM_OPS] as const;
/** Who may relay sales decisions; R-DEAL-06 then checks the role per step. */
export const SALES_REVIEWERS = [Role.ESM, Role.ASM, Role.CRM_SYNC] as const;
/** Who resolves a PENDING_OPS_REVIEW match: links a candidate or confirms the opportunity is new (R-DEAL-05). */
export const OPS_REVIEWERS = [Role.ECOSYSTEM_OPS] as const;
/**
 * An approval by anyone denies the other pending registrations of the opportunity (R-DEAL-04), so
 * whoever may approve — a submission routed to APPROVED, a sales reviewer, the R-DEAL-07 timer —
 * may cause a denial.
 */
const APPROVERS = [...SUBMITTERS, ...SALES_REVIEWERS, 'SYSTEM'] as const;

/**
 * The deal registration's transitions (R-DEAL-05..09). Decision: WITHDRAWN (by the partner) only
 * from the pending statuses — an approval ends by expiry, which only the program does (the timer,
 * or a request that finds an approval past its 90 days, recorded as SYSTEM).
 */
export const dealRegistrationMachine = defineMachine<DealRegistrationStatus>({
  entityType: 'DealRegistration',
  initial: {
    [APPROVED]: { by: SUBMITTERS, ruleIds: ['R-DEAL-05'] },
    [PENDING_ESM]: { by: SUBMITTERS, ruleIds: ['R-DEAL-05'] },
    [PENDING_OPS_REVIEW]: { by: SUBMITTERS, ruleIds: ['R-DEAL-05'] },
    [DENIED]: { by: SUBMITTERS, ruleIds: ['R-DEAL-05'] },
  },
  states: {
    // Ecosystem Ops links a candidate (then R-DEAL-05 routes it, and R-DEAL-04 may deny it) or confirms it is new.
    [PENDING_OPS_REVIEW]: {
      [PENDING_ESM]: { by: OPS_REVIEWERS, ruleIds: ['R-DEAL-05'] },
      [APPROVED]: { by: OPS_REVIEWERS, ruleIds: ['R-DEAL-05'] },
      [DENIED]: { by: OPS_REVIEWERS, ruleIds: ['R-DEAL-05'] },
      [WITHDRAWN]: { by: SUBMITTERS, ruleIds: ['R-DEAL-09'] },
    },
    [PENDING_ESM]: {
      [PENDING_ASM]: { by: [Role.ESM, Role.CRM_SYNC], ruleIds: ['R-DEAL-06'] },
      [DENIED]: { by: APPROVERS, ruleIds: ['R-DEAL-06'] },
      [APPROVED]: { by: ['SYSTEM'], ruleIds: ['R-DEAL-07'] },
      [WITHDRAWN]: { by: SUBMITTERS, ruleIds: ['R-DEAL-09'] },
    },
    [PENDING_ASM]: {
      [APPROVED]: { by: [Role.ASM, Role.CRM_SYNC, 'SYSTEM'], ruleIds: [] },
      [DENIED]: { by: APPROVERS, ruleIds: ['R-DEAL-06'] },
      [WITHDRAWN]: { by: SUBMITTERS, ruleIds: ['R-DEAL-09'] },
    },
    [APPROVED]: { [EXPIRED]: { by: ['SYSTEM'], ruleIds: ['R-DEAL-08'] } },
    [DENIED]: {},
    [EXPIRED]: {},
    [WITHDRAWN]: {},
  },
});
