import { Field, ObjectType, registerEnumType } from 'type-graphql';
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

export enum TenderPricingLevel {
  PARTNER_BASE = 'PARTNER_BASE',
  SOURCED_MARGIN = 'SOURCED_MARGIN',
  MSRP = 'MSRP',
}
registerEnumType(TenderPricingLevel, { name: 'TenderPricingLevel', description: 'R-REN-03' });

@ObjectType({ description: 'The pricing one bidder of a tender gets (R-REN-03).' })
export class TenderBidPricing {
  @Field(() => Partner)
  partner: Partner;

  @Field(() => TenderPricingLevel)
  pricing: TenderPricingLevel;

  @Field(() => [String])
  ruleIds: string[];

  @Field(() => [String])
  reasons: string[];
}
