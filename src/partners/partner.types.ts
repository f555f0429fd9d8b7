import { Field, Int, ObjectType } from 'type-graphql';
import { PartnerTrack } from './partner.enums';

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
