import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { RecordFilter } from '../common/list-query';
import { Connection } from '../common/pagination';
import { CountryCodeScalar } from '../common/scalars';
import { Partner } from '../partners/partner.entity';
import { PartnerCategory, PartnerLifecycleStatus, PartnerTrack, Territory } from '../partners/partner.enums';

@ObjectType({ description: 'Counts of a partner’s unmet track requirements, for distributors (R-DIST-03).' })
export class ComplianceSummary {
  @Field()
  compliant: boolean;

  @Field(() => Int)
  unmetRequirementCount: number;

  @Field(() => [String], { description: 'Codes of the unmet requirements.' })
  unmetCodes: string[];
}

@ObjectType({ description: 'What a distributor may see of a partner it serves: status only (R-DIST-03).' })
export class PartnerStatus {
  /** The partner behind this view; never exposed beyond the fields below. */
  partner: Partner;

  @Field(() => ID, { description: 'The partner’s global ID.' })
  id: string;

  @Field()
  name: string;

  @Field(() => PartnerCategory)
  category: PartnerCategory;

  @Field(() => PartnerTrack, { nullable: true })
  track: PartnerTrack | null;

  @Field(() => PartnerLifecycleStatus)
  lifecycleStatus: PartnerLifecycleStatus;

  @Field(() => Territory)
  territory: Territory;

  @Field(() => CountryCodeScalar)
  country: string;
}

export const PartnerStatusConnection = Connection(PartnerStatus);

@InputType()
export class PartnerStatusFilter extends RecordFilter {
  @Field(() => [PartnerLifecycleStatus], { nullable: true })
  status?: PartnerLifecycleStatus[] | null;

  @Field(() => [Territory], { nullable: true })
  territory?: Territory[] | null;
}
