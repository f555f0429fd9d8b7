import { ArrayMaxSize, IsFQDN, IsNotEmpty, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { IdempotentInput, VersionedInput } from '../common/mutation-inputs';
import { CountryCodeScalar } from '../common/scalars';
import { CustomerSector } from '../crm/customer-facts';
import { OpportunityKind } from '../crm/opportunity.enums';
import { Territory } from '../partners/partner.enums';
import { PartnerOwnedFilter } from '../common/list-query';
import { DealProgramType, DealRegistrationStatus } from './deal.enums';

const DRY_RUN = 'Apply the same checks and rules and return the decision, writing nothing (audited as DRY_RUN).';

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

@InputType({
  description:
    'The opportunity a registration is for: a CRM opportunity ID, or what Ecosystem Ops needs to find or create it (R-DEAL-05). Without a known ID the customer is matched by CRM account ID, else name or e-mail domain.',
})
export class RegisteredOpportunityInput {
  @Field(() => String, {
    nullable: true,
    description: 'CRM opportunity ID. Absent or unknown to the CRM: the customer’s open opportunities are matched (R-DEAL-05).',
  })
  @IsOptional()
  @MaxLength(100)
  externalId?: string | null;

  @Field(() => String, { nullable: true, description: 'Needed when the opportunity is not in the CRM.' })
  @IsOptional()
  @MaxLength(200)
  name?: string | null;

  @Field(() => OpportunityKind, { nullable: true, description: 'Needed when the opportunity is not in the CRM (R-DEAL-02).' })
  @IsOptional()
  kind?: OpportunityKind | null;

  @Field(() => String, {
    nullable: true,
    description: 'CRM account ID of the customer, if the partner knows it. A new customer needs none: the CRM job attaches it later.',
  })
  @IsOptional()
  @MaxLength(100)
  customerCrmAccountId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Needed when the opportunity is not in the CRM; matched after normalization (case, punctuation, legal form).',
  })
  @IsOptional()
  @MaxLength(200)
  customerName?: string | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: 'Default: the partner’s country.' })
  @IsOptional()
  customerCountry?: string | null;

  @Field(() => CustomerSector, { nullable: true, description: 'PUBLIC_SECTOR in the US puts the customer in US_PUBSEC (R-REN-03).' })
  @IsOptional()
  customerSector?: CustomerSector | null;

  @Field(() => Territory, {
    nullable: true,
    description: 'Default: US public sector → US_PUBSEC; US, CA, JP, IN, TH → their territory; otherwise the partner’s.',
  })
  @IsOptional()
  customerTerritory?: Territory | null;

  @Field(() => String, { nullable: true, description: 'The customer’s e-mail domain, e.g. initech.com (R-DEAL-05 matching).' })
  @IsOptional()
  @MaxLength(253)
  @IsFQDN({}, { message: 'customerEmailDomain must be a domain name such as initech.com' })
  customerEmailDomain?: string | null;
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

  // No default: an omitted dryRun stays out of the idempotency key's input hash, as before it existed.
  @Field(() => Boolean, { nullable: true, description: DRY_RUN })
  @IsOptional()
  dryRun?: boolean | null;
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

@InputType({ description: 'The person who decided a step in the CRM, named by a relayed decision (R-DEAL-06).' })
export class RelayedDeciderInput {
  @Field({ description: 'CRM user ID of the person who decided.' })
  @IsNotEmpty()
  @MaxLength(200)
  crmUserId: string;

  @Field(() => SalesReviewStep, { description: 'The role in which they decided; must be the step’s.' })
  role: SalesReviewStep;
}

@InputType({ description: 'The ESM or ASM decision on a pending registration (R-DEAL-06).' })
export class DecideDealRegistrationInput extends VersionedInput {
  @Field(() => ID)
  id: string;

  @Field(() => SalesReviewStep, { description: 'Which step this decision is for; must match the registration’s status.' })
  step: SalesReviewStep;

  @Field(() => SalesReviewDecisionValue)
  decision: SalesReviewDecisionValue;

  @Field(() => String, {
    nullable: true,
    description: 'Recorded with the decision. Required to approve while an earlier registration for the opportunity still waits (R-DEAL-03).',
  })
  @IsOptional()
  @MaxLength(2000)
  reason?: string | null;

  @Field(() => RelayedDeciderInput, {
    nullable: true,
    description: 'Required from CRM_SYNC (and allowed for ADMIN): who decided in the CRM. The ESM and ASM steps must be different people (R-DEAL-06).',
  })
  @IsOptional()
  @ValidateNested()
  decidedBy?: RelayedDeciderInput | null;

  @Field({ defaultValue: false, description: DRY_RUN })
  dryRun: boolean;
}

@InputType({ description: 'Ecosystem Ops links a PENDING_OPS_REVIEW registration to an opportunity; R-DEAL-05 then routes it.' })
export class LinkDealRegistrationOpportunityInput extends VersionedInput {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { description: 'The opportunity it is for: usually one of its `candidateOpportunities`.' })
  opportunityId: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  reason?: string | null;

  @Field({ defaultValue: false, description: DRY_RUN })
  dryRun: boolean;
}

@InputType({
  description: 'Ecosystem Ops confirms that a PENDING_OPS_REVIEW registration is for a new opportunity: approved, and the opportunity is created (R-DEAL-05).',
})
export class ConfirmNewDealOpportunityInput extends VersionedInput {
  @Field(() => ID)
  id: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'The existing customer the new opportunity is for. Default: the customer the submission matched best, else a new customer from the submission.',
  })
  @IsOptional()
  customerId?: string | null;

  @Field({ defaultValue: false, description: 'Create a new customer from the submission even though an existing one matched.' })
  newCustomer: boolean;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  reason?: string | null;

  @Field({ defaultValue: false, description: DRY_RUN })
  dryRun: boolean;
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
