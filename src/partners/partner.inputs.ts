import { Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Matches, MaxLength, MinLength, ValidateBy, ValidateIf, ValidateNested } from 'class-validator';
import { RecordFilter } from '../common/list-query';
import { IdempotentInput, VersionedInput } from '../common/mutation-inputs';
import { CountryCodeScalar, CurrencyScalar, DateTimeScalar, DecimalScalar, EmailAddressScalar, UrlScalar } from '../common/scalars';
import { AgreementKind, AllianceType, PartnerCategory, PartnerLifecycleStatus, PartnerTrack, Territory } from './partner.enums';

@InputType({ description: 'Every given field must match; list fields match any of their values.' })
export class PartnerFilter extends RecordFilter {
  @Field(() => [PartnerLifecycleStatus], { nullable: true })
  status?: PartnerLifecycleStatus[] | null;

  @Field(() => [PartnerTrack], { nullable: true })
  track?: PartnerTrack[] | null;

  @Field(() => [PartnerCategory], { nullable: true })
  category?: PartnerCategory[] | null;

  @Field(() => [Territory], { nullable: true })
  territory?: Territory[] | null;

  @Field(() => CountryCodeScalar, { nullable: true })
  country?: string | null;

  @Field(() => [String], { nullable: true, description: 'Partner-portal IDs (up to 100).' })
  @IsOptional()
  @ArrayMaxSize(100)
  portalExternalIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'CRM account IDs (up to 100).' })
  @IsOptional()
  @ArrayMaxSize(100)
  crmAccountIds?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the name.' })
  @IsOptional()
  @MaxLength(100)
  nameContains?: string | null;
}

/**
 * For fields that may be left out (kept as is) but not cleared: one VALIDATION_FAILED error for a
 * null or bad value, where stacked validators would report the same null several times.
 */
export function NotNullWhenGiven(check: (value: unknown) => boolean = () => true, expected = 'given') {
  return function decorate(target: object, property: string): void {
    ValidateIf((input: Record<string, unknown>) => input[property] !== undefined)(target, property);
    ValidateBy({
      name: 'notNullWhenGiven',
      validator: {
        validate: (value: unknown) => value !== null && check(value),
        defaultMessage: () => `${property} cannot be cleared and must be ${expected}`,
      },
    })(target, property);
  };
}

/** NotNullWhenGiven for a string of 1 to `max` characters. */
export const NonEmptyStringWhenGiven = (max: number) =>
  NotNullWhenGiven((value) => typeof value === 'string' && value.length >= 1 && value.length <= max, `a string of 1 to ${max} characters`);

@InputType({ description: 'A program application from the partner portal: the partner is created APPLIED (R-PTR-06).' })
export class ApplyPartnerInput extends IdempotentInput {
  @Field()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @Field(() => PartnerCategory, { description: 'R-PTR-01' })
  category: PartnerCategory;

  @Field(() => AllianceType, { nullable: true, description: 'Required for, and only for, ALLIANCE partners (R-PTR-01).' })
  @IsOptional()
  allianceType?: AllianceType | null;

  @Field(() => PartnerTrack, { nullable: true, description: 'Channel partners only; OPEN when left out. SELECT is by invitation only (R-PTR-02).' })
  @IsOptional()
  track?: PartnerTrack | null;

  @Field(() => Territory)
  territory: Territory;

  @Field(() => CountryCodeScalar)
  country: string;

  @Field(() => UrlScalar, { nullable: true })
  @IsOptional()
  website?: string | null;

  @Field(() => String, { nullable: true, description: 'ID in the partner portal (Impartner).' })
  @IsOptional()
  @MaxLength(100)
  portalExternalId?: string | null;

  @Field(() => String, { nullable: true, description: 'Account ID in the CRM (Salesforce).' })
  @IsOptional()
  @MaxLength(100)
  crmAccountId?: string | null;
}

@InputType({ description: 'A lifecycle change of one partner (R-PTR-06).' })
export class PartnerStatusChangeInput extends VersionedInput {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: 'Why; recorded in the partner’s history.' })
  @IsOptional()
  @MaxLength(2000)
  reason?: string | null;
}

@InputType({ description: 'APPLIED → ACTIVE: needs the signed agreement of the partner’s category (R-PTR-06/08).' })
export class ActivatePartnerInput extends PartnerStatusChangeInput {}

@InputType({ description: 'ACTIVE → SUSPENDED (R-PTR-06).' })
export class SuspendPartnerInput extends PartnerStatusChangeInput {}

@InputType({ description: 'SUSPENDED → ACTIVE (R-PTR-06).' })
export class ReinstatePartnerInput extends PartnerStatusChangeInput {}

@InputType({ description: '→ TERMINATED, which is final (R-PTR-06).' })
export class TerminatePartnerInput extends PartnerStatusChangeInput {}

@InputType({ description: 'Records the signed partner agreement (R-PTR-08).' })
export class SignPartnerAgreementInput extends VersionedInput {
  @Field(() => ID)
  id: string;

  @Field(() => AgreementKind, { description: 'Alliance partners sign TECHNOLOGY_PARTNER, all others CHANNEL_PARTNER (R-PTR-08).' })
  agreementKind: AgreementKind;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was signed; now when left out. Not in the future.' })
  @IsOptional()
  signedAt?: Date | null;
}

@InputType({ description: 'Invites a channel partner to the Select track (R-PTR-02) and names its dedicated Channel Account Manager (R-PTR-07).' })
export class InvitePartnerToSelectInput extends VersionedInput {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: 'Needed unless the partner already has one (R-PTR-07).' })
  @IsOptional()
  @MaxLength(200)
  channelAccountManagerName?: string | null;

  @Field(() => EmailAddressScalar, { nullable: true })
  @IsOptional()
  @MaxLength(320)
  channelAccountManagerEmail?: string | null;
}

@InputType({ description: 'The invited partner accepts the Select track; only if it meets R-PTR-04 (R-PTR-02).' })
export class AcceptSelectInvitationInput extends VersionedInput {
  @Field(() => ID, { nullable: true, description: 'The partner; a PARTNER_USER key may leave it out.' })
  @IsOptional()
  id?: string | null;
}

@InputType({ description: 'An amount of money: an exact decimal string and an ISO 4217 currency.' })
export class MoneyInput {
  @Field(() => DecimalScalar, { description: 'Not negative, at most 12 digits before the point and 2 after.' })
  @Matches(/^\d{1,12}(\.\d{1,2})?$/, { message: 'amount must be a non-negative decimal with at most 12 digits before the point and 2 after' })
  amount: string;

  @Field(() => CurrencyScalar)
  currency: string;
}

@InputType({ description: 'Profile fields to change; fields left out keep their value, null clears a clearable field.' })
export class UpdatePartnerProfileInput extends VersionedInput {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: 'Cannot be cleared.' })
  @NonEmptyStringWhenGiven(200)
  name?: string;

  @Field(() => UrlScalar, { nullable: true })
  @IsOptional()
  website?: string | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: 'Cannot be cleared.' })
  @NotNullWhenGiven()
  country?: string;

  @Field(() => Territory, { nullable: true, description: 'Cannot be cleared.' })
  @NotNullWhenGiven()
  territory?: Territory;

  @Field(() => String, { nullable: true, description: 'Executive sponsor of the joint business plan (R-PTR-04).' })
  @IsOptional()
  @MaxLength(200)
  jointBusinessPlanSponsor?: string | null;

  @Field(() => MoneyInput, { nullable: true, description: 'Committed program revenue target (R-PTR-04 counts USD only).' })
  @IsOptional()
  @ValidateNested()
  committedRevenue?: MoneyInput | null;

  @Field(() => String, { nullable: true, description: 'A Select partner must keep its Channel Account Manager (R-PTR-07).' })
  @IsOptional()
  @MaxLength(200)
  channelAccountManagerName?: string | null;

  @Field(() => EmailAddressScalar, { nullable: true })
  @IsOptional()
  @MaxLength(320)
  channelAccountManagerEmail?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Cannot be cleared.' })
  @NotNullWhenGiven()
  awsDevOpsCompetency?: boolean;
}

@InputType({ description: 'An alliance partner registers its CI/CD catalog namespace, which earns the partner badge (R-PTR-08).' })
export class RegisterCatalogNamespaceInput extends VersionedInput {
  @Field(() => ID)
  id: string;

  @Field(() => UrlScalar)
  namespaceUrl: string;
}

@InputType({
  description:
    'Up to 500 partners keyed by `portalExternalId`: new ones apply (R-PTR-02: Open track), known ones get their profile updated, the rest are left alone.',
})
export class UpsertPartnersInput {
  // Checked by the bulk service, and each item by applyPartner/updatePartnerProfile's own validation.
  @Field(() => [ApplyPartnerInput])
  items: ApplyPartnerInput[];
}
