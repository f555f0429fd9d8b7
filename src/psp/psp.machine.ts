import { Role } from '../auth/role.enum';
import { defineMachine } from '../rules/state-machine';
import { PspDesignationStatus } from './psp.enums';

const { COMPLIANT, AT_RISK, REVOKED } = PspDesignationStatus;

/** Decision: RULES.md names no role for R-PSP; the designation is an Ecosystem Ops program decision. */
export const PSP_MANAGERS = [Role.ECOSYSTEM_OPS] as const;
const DECIDERS = [...PSP_MANAGERS, 'SYSTEM'] as const;

/** R-PSP-01 grant, R-PSP-03: COMPLIANT ↔ AT_RISK → REVOKED (final). */
export const pspDesignationMachine = defineMachine<PspDesignationStatus>({
  entityType: 'PspDesignation',
  initial: { [COMPLIANT]: { by: PSP_MANAGERS, ruleIds: ['R-PSP-01'] } },
  states: {
    [COMPLIANT]: { [AT_RISK]: { by: DECIDERS, ruleIds: ['R-PSP-03'] } },
    [AT_RISK]: { [COMPLIANT]: { by: DECIDERS, ruleIds: ['R-PSP-03'] }, [REVOKED]: { by: DECIDERS, ruleIds: ['R-PSP-03'] } },
    [REVOKED]: {},
  },
});
