import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../common/scalars';
import { DecisionCondition } from '../events/decision';
import { ChampionNomination } from './champion-nomination.entity';

export enum ChampionExpectationCode {
  ENABLEMENT_SESSION = 'ENABLEMENT_SESSION',
  PUBLICATIONS = 'PUBLICATIONS',
  PROFESSIONAL_CERTIFICATION = 'PROFESSIONAL_CERTIFICATION',
}
registerEnumType(ChampionExpectationCode, { name: 'ChampionExpectationCode' });

export enum ChampionExpectationStatus {
  MET = 'MET',
  UNMET = 'UNMET',
  /** The period has not ended and the count is still short. */
  IN_PROGRESS = 'IN_PROGRESS',
  /** The period ended before the champion's activation (R-CHAMP-03). */
  NOT_REQUIRED = 'NOT_REQUIRED',
}
registerEnumType(ChampionExpectationStatus, { name: 'ChampionExpectationStatus' });

@ObjectType('ChampionExpectation', { description: 'One expected output of a champion for one period (R-CHAMP-03).' })
export class ChampionExpectationResult {
  @Field(() => ChampionExpectationCode)
  code: ChampionExpectationCode;

  @Field({ description: "'2026-Q1' for a quarter, '2026' for the year." })
  period: string;

  @Field(() => Int, { description: 'What the period asks, prorated from the activation; 0 when NOT_REQUIRED.' })
  required: number;

  @Field(() => Int)
  actual: number;

  @Field(() => ChampionExpectationStatus, {
    description: 'IN_PROGRESS while the period runs and the count is short; NOT_REQUIRED when it ended before the activation.',
  })
  status: ChampionExpectationStatus;
}

@ObjectType('ChampionStanding', {
  description: "A champion's outputs against R-CHAMP-03 for one calendar year, counted from its activation. Computed, never stored.",
})
export class ChampionStandingReport {
  @Field(() => ChampionNomination)
  nomination: ChampionNomination;

  @Field(() => Int)
  year: number;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the champion became ACTIVE; null while it never was (then nothing is expected).' })
  activatedAt: Date | null;

  @Field({ description: 'No expectation is UNMET (IN_PROGRESS ones may still be short).' })
  meetsExpectations: boolean;

  @Field(() => [String])
  ruleIds: string[];

  @Field(() => [String])
  reasons: string[];

  @Field(() => [DecisionCondition], { description: 'Each UNMET expectation, with required and actual counts.' })
  unmet: DecisionCondition[];

  @Field(() => [ChampionExpectationResult], { description: 'Each quarter’s enablement session, the year’s publications, then the certification.' })
  expectations: ChampionExpectationResult[];
}
