import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Connection } from '../common/pagination';
import { CountryCodeScalar } from '../common/scalars';
import { Distributor } from '../distributors/distributor.entity';
import { NfrProduct } from '../nfr/nfr.enums';
import { Partner } from './partner.entity';
import { PartnerCategory, PartnerLifecycleStatus, PartnerTrack, Territory } from './partner.enums';

@ObjectType({ description: 'A requirement the partner does not meet, with the numbers behind it.' })
export class UnmetRequirement {
  @Field({ description: 'The rule of RULES.md that requires it.' })
  ruleId: string;

  @Field({ description: 'Stable code, e.g. SALES_ACCREDITED_COUNT.' })
  code: string;

  @Field()
  message: string;

  @Field(() => Int, { nullable: true })
  required: number | null;

  @Field(() => Int, { nullable: true })
  actual: number | null;
}

@ObjectType({ description: 'Whether the partner meets its track requirements now (R-PTR-03/04/05). Computed, never stored.' })
export class TrackCompliance {
  @Field(() => PartnerTrack, { nullable: true })
  track: PartnerTrack | null;

  @Field()
  compliant: boolean;

  @Field(() => [String])
  ruleIds: string[];

  @Field(() => [UnmetRequirement])
  unmet: UnmetRequirement[];
}

@ObjectType({ description: 'How the partner may buy GitLab (R-DIST-01/02).' })
export class PurchasingRoutes {
  @Field({ description: 'May buy directly from GitLab.' })
  mayBuyDirect: boolean;

  @Field(() => [Distributor], { description: 'Distributors of its territory, then marketplaces.' })
  distributors: Distributor[];

  @Field(() => [String])
  ruleIds: string[];

  @Field(() => [String])
  reasons: string[];
}

@ObjectType({ description: 'NFR seats of one product: cap, used by active licenses and remaining (R-NFR-02).' })
export class NfrAllocation {
  @Field(() => NfrProduct)
  product: NfrProduct;

  @Field(() => Int)
  cap: number;

  @Field(() => Int)
  used: number;

  @Field(() => Int)
  remaining: number;
}

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
