import { registerEnumType } from 'type-graphql';

/** R-CHAMP-02 */
export enum ChampionNominationStatus {
  NOMINATED = 'NOMINATED',
  UNDER_REVIEW = 'UNDER_REVIEW',
  APPROVED = 'APPROVED',
  DECLINED = 'DECLINED',
  ONBOARDING = 'ONBOARDING',
  ACTIVE = 'ACTIVE',
  ALUMNI = 'ALUMNI',
}

/** R-CHAMP-02 onboarding tasks. */
export enum OnboardingTaskKind {
  GROUP_INVITATION = 'GROUP_INVITATION',
  ONBOARDING_ISSUE = 'ONBOARDING_ISSUE',
  SPONSOR_TASKS = 'SPONSOR_TASKS',
  CHAMPION_TASKS = 'CHAMPION_TASKS',
}

/** R-CHAMP-03 outputs. */
export enum ChampionActivityKind {
  ENABLEMENT_SESSION = 'ENABLEMENT_SESSION',
  BLOG = 'BLOG',
  VIDEO = 'VIDEO',
  WHITEPAPER = 'WHITEPAPER',
}

registerEnumType(ChampionActivityKind, { name: 'ChampionActivityKind' });
registerEnumType(ChampionNominationStatus, { name: 'ChampionNominationStatus' });
registerEnumType(OnboardingTaskKind, { name: 'OnboardingTaskKind' });
