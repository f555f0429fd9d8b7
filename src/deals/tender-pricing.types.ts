import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Partner } from '../partners/partner.entity';

export enum TenderPricingLevel {
  PARTNER_BASE = 'PARTNER_BASE',
  SOURCED_MARGIN = 'SOURCED_MARGIN',
  MSRP = 'MSRP',
}
registerEnumType(TenderPricingLevel, { name: 'TenderPricingLevel', description: 'R-REN-03' });

@ObjectType({
  description:
    'The pricing one bidder of a tender gets (R-REN-03). A partner key sees its own bid’s pricing only: another bidder is its public partner reference with pricing null and no rule IDs or reasons.',
})
export class TenderBidPricing {
  @Field(() => Partner)
  partner: Partner;

  @Field(() => TenderPricingLevel, { nullable: true, description: 'Null for another partner’s bid, asked by a partner key.' })
  pricing: TenderPricingLevel | null;

  @Field(() => [String])
  ruleIds: string[];

  @Field(() => [String])
  reasons: string[];
}
