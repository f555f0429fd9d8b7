import { IsOptional, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { PartnerOwnedFilter } from '../common/list-query';
import { IdempotentInput, VersionedInput } from '../common/mutation-inputs';
import { DateScalar, EmailAddressScalar, UrlScalar } from '../common/scalars';
import { ChampionActivityKind, ChampionNominationStatus, OnboardingTaskKind } from './champion.enums';

const NOT_BLANK = /\S/;

@InputType()
export class ChampionNominationFilter extends PartnerOwnedFilter {
  @Field(() => [ChampionNominationStatus], { nullable: true })
  status?: ChampionNominationStatus[] | null;
}

@InputType({ description: 'A partner nominates one of its people as champion, endorsed by one of its leaders (R-CHAMP-01).' })
export class NominateChampionInput extends IdempotentInput {
  @Field(() => ID, { nullable: true, description: 'The nominating partner; a PARTNER_USER key may leave it out.' })
  @IsOptional()
  partnerId?: string | null;

  @Field(() => ID, { description: 'The nominee: a person currently employed by the partner.' })
  personId: string;

  @Field(() => ID, { description: 'The endorsing leader: another person of the partner with `isLeadership`.' })
  endorsedByPersonId: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  endorsementNote?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Default false. True: the same checks and rules, and the decision returned in `dryRun`; nothing is stored and the idempotency key is not used.',
  })
  @IsOptional()
  dryRun?: boolean | null;
}

@InputType({ description: 'Partner Support opens the review with its support case (R-CHAMP-02).' })
export class StartChampionReviewInput extends VersionedInput {
  @Field(() => ID)
  id: string;

  @Field({ description: 'The partner-support case that follows the nomination up.' })
  @MaxLength(100)
  @Matches(NOT_BLANK, { message: 'supportCaseReference must not be blank' })
  supportCaseReference: string;
}

export enum ChampionNominationDecisionValue {
  APPROVE = 'APPROVE',
  DECLINE = 'DECLINE',
}
registerEnumType(ChampionNominationDecisionValue, { name: 'ChampionNominationDecision' });

@InputType({ description: 'The Champions Program Manager approves or declines a nomination under review (R-CHAMP-02).' })
export class DecideChampionNominationInput extends VersionedInput {
  @Field(() => ID)
  id: string;

  @Field(() => ChampionNominationDecisionValue)
  decision: ChampionNominationDecisionValue;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  reason?: string | null;
}

@InputType({ description: 'Assigns the sponsor GitLab SA of an approved champion and starts onboarding (R-CHAMP-02).' })
export class AssignChampionSponsorInput extends VersionedInput {
  @Field(() => ID)
  id: string;

  @Field()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'sponsorName must not be blank' })
  sponsorName: string;

  @Field(() => EmailAddressScalar)
  @MaxLength(320)
  sponsorEmail: string;
}

@InputType({ description: 'Marks one onboarding task of a nomination done; the last one makes the champion ACTIVE (R-CHAMP-02).' })
export class CompleteOnboardingTaskInput extends VersionedInput {
  @Field(() => ID, { description: 'The nomination.' })
  id: string;

  @Field(() => OnboardingTaskKind)
  task: OnboardingTaskKind;
}

@InputType({ description: 'An enablement session or publication of an active champion (R-CHAMP-03).' })
export class RecordChampionActivityInput extends IdempotentInput {
  @Field(() => ID, { description: 'The champion’s nomination.' })
  nominationId: string;

  @Field(() => ChampionActivityKind)
  kind: ChampionActivityKind;

  @Field()
  @MaxLength(300)
  @Matches(NOT_BLANK, { message: 'title must not be blank' })
  title: string;

  @Field(() => DateScalar, { description: 'The day it took place or was published; not in the future.' })
  occurredOn: Date;

  @Field(() => UrlScalar, { nullable: true })
  @IsOptional()
  url?: string | null;
}

@InputType({ description: 'An active champion leaves the program and becomes an alumnus (R-CHAMP-02).' })
export class RetireChampionInput extends VersionedInput {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  reason?: string | null;
}
