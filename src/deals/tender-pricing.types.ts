import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Partner } from '../partners/partner.entity';

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
