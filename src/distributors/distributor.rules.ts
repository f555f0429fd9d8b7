import { Decision, defineRule } from '../rules/decision';
import { PartnerTrack, Territory } from '../partners/partner.enums';
import { DistributorKind } from './distributor.enums';

export interface DistributorFact {
  id: string;
  kind: DistributorKind;
  territories: Territory[];
  active: boolean;
}

export interface PurchasingRouteInput {
  track: PartnerTrack | null;
  territory: Territory;
  distributors: DistributorFact[];
}

export type PurchasingRouteOutcome = 'DISTRIBUTION_ONLY' | 'DIRECT_OR_DISTRIBUTION';

export interface PurchasingRoutes extends Decision<PurchasingRouteOutcome> {
  mayBuyDirect: boolean;
  /** distributors of the territory first, then marketplaces */
  distributorIds: string[];
}

/** R-DIST-01: marketplaces act in every territory. */
export function servesTerritory(distributor: DistributorFact, territory: Territory): boolean {
  return distributor.kind === DistributorKind.MARKETPLACE || distributor.territories.includes(territory);
}

/**
 * R-DIST-02. Decision: marketplaces are a route everywhere but do not make a territory one
 * "with an active distributor" — otherwise no territory could ever be without one.
 */
export const purchasingRoutes = defineRule({
  id: 'R-DIST-02',
  description: 'Open partners in a territory with an active distributor buy through distribution',
  decide(input: PurchasingRouteInput): PurchasingRoutes {
    const active = input.distributors.filter((d) => d.active);
    const territorial = active.filter((d) => d.kind === DistributorKind.DISTRIBUTOR && d.territories.includes(input.territory));
    const marketplaces = active.filter((d) => d.kind === DistributorKind.MARKETPLACE);
    const distributorIds = [...territorial, ...marketplaces].map((d) => d.id);
    if (input.track === PartnerTrack.SELECT) {
      return {
        outcome: 'DIRECT_OR_DISTRIBUTION',
        mayBuyDirect: true,
        distributorIds,
        ruleIds: ['R-DIST-02'],
        reasons: ['Select partners may buy directly from GitLab'],
      };
    }
    if (territorial.length === 0) {
      return {
        outcome: 'DIRECT_OR_DISTRIBUTION',
        mayBuyDirect: true,
        distributorIds,
        ruleIds: ['R-DIST-02', 'R-DIST-01'],
        reasons: [`No active distributor serves ${input.territory}`],
      };
    }
    return {
      outcome: 'DISTRIBUTION_ONLY',
      mayBuyDirect: false,
      distributorIds,
      ruleIds: ['R-DIST-02', 'R-DIST-01'],
      reasons: [`${input.territory} has an active distributor: Open partners buy through distribution or a marketplace`],
    };
  },
});
