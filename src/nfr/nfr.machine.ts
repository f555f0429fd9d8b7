import { Role } from '../auth/role.enum';
import { defineMachine } from '../rules/state-machine';
import { NfrLicenseStatus } from './nfr.enums';

const { PENDING_APPROVAL, APPROVED, DENIED, REVOKED, EXPIRED } = NfrLicenseStatus;

/** Who may request licenses for a partner (a PARTNER_USER only for its own). */
export const REQUESTERS = [Role.PARTNER_USER, Role.PORTAL_SYNC] as const;
/** R-NFR-03/06/07 name Ecosystem Ops alone for approvals and audits. */
export const NFR_DECIDERS = [Role.ECOSYSTEM_OPS] as const;

/**
 * An NFR license from its request (R-NFR-03/06: approved within the cap, else pending Ecosystem
 * Ops) to its end (R-NFR-07: revoked by an audit, expired by the timer). A seat reduction by an
 * audit is recorded as a change that keeps the license APPROVED.
 */
export const nfrLicenseMachine = defineMachine<NfrLicenseStatus>({
  entityType: 'NfrLicense',
  initial: {
    [APPROVED]: { by: REQUESTERS, ruleIds: ['R-NFR-03', 'R-NFR-06'] },
    [PENDING_APPROVAL]: { by: REQUESTERS, ruleIds: ['R-NFR-03', 'R-NFR-06'] },
  },
  states: {
    [PENDING_APPROVAL]: {
      [APPROVED]: { by: NFR_DECIDERS, ruleIds: ['R-NFR-03', 'R-NFR-06'] },
      [DENIED]: { by: NFR_DECIDERS, ruleIds: ['R-NFR-03', 'R-NFR-06'] },
    },
    [APPROVED]: {
      [APPROVED]: { by: NFR_DECIDERS, ruleIds: ['R-NFR-07'] },
      [REVOKED]: { by: NFR_DECIDERS, ruleIds: ['R-NFR-07'] },
      [EXPIRED]: { by: ['SYSTEM'], ruleIds: ['R-NFR-07'] },
    },
    [DENIED]: {},
    [REVOKED]: {},
    [EXPIRED]: {},
  },
});
