/** R-DEAL-02 */
export enum DealProgramType {
  REFERRAL = 'REFERRAL',
  RESALE = 'RESALE',
  MSP = 'MSP',
}

/** R-DEAL-05..08. A registration is routed at submission, so it is never stored as "submitted". */
export enum DealRegistrationStatus {
  PENDING_ESM = 'PENDING_ESM',
  PENDING_ASM = 'PENDING_ASM',
  APPROVED = 'APPROVED',
  DENIED = 'DENIED',
  EXPIRED = 'EXPIRED',
  WITHDRAWN = 'WITHDRAWN',
}
