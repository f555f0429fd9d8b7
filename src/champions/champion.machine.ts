import { Role } from '../auth/role.enum';
import { defineMachine } from '../rules/state-machine';
import { ChampionNominationStatus } from './champion.enums';

const { NOMINATED, UNDER_REVIEW, APPROVED, DECLINED, ONBOARDING, ACTIVE, ALUMNI } = ChampionNominationStatus;

/** The partner nominates, directly or through its portal (R-CHAMP-01). */
export const NOMINATORS = [Role.PARTNER_USER, Role.PORTAL_SYNC] as const;
const MANAGER = [Role.CHAMPIONS_PROGRAM_MANAGER] as const;

/**
 * R-CHAMP-02. Decision: UNDER_REVIEW is set by Partner Support or automatically (SYSTEM) when the
 * support case opens; ACTIVE is set automatically when the last onboarding task is done, or by the manager.
 */
export const championNominationMachine = defineMachine<ChampionNominationStatus>({
  entityType: 'ChampionNomination',
  initial: { [NOMINATED]: { by: NOMINATORS, ruleIds: ['R-CHAMP-01', 'R-CHAMP-02'] } },
  states: {
    [NOMINATED]: { [UNDER_REVIEW]: { by: [Role.PARTNER_SUPPORT, 'SYSTEM'], ruleIds: ['R-CHAMP-02'] } },
    [UNDER_REVIEW]: { [APPROVED]: { by: MANAGER, ruleIds: ['R-CHAMP-02'] }, [DECLINED]: { by: MANAGER, ruleIds: ['R-CHAMP-02'] } },
    [APPROVED]: { [ONBOARDING]: { by: MANAGER, ruleIds: ['R-CHAMP-02'] } },
    [ONBOARDING]: { [ACTIVE]: { by: [...MANAGER, 'SYSTEM'], ruleIds: ['R-CHAMP-02'] } },
    [ACTIVE]: { [ALUMNI]: { by: MANAGER, ruleIds: ['R-CHAMP-02'] } },
    [DECLINED]: {},
    [ALUMNI]: {},
  },
});
