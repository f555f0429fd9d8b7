import { ArrayMaxSize, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { IdempotentInput, VersionedInput } from '../common/mutation-inputs';
import { CountryCodeScalar } from '../common/scalars';
import { OpportunityKind } from '../crm/opportunity.enums';
import { PartnerOwnedFilter } from '../common/list-query';
import { DealProgramType, DealRegistrationStatus } from './deal.enums';

@InputType()
export class DealRegistrationFilter extends PartnerOwnedFilter {
  @Field(() => [DealRegistrationStatus], { nullable: true })
  status?: DealRegistrationStatus[] | null;

  @Field(() => [DealProgramType], { nullable: true })
  programType?: DealProgramType[] | null;

  @Field(() => [ID], { nullable: true, description: 'Global IDs of opportunities (up to 100).' })
  @IsOptional()
  @ArrayMaxSize(100)
  opportunityIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Partner-portal registration IDs (up to 100).' })
  @IsOptional()
  @ArrayMaxSize(100)
  portalExternalIds?: string[] | null;
}

@InputType({ description: 'The opportunity a registration is for: a CRM opportunity ID, or what Ecosystem Ops needs to create one (R-DEAL-05).' })
export class RegisteredOpportunityInput {
  @Field(() => String, { nullable: true, description: 'CRM opportunity ID. Unknown or absent: a new opportunity is created.' })
  @IsOptional()
  @MaxLength(100)
  externalId?: string | null;

  @Field(() => String, { nullable: true, description: 'Needed to create the opportunity.' })
  @IsOptional()
  @MaxLength(200)
  name?: string | null;

  @Field(() => OpportunityKind, { nullable: true, description: 'Needed to create the opportunity (R-DEAL-02).' })
  @IsOptional()
  kind?: OpportunityKind | null;

  @Field(() => String, { nullable: true, description: 'CRM account ID of the customer; a new customer is created if unknown.' })
  @IsOptional()
  @MaxLength(100)
  customerCrmAccountId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  customerName?: string | null;

  @Field(() => CountryCodeScalar, { nullable: true })
  @IsOptional()
  customerCountry?: string | null;
}

@InputType()
export class SubmitDealRegistrationInput extends IdempotentInput {
  @Field(() => ID, { nullable: true, description: 'The registering partner; a PARTNER_USER key may leave it out.' })
  @IsOptional()
  partnerId?: string | null;

  @Field(() => DealProgramType)
  programType: DealProgramType;

  @Field(() => RegisteredOpportunityInput)
  @ValidateNested()
  opportunity: RegisteredOpportunityInput;

  @Field(() => String, { nullable: true, description: 'Registration ID in the partner portal.' })
  @IsOptional()
  @MaxLength(100)
  portalExternalId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  notes?: string | null;
}

export enum SalesReviewStep {
  ESM = 'ESM',
  ASM = 'ASM',
}
registerEnumType(SalesReviewStep, { name: 'SalesReviewStep' });

export enum SalesReviewDecisionValue {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
}
registerEnumType(SalesReviewDecisionValue, { name: 'SalesReviewDecision' });

@InputType({ description: 'The ESM or ASM decision on a pending registration (R-DEAL-06).' })
export class DecideDealRegistrationInput extends VersionedInput {
  @Field(() => ID)
  id: string;

  @Field(() => SalesReviewStep, { description: 'Which step this decision is for; must match the registration’s status.' })
  step: SalesReviewStep;

  @Field(() => SalesReviewDecisionValue)
  decision: SalesReviewDecisionValue;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  reason?: string | null;
}

@InputType()
export class WithdrawDealRegistrationInput extends VersionedInput {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  reason?: string | null;
}
