import { defineRule } from '../rules/decision';
import { PartnerTrack } from '../partners/partner.enums';
import { NfrLicenseStatus, NfrProduct } from './nfr.enums';

export interface NfrLicenseFact {
  product: NfrProduct;
  seats: number;
  status: NfrLicenseStatus;
  endsOn: Date | null;
}

export interface NfrAllocationInput {
  track: PartnerTrack | null;
  awsDevOpsCompetency: boolean;
  licenses: NfrLicenseFact[];
}

export interface NfrProductAllocation {
  product: NfrProduct;
  cap: number;
  used: number;
  /** never negative: an audit may leave a partner above a lowered cap */
  remaining: number;
}

const SELECT_CAPS: Record<NfrProduct, number> = {
  [NfrProduct.ULTIMATE_SELF_MANAGED]: 25,
  [NfrProduct.ULTIMATE_SAAS]: 25,
  [NfrProduct.DUO]: 5,
  [NfrProduct.DUO_WITH_AMAZON_Q]: 0,
};

const OPEN_CAPS: Record<NfrProduct, number> = {
  [NfrProduct.ULTIMATE_SELF_MANAGED]: 10,
  [NfrProduct.ULTIMATE_SAAS]: 10,
  [NfrProduct.DUO]: 0,
  [NfrProduct.DUO_WITH_AMAZON_Q]: 0,
};

export const AWS_DEVOPS_DUO_WITH_AMAZON_Q_CAP = 25;

/** R-NFR-02 seat cap of one product for a partner. Partners without a channel track get no cap (0). */
export function nfrSeatCap(track: PartnerTrack | null, awsDevOpsCompetency: boolean, product: NfrProduct): number {
  if (product === NfrProduct.DUO_WITH_AMAZON_Q) return awsDevOpsCompetency ? AWS_DEVOPS_DUO_WITH_AMAZON_Q_CAP : 0;
  if (track === PartnerTrack.SELECT) return SELECT_CAPS[product];
  if (track === PartnerTrack.OPEN) return OPEN_CAPS[product];
  return 0;
}

/** R-NFR-07: an expired license (past its end date) no longer counts against the cap. */
export function countsAgainstCap(license: NfrLicenseFact, now: Date): boolean {
  if (license.status !== NfrLicenseStatus.APPROVED) return false;
  return license.endsOn === null || license.endsOn.getTime() > now.getTime();
}

/** R-NFR-02: caps, used and remaining seats per product, summed over active licenses. */
export const nfrAllocation = defineRule({
  id: 'R-NFR-02',
  description: 'Seat caps per partner and product, summed over active NFR licenses',
  decide(input: NfrAllocationInput, now: Date): NfrProductAllocation[] {
    return Object.values(NfrProduct).map((product) => {
      const cap = nfrSeatCap(input.track, input.awsDevOpsCompetency, product);
      const used = input.licenses
        .filter((license) => license.product === product && countsAgainstCap(license, now))
        .reduce((sum, license) => sum + license.seats, 0);
      return { product, cap, used, remaining: Math.max(0, cap - used) };
    });
  },
});
