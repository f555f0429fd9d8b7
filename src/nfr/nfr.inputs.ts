import { ArrayMaxSize, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { PartnerOwnedFilter } from '../common/list-query';
import { IdempotentInput, VersionedInput } from '../common/mutation-inputs';
import { NfrLicenseStatus, NfrProduct, NfrUse } from './nfr.enums';

@InputType()
export class NfrLicenseFilter extends PartnerOwnedFilter {
  @Field(() => [NfrLicenseStatus], { nullable: true })
  status?: NfrLicenseStatus[] | null;

  @Field(() => [NfrProduct], { nullable: true })
  product?: NfrProduct[] | null;
}

@InputType({ description: 'A request for a not-for-resale license (R-NFR-01..06).' })
export class RequestNfrLicenseInput extends IdempotentInput {
  @Field(() => ID, { nullable: true, description: 'The requesting partner; a PARTNER_USER key may leave it out.' })
  @IsOptional()
  partnerId?: string | null;

  @Field(() => NfrProduct)
  product: NfrProduct;

  @Field(() => Int, { nullable: true, description: 'Required for channel partners; alliance partners get 5 when left out (R-NFR-06).' })
  @IsOptional()
  @Min(1)
  @Max(10_000)
  seats?: number | null;

  @Field(() => [NfrUse], { description: 'Intended uses; a prohibited one refuses the request (R-NFR-04).' })
  @ArrayMaxSize(20)
  uses: NfrUse[];

  @Field(() => String, { nullable: true, description: 'Needed for seats above the cap (R-NFR-03).' })
  @IsOptional()
  @MaxLength(2000)
  businessJustification?: string | null;

  @Field(() => String, { nullable: true, description: 'Request ID in the partner portal.' })
  @IsOptional()
  @MaxLength(100)
  portalExternalId?: string | null;
}

export enum NfrLicenseDecisionValue {
  APPROVE = 'APPROVE',
  DENY = 'DENY',
}
registerEnumType(NfrLicenseDecisionValue, { name: 'NfrLicenseDecision' });

@InputType({ description: 'Ecosystem Ops decides a request waiting for approval (R-NFR-03, R-NFR-06).' })
export class DecideNfrLicenseInput extends VersionedInput {
  @Field(() => ID)
  id: string;

  @Field(() => NfrLicenseDecisionValue)
  decision: NfrLicenseDecisionValue;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  reason?: string | null;
}

export enum NfrAuditActionKind {
  REDUCE_SEATS = 'REDUCE_SEATS',
  REVOKE = 'REVOKE',
}
registerEnumType(NfrAuditActionKind, { name: 'NfrAuditAction' });

@InputType({ description: 'Ecosystem Ops audits an active license: reduce its seats or revoke it (R-NFR-07).' })
export class AuditNfrLicenseInput extends VersionedInput {
  @Field(() => ID)
  id: string;

  @Field(() => NfrAuditActionKind)
  action: NfrAuditActionKind;

  @Field(() => Int, { nullable: true, description: 'The new, lower seat count; REDUCE_SEATS only.' })
  @IsOptional()
  @Min(1)
  seats?: number | null;

  @Field(() => String, { description: 'Why; recorded in the license history.' })
  @MaxLength(2000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason: string;
}
