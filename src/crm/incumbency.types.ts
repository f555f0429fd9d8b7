import { Field, ObjectType } from 'type-graphql';
import { Partner } from '../partners/partner.entity';

@ObjectType({ description: 'The incumbent partner of a customer and whether it qualifies for renewal discounts now (R-REN-01/02).' })
export class Incumbency {
  @Field(() => Partner, { nullable: true })
  partner: Partner | null;

  @Field()
  qualifiesForRenewalDiscount: boolean;

  @Field(() => [String])
  ruleIds: string[];

  @Field(() => [String])
  reasons: string[];
}
