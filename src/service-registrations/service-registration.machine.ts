import { Role } from '../auth/role.enum';
import { ActorKind, Edge, Exits, defineMachine } from '../rules/state-machine';
import { ServiceQualification } from './service-registration.enums';

/** Who registers services and attaches SOWs for a partner. */
export const SUBMITTERS = [Role.PARTNER_USER, Role.PORTAL_SYNC] as const;

/**
 * R-SAR-07: the qualification is recomputed whenever one of its inputs changes, whoever changed it
 * (the partner attaching a SOW, the CRM closing the opportunity, Ops granting or revoking PSP, a
 * window closing with time), so any qualification may follow any other — or itself, when the same
 * qualification is decided again with other rule IDs or unmet conditions (every result is recorded).
 */
const ANYONE: readonly ActorKind[] = [...Object.values(Role), 'SYSTEM'];
const recomputed: Edge = { by: ANYONE, ruleIds: ['R-SAR-07'] };

const TO_ANY: Exits<ServiceQualification> = Object.fromEntries(Object.values(ServiceQualification).map((to) => [to, recomputed]));

export const serviceQualificationMachine = defineMachine<ServiceQualification>({
  entityType: 'ServiceRegistration',
  field: 'qualification',
  initial: Object.fromEntries(Object.values(ServiceQualification).map((to) => [to, { by: SUBMITTERS, ruleIds: ['R-SAR-07'] }])),
  states: {
    [ServiceQualification.PENDING]: TO_ANY,
    [ServiceQualification.APPROVED_REBATE_AND_PSP]: TO_ANY,
    [ServiceQualification.ACCEPTED_PSP_ONLY]: TO_ANY,
    [ServiceQualification.UNQUALIFIED]: TO_ANY,
  },
});
