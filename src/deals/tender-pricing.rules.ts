import { Decision, defineRule } from '../rules/decision';
import { Territory } from '../partners/partner.enums';

export type TenderPricing = 'PARTNER_BASE' | 'SOURCED_MARGIN' | 'MSRP';

export interface TenderBid extends Decision<TenderPricing> {
  partnerId: string;
}

export interface TenderInput {
  territory: Territory;
  bidderIds: string[];
  /** the partner whose sourced registration for this opportunity is approved and unexpired (R-DEAL-04/08) */
  sourcedPartnerId: string | null;
}

/** R-REN-03: pricing for every bidder of a tender. */
export const tenderPricing = defineRule({
  id: 'R-REN-03',
  description: 'Tender pricing: partner base for all, sourced margin for the sourced partner, MSRP for non-sourced in US public sector',
  decide(input: TenderInput): TenderBid[] {
    return input.bidderIds.map((partnerId): TenderBid => {
      if (partnerId === input.sourcedPartnerId) {
        return { partnerId, outcome: 'SOURCED_MARGIN', ruleIds: ['R-REN-03'], reasons: ['Holds the approved sourced deal registration'] };
      }
      if (input.territory === Territory.US_PUBSEC) {
        return { partnerId, outcome: 'MSRP', ruleIds: ['R-REN-03'], reasons: ['US public sector: a non-sourced bidder gets MSRP (no discount)'] };
      }
      return { partnerId, outcome: 'PARTNER_BASE', ruleIds: ['R-REN-03'], reasons: ['Every bidding partner gets the partner base discount'] };
    });
  },
});
