import { Role } from '../auth/role.enum';
import { ActorKind, Edge, Exits, defineMachine } from '../rules/state-machine';
import { ServiceQualification } from './service-registration.enums';

/** Who registers services and attaches SOWs for a partner. */
export const SUBMITTERS = [Role.PARTNER_USER, Role.PORTAL_SYNC] as const;

/**
 * R-SAR-07: the qualification is recomputed whenever one of its inputs changes, whoever changed it
 * (the partner attaching a SOW, the CRM closing the opportunity, Ops granting or revoking PSP, a
 * window closing with time), so any qualification may follow any other.
 */
const ANYONE: readonly ActorKind[] = [...Object.values(Role), 'SYSTEM'];
const recomputed: Edge = { by: ANYONE, ruleIds: ['R-SAR-07'] };

function toEveryOther(from: ServiceQualification): Exits<ServiceQualification> {
  return Object.fromEntries(
    Object.values(ServiceQualification)
      .filter((to) => to !== from)
      .map((to) => [to, recomputed]),
  );
}

export const serviceQualificationMachine = defineMachine<ServiceQualification>({
  entityType: 'ServiceRegistration',
  field: 'qualification',
  initial: Object.fromEntries(Object.values(ServiceQualification).map((to) => [to, { by: SUBMITTERS, ruleIds: ['R-SAR-07'] }])),
  states: {
    [ServiceQualification.PENDING]: toEveryOther(ServiceQualification.PENDING),
    [ServiceQualification.APPROVED_REBATE_AND_PSP]: toEveryOther(ServiceQualification.APPROVED_REBATE_AND_PSP),
    [ServiceQualification.ACCEPTED_PSP_ONLY]: toEveryOther(ServiceQualification.ACCEPTED_PSP_ONLY),
    [ServiceQualification.UNQUALIFIED]: toEveryOther(ServiceQualification.UNQUALIFIED),
  },
});
