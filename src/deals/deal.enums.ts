import { registerEnumType } from 'type-graphql';

/** R-DEAL-02 */
export enum DealProgramType {
  REFERRAL = 'REFERRAL',
  RESALE = 'RESALE',
  MSP = 'MSP',
}

/** R-DEAL-05..08. A registration is routed at submission, so it is never stored as "submitted". */
export enum DealRegistrationStatus {
  /** R-DEAL-05: no known CRM opportunity named, but the customer has open ones: Ecosystem Ops links one or confirms it is new. */
  PENDING_OPS_REVIEW = 'PENDING_OPS_REVIEW',
  PENDING_ESM = 'PENDING_ESM',
  PENDING_ASM = 'PENDING_ASM',
  APPROVED = 'APPROVED',
  DENIED = 'DENIED',
  EXPIRED = 'EXPIRED',
  WITHDRAWN = 'WITHDRAWN',
}

/** Which branch of R-DEAL-05 routed a registration; stored, because R-DEAL-07's clock depends on it. */
export enum DealRoute {
  /** Waiting in PENDING_OPS_REVIEW; replaced by the branch taken once Ecosystem Ops links or confirms. */
  OPS_REVIEW = 'OPS_REVIEW',
  NO_OPPORTUNITY = 'NO_OPPORTUNITY',
  EARLY_STAGE = 'EARLY_STAGE',
  RENEWAL_WITH_SOURCED_GROWTH = 'RENEWAL_WITH_SOURCED_GROWTH',
  LATE_STAGE = 'LATE_STAGE',
  CLOSED = 'CLOSED',
}

registerEnumType(DealProgramType, { name: 'DealProgramType' });
registerEnumType(DealRegistrationStatus, { name: 'DealRegistrationStatus' });
registerEnumType(DealRoute, { name: 'DealRoute' });
