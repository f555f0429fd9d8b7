import { Field, InputType } from 'type-graphql';
import { PartnerOwnedFilter } from '../common/list-query';
import { ComplianceReviewKind, ComplianceReviewStatus } from './compliance.enums';

@InputType()
export class ComplianceReviewFilter extends PartnerOwnedFilter {
  @Field(() => [ComplianceReviewStatus], { nullable: true })
  status?: ComplianceReviewStatus[] | null;

  @Field(() => [ComplianceReviewKind], { nullable: true })
  kind?: ComplianceReviewKind[] | null;
}
