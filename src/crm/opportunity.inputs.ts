import { ArrayMaxSize, IsFQDN, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { MAX_BULK_ITEMS } from '../common/bulk';
import { IdempotentInput } from '../common/mutation-inputs';
import { CountryCodeScalar, CurrencyScalar, DateScalar, DateTimeScalar, DecimalScalar } from '../common/scalars';
import { Territory } from '../partners/partner.enums';
import { Field, ID, InputType } from 'type-graphql';
import { RecordFilter } from '../common/list-query';
import { CustomerSector } from './customer-facts';
import { OpportunityKind, OpportunityStage } from './opportunity.enums';

@InputType()
export class OpportunityFilter extends RecordFilter {
  @Field(() => [String], { nullable: true, description: 'CRM opportunity IDs (up to 100).' })
  @IsOptional()
  @ArrayMaxSize(100)
  externalIds?: string[] | null;

  @Field(() => [OpportunityStage], { nullable: true })
  stage?: OpportunityStage[] | null;

  @Field(() => [OpportunityKind], { nullable: true })
  kind?: OpportunityKind[] | null;

  @Field(() => [ID], { nullable: true, description: 'Global IDs of customers (up to 100).' })
  @IsOptional()
  @ArrayMaxSize(100)
  customerIds?: string[] | null;
}

@InputType()
export class CustomerFilter extends RecordFilter {
  @Field(() => [String], { nullable: true, description: 'CRM account IDs (up to 100).' })
  @IsOptional()
  @ArrayMaxSize(100)
  crmAccountIds?: string[] | null;
}

@InputType({
  description:
    'The customer account of an opportunity, as the CRM knows it. An account ID the API does not know yet attaches to the customer a partner registered (R-DEAL-05: that opportunity’s customer, else the one customer awaiting a CRM ID with the same normalized name or e-mail domain), or creates one.',
})
export class CustomerAccountInput {
  @Field({ description: 'CRM account ID: the key customers are upserted by.' })
  @MaxLength(100)
  crmAccountId: string;

  @Field()
  @MaxLength(200)
  name: string;

  @Field(() => CountryCodeScalar)
  country: string;

  @Field(() => Territory, { description: 'US_PUBSEC for US public sector (tender pricing, R-REN-03).' })
  territory: Territory;

  @Field(() => CustomerSector, { nullable: true, description: 'Left out: kept (PUBLIC_SECTOR when the territory is US_PUBSEC).' })
  @IsOptional()
  sector?: CustomerSector | null;

  @Field(() => String, { nullable: true, description: 'The customer’s e-mail domain (R-DEAL-05 matching). Left out: kept.' })
  @IsOptional()
  @MaxLength(253)
  @IsFQDN({}, { message: 'emailDomain must be a domain name such as initech.com' })
  emailDomain?: string | null;
}

@InputType({ description: 'An opportunity as the CRM has it. Fields left out keep their value; required when creating: name, customer, stage, kind.' })
export class UpsertOpportunityInput {
  @Field({ description: 'CRM opportunity ID: the upsert key.' })
  @MaxLength(100)
  externalId: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The PRM-… ID of an opportunity the API created for a deal registration (R-DEAL-05) that the CRM now has as `externalId`: that opportunity takes the CRM ID and keeps its registrations. Ignored once `externalId` is known.',
  })
  @IsOptional()
  @MaxLength(100)
  placeholderExternalId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200)
  name?: string | null;

  @Field(() => CustomerAccountInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  customer?: CustomerAccountInput | null;

  @Field(() => OpportunityStage, { nullable: true })
  @IsOptional()
  stage?: OpportunityStage | null;

  @Field(() => OpportunityKind, { nullable: true })
  @IsOptional()
  kind?: OpportunityKind | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Sales Last Activity Date (R-DEAL-05).' })
  @IsOptional()
  lastSalesActivityAt?: Date | null;

  @Field(() => DecimalScalar, { nullable: true })
  @IsOptional()
  amount?: string | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'Net ARR (R-SAR-05).' })
  @IsOptional()
  netArr?: string | null;

  @Field(() => CurrencyScalar, { nullable: true })
  @IsOptional()
  currency?: string | null;

  @Field(() => DateScalar, { nullable: true })
  @IsOptional()
  closeDate?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it closed; defaults to the time of the upsert that closes it.' })
  @IsOptional()
  closedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'CRM account ID of the partner that transacted the sale (R-REN-01).' })
  @IsOptional()
  @MaxLength(100)
  resellerPartnerCrmAccountId?: string | null;
}

@InputType({ description: 'A customer communication designating a partner (R-REN-02).' })
export class RecordCustomerCommunicationInput extends IdempotentInput {
  @Field(() => ID)
  customerId: string;

  @Field(() => ID)
  partnerId: string;

  @Field({ description: 'Formal and written; anything else is kept but moves nothing.' })
  formalWritten: boolean;

  @Field()
  @MaxLength(500)
  reference: string;
}

@InputType({ description: `Up to ${MAX_BULK_ITEMS} opportunities, each applied on its own: a bad item never blocks the others.` })
export class UpsertOpportunitiesInput {
  // Checked by the bulk service, and each item by upsertOpportunity's own validation.
  @Field(() => [UpsertOpportunityInput])
  items: UpsertOpportunityInput[];
}
