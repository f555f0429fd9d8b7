import { ArrayMinSize, ArrayUnique, IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { PartnerOwnedFilter } from '../common/list-query';
import { IdempotentInput, VersionedInput } from '../common/mutation-inputs';
import { PspDesignationStatus, PspServiceOffering } from './psp.enums';

@InputType()
export class PspDesignationFilter extends PartnerOwnedFilter {
  @Field(() => [PspDesignationStatus], { nullable: true })
  status?: PspDesignationStatus[] | null;
}

@InputType({ description: 'Grants the Professional Services Partner designation (R-PSP-01); the yearly review is scheduled from today (R-PSP-02).' })
export class GrantPspDesignationInput extends IdempotentInput {
  @Field(() => ID)
  partnerId: string;

  @Field(() => [PspServiceOffering], { description: 'The professional services the partner offers (R-PSP-01), at least one.' })
  @ArrayMinSize(1)
  @ArrayUnique()
  offerings: PspServiceOffering[];
}

@InputType({
  description:
    'The yearly review (R-PSP-02): customer-success ratings 1–5 on the time-to-value KPIs; the certification count is taken from the partner’s people. Leave a KPI out when no customer rated it.',
})
export class RecordPspReviewInput extends IdempotentInput {
  @Field(() => ID, { description: 'The PspDesignation.' })
  id: string;

  @Field(() => Int, { nullable: true, description: 'The designation `version` you last read; CONFLICT if it changed since.' })
  @IsOptional()
  @Min(1)
  expectedVersion?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  kpiInfrastructureReady?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  kpiFirstValue?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  kpiOutcomeAchieved?: number | null;
}

@InputType({ description: 'Revokes an AT_RISK designation not remediated by its due date (R-PSP-03).' })
export class RevokePspDesignationInput extends VersionedInput {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  reason?: string | null;
}
