import { partnerOwned, valueType } from '../access/policy';
import type { DomainModule } from '../common/domain-module';
import { UserErrorCode } from '../common/user-error';
import { ChampionActivity } from './champion-activity.entity';
import { ChampionNomination } from './champion-nomination.entity';
import { ChampionNominationResolver, PartnerChampionNominationsResolver } from './champion-nomination.resolver';
import { CHAMPION_RULES } from './champion.catalogue';
import { championNominationMachine } from './champion.machine';
import { OnboardingTask } from './onboarding-task.entity';

const owned = <T extends { partnerId: string }>(type: string) => partnerOwned<T>(type, { ownerOf: (row) => row.partnerId });

/** The partner champions program: nominations, onboarding, activities and standing (R-CHAMP). */
export const championsModule: DomainModule = {
  name: 'champions',
  entities: [ChampionNomination, OnboardingTask, ChampionActivity],
  nodeTypes: [ChampionNomination, OnboardingTask, ChampionActivity],
  resolvers: [ChampionNominationResolver, PartnerChampionNominationsResolver],
  policies: [
    owned<ChampionNomination>('ChampionNomination'),
    owned<OnboardingTask>('OnboardingTask'),
    owned<ChampionActivity>('ChampionActivity'),
    valueType('ChampionStanding'),
    valueType('ChampionExpectation'),
  ],
  rules: CHAMPION_RULES,
  machines: [championNominationMachine],
  constraintErrors: {
    champion_nomination_one_open_per_person: {
      code: UserErrorCode.ALREADY_EXISTS,
      message: 'This person already has a nomination in progress',
      ruleIds: ['R-CHAMP-02'],
    },
  },
};
