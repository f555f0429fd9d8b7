import { ArrayMaxSize, ArrayMinSize, IsOptional, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { PartnerOwnedFilter } from '../common/list-query';
import { IdempotentInput, VersionedInput } from '../common/mutation-inputs';
import { CurrencyScalar, DateScalar, DecimalScalar } from '../common/scalars';
import { ServiceLineKind, ServiceQualification } from './service-registration.enums';

const NON_NEGATIVE_DECIMAL = /^\d+(\.\d+)?$/;
const NOT_BLANK = /\S/;

@InputType()
export class ServiceRegistrationFilter extends PartnerOwnedFilter {
  @Field(() => [ServiceQualification], { nullable: true })
  qualification?: ServiceQualification[] | null;
}

@InputType({ description: 'One service in the registration’s scope (R-SAR-04); flags left out are false.' })
export class ServiceLineInput {
  @Field(() => ServiceLineKind)
  kind: ServiceLineKind;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(1000)
  description?: string | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  freeOfCharge?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Delivered by a subcontractor of the partner.' })
  @IsOptional()
  subcontracted?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Managed/hosted service whose GitLab software is sold to or owned by the partner (R-SAR-04/05).' })
  @IsOptional()
  softwareOwnedByPartner?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Proof of execution, for free-of-charge partner-led services (R-SAR-05).' })
  @IsOptional()
  proofOfExecution?: boolean | null;

  @Field(() => DecimalScalar, { nullable: true })
  @IsOptional()
  @Matches(NON_NEGATIVE_DECIMAL, { message: 'amount must be a non-negative decimal' })
  amount?: string | null;

  @Field(() => CurrencyScalar, { nullable: true, description: 'Defaults to USD.' })
  @IsOptional()
  currency?: string | null;
}

@InputType()
export class SubmitServiceRegistrationInput extends IdempotentInput {
  @Field(() => ID, { nullable: true, description: 'The registering partner; a PARTNER_USER key may leave it out.' })
  @IsOptional()
  partnerId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'CRM ID of the related license opportunity. Leave it out when there is none: the registration is then UNQUALIFIED (R-SAR-06).',
  })
  @IsOptional()
  @MaxLength(100)
  opportunityExternalId?: string | null;

  @Field(() => [ServiceLineInput], { description: 'The services in scope, 1 to 50.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  serviceLines: ServiceLineInput[];

  @Field(() => Boolean, { nullable: true, description: 'Customer in a regulated industry, e.g. public sector (R-SAR-03). Default false.' })
  @IsOptional()
  regulatedIndustry?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Registration ID in the partner portal.' })
  @IsOptional()
  @MaxLength(100)
  portalExternalId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Default false. True: the same checks and rules, and the qualification it would get returned in `dryRun`; nothing is stored and the idempotency key is not used.',
  })
  @IsOptional()
  dryRun?: boolean | null;
}

@InputType({ description: 'The statement of work behind a registration; one per registration (R-SAR-02/03).' })
export class AttachStatementOfWorkInput extends VersionedInput {
  @Field(() => ID)
  registrationId: string;

  @Field(() => String, { nullable: true, description: 'Send the same key when retrying: the first result is returned and nothing is attached twice.' })
  @IsOptional()
  @MaxLength(200)
  @Matches(/^[\w.:-]+$/, { message: 'idempotencyKey may hold letters, digits and . _ : - only' })
  idempotencyKey?: string | null;

  @Field({ description: 'The SOW reference; compared trimmed and case-insensitively, and stored that way (R-SAR-02).' })
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'reference must not be blank' })
  reference: string;

  @Field(() => DateScalar, { nullable: true, description: 'Customer signature (or acknowledgement) date; not in the future.' })
  @IsOptional()
  customerSignedOn?: Date | null;

  @Field(() => Boolean, { nullable: true, description: 'Default false.' })
  @IsOptional()
  fullyExecuted?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Written customer acknowledgement; replaces full execution in regulated industries only (R-SAR-03). Default false.',
  })
  @IsOptional()
  customerAcknowledgement?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'A paid engagement (R-SAR-05). Default true.' })
  @IsOptional()
  paid?: boolean | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'SOW amount, reported with rebates (R-SAR-07).' })
  @IsOptional()
  @Matches(NON_NEGATIVE_DECIMAL, { message: 'amount must be a non-negative decimal' })
  amount?: string | null;

  @Field(() => CurrencyScalar, { nullable: true, description: 'Defaults to USD.' })
  @IsOptional()
  currency?: string | null;
}

@InputType({ description: 'Lets one SOW back the registrations of several phases of a project (R-SAR-02).' })
export class GrantMultiPhaseExceptionInput extends IdempotentInput {
  @Field({ description: 'The SOW reference it covers; compared trimmed and case-insensitively.' })
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'sowReference must not be blank' })
  sowReference: string;

  @Field({ description: 'Why the SOW may back several registrations; required (R-SAR-02).' })
  @MaxLength(2000)
  reason: string;
}
