import { Field, InputType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { RecordFilter } from '../common/list-query';
import { CountryCodeScalar } from '../common/scalars';
import { PartnerCategory, PartnerLifecycleStatus, PartnerTrack, Territory } from './partner.enums';

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

@InputType()
export class PartnerStatusFilter extends RecordFilter {
  @Field(() => [PartnerLifecycleStatus], { nullable: true })
  status?: PartnerLifecycleStatus[] | null;

  @Field(() => [Territory], { nullable: true })
  territory?: Territory[] | null;
}
