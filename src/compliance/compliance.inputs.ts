import { ArrayMaxSize, IsInt, IsOptional, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { PartnerOwnedFilter } from '../common/list-query';
import { IdempotentInput, VersionedInput } from '../common/mutation-inputs';
import { DateScalar } from '../common/scalars';
import { ComplianceReviewKind, ComplianceReviewStatus } from './compliance.enums';

@InputType()
export class ComplianceReviewFilter extends PartnerOwnedFilter {
  @Field(() => [ComplianceReviewStatus], { nullable: true })
  status?: ComplianceReviewStatus[] | null;

  @Field(() => [ComplianceReviewKind], { nullable: true })
  kind?: ComplianceReviewKind[] | null;
}

@InputType({ description: 'Opens a compliance review of a partner (R-COMP-01).' })
export class OpenComplianceReviewInput extends IdempotentInput {
  @Field(() => ID)
  partnerId: string;

  @Field(() => ComplianceReviewKind)
  kind: ComplianceReviewKind;

  @Field(() => DateScalar)
  dueOn: Date;

  @Field(() => DateScalar, { nullable: true, description: 'When evidence is requested; defaults to one month before the due date (R-PSP-02).' })
  @IsOptional()
  evidenceRequestedOn?: Date | null;
}

@InputType({ description: 'An unmet requirement found in a review, with the rule it breaks (R-COMP-01).' })
export class ComplianceFindingInput {
  @Field({ description: 'A rule ID of RULES.md, e.g. R-PTR-03.' })
  @Matches(/^R-[A-Z]{2,6}-\d{2}$/, { message: 'ruleId must be a rule ID such as R-PTR-03' })
  ruleId: string;

  @Field({ description: 'A stable code for the unmet requirement, e.g. SALES_ACCREDITED_COUNT.' })
  @MaxLength(60)
  @Matches(/^[A-Z][A-Z0-9_]*$/, { message: 'code must be UPPER_SNAKE_CASE' })
  code: string;

  @Field()
  @MaxLength(1000)
  message: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  required?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  actual?: number | null;
}

@InputType({
  description:
    'Replaces the findings of an OPEN or NON_COMPLIANT review (R-COMP-01) with the given ones and, for a TRACK review with computeTrackFindings, every requirement of R-PTR-03/04 the partner does not meet now.',
})
export class RecordComplianceFindingsInput extends VersionedInput {
  @Field(() => ID)
  id: string;

  @Field(() => [ComplianceFindingInput], { defaultValue: [] })
  @ArrayMaxSize(100)
  @ValidateNested()
  findings: ComplianceFindingInput[];

  @Field({ defaultValue: false, description: 'Add the partner’s current unmet track requirements (R-PTR-03/04/05).' })
  computeTrackFindings: boolean;
}

@InputType({ description: 'Gives a TRACK or NFR_AUDIT review its outcome (R-COMP-01).' })
export class CloseComplianceReviewInput extends VersionedInput {
  @Field(() => ID)
  id: string;

  @Field(() => ComplianceReviewStatus, { description: 'COMPLIANT, NON_COMPLIANT, REMEDIATED or REVOKED, as the transition table allows.' })
  outcome: ComplianceReviewStatus;

  @Field(() => DateScalar, { nullable: true, description: 'NON_COMPLIANT only: defaults to one quarter after today (R-PSP-03).' })
  @IsOptional()
  remediationDueOn?: Date | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000)
  reason?: string | null;
}
