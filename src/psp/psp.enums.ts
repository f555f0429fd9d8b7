import { registerEnumType } from 'type-graphql';

/** R-PSP-03 */
export enum PspDesignationStatus {
  COMPLIANT = 'COMPLIANT',
  AT_RISK = 'AT_RISK',
  REVOKED = 'REVOKED',
}

/** R-PSP-01 */
export enum PspServiceOffering {
  ASSESSMENT = 'ASSESSMENT',
  MIGRATION = 'MIGRATION',
  INTEGRATION = 'INTEGRATION',
  IMPLEMENTATION = 'IMPLEMENTATION',
  OPTIMIZATION = 'OPTIMIZATION',
  SECURITY_COMPLIANCE = 'SECURITY_COMPLIANCE',
}

registerEnumType(PspDesignationStatus, { name: 'PspDesignationStatus' });
registerEnumType(PspServiceOffering, { name: 'PspServiceOffering' });
