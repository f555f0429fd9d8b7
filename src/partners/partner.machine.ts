import { Role } from '../auth/role.enum';
import { defineMachine } from '../rules/state-machine';
import { PartnerLifecycleStatus, PartnerTrack } from './partner.enums';

const { APPLIED, ACTIVE, SUSPENDED, TERMINATED } = PartnerLifecycleStatus;

/** The portal submits applications; Ecosystem Ops may enter one by hand. */
export const APPLICANTS = [Role.PORTAL_SYNC, Role.ECOSYSTEM_OPS] as const;
/** Decision: RULES.md names no role for the lifecycle; the program side (Ops and the CAM) runs it. */
export const LIFECYCLE_MANAGERS = [Role.ECOSYSTEM_OPS, Role.CHANNEL_ACCOUNT_MANAGER] as const;
/** Decision: terminating is final (R-PTR-06), so only Ecosystem Ops terminates. */
export const TERMINATORS = [Role.ECOSYSTEM_OPS] as const;
/** The partner itself, directly or through its portal. */
export const PARTNER_SIDE = [Role.PARTNER_USER, Role.PORTAL_SYNC] as const;

const terminate = { by: TERMINATORS, ruleIds: ['R-PTR-06'] };

/** R-PTR-06: APPLIED → ACTIVE (needs the signed agreement, R-PTR-08) ↔ SUSPENDED → TERMINATED (final). */
export const partnerLifecycle = defineMachine<PartnerLifecycleStatus>({
  entityType: 'Partner',
  initial: { [APPLIED]: { by: APPLICANTS, ruleIds: ['R-PTR-06', 'R-PTR-01'] } },
  states: {
    [APPLIED]: { [ACTIVE]: { by: LIFECYCLE_MANAGERS, ruleIds: ['R-PTR-06', 'R-PTR-08'] }, [TERMINATED]: terminate },
    [ACTIVE]: { [SUSPENDED]: { by: LIFECYCLE_MANAGERS, ruleIds: ['R-PTR-06'] }, [TERMINATED]: terminate },
    [SUSPENDED]: { [ACTIVE]: { by: LIFECYCLE_MANAGERS, ruleIds: ['R-PTR-06'] }, [TERMINATED]: terminate },
    [TERMINATED]: {},
  },
});

/**
 * R-PTR-02: a channel partner starts on Open and moves to Select only by accepting an invitation
 * (R-PTR-04/07). Decision (R-COMP-02): a Select partner whose track review is revoked returns to
 * Open, by Ecosystem Ops or the review timer.
 */
export const partnerTrack = defineMachine<PartnerTrack>({
  entityType: 'Partner',
  field: 'track',
  initial: { [PartnerTrack.OPEN]: { by: APPLICANTS, ruleIds: ['R-PTR-02'] } },
  states: {
    [PartnerTrack.OPEN]: { [PartnerTrack.SELECT]: { by: PARTNER_SIDE, ruleIds: ['R-PTR-02', 'R-PTR-04', 'R-PTR-07'] } },
    [PartnerTrack.SELECT]: { [PartnerTrack.OPEN]: { by: ['SYSTEM', Role.ECOSYSTEM_OPS], ruleIds: ['R-PTR-02', 'R-COMP-02'] } },
  },
});
