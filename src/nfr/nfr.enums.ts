import { registerEnumType } from 'type-graphql';

/** R-NFR-02 */
export enum NfrProduct {
  ULTIMATE_SELF_MANAGED = 'ULTIMATE_SELF_MANAGED',
  ULTIMATE_SAAS = 'ULTIMATE_SAAS',
  DUO = 'DUO',
  DUO_WITH_AMAZON_Q = 'DUO_WITH_AMAZON_Q',
}

export enum NfrLicenseStatus {
  PENDING_APPROVAL = 'PENDING_APPROVAL',
  APPROVED = 'APPROVED',
  DENIED = 'DENIED',
  REVOKED = 'REVOKED',
  EXPIRED = 'EXPIRED',
}

/** R-NFR-04: the first three are permitted, the rest prohibited. */
export enum NfrUse {
  INTERNAL_TRAINING = 'INTERNAL_TRAINING',
  INTEGRATION_TESTING = 'INTEGRATION_TESTING',
  PARTNER_DEMOS = 'PARTNER_DEMOS',
  CUSTOMER_PRODUCTION = 'CUSTOMER_PRODUCTION',
  INTERNAL_DEVELOPMENT_PRODUCTION = 'INTERNAL_DEVELOPMENT_PRODUCTION',
  MANAGED_SERVICES = 'MANAGED_SERVICES',
}

registerEnumType(NfrLicenseStatus, { name: 'NfrLicenseStatus' });
registerEnumType(NfrProduct, { name: 'NfrProduct' });
registerEnumType(NfrUse, { name: 'NfrUse' });
