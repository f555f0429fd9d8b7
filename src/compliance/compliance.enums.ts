import { registerEnumType } from 'type-graphql';

/** R-COMP-01 */
export enum ComplianceReviewKind {
  TRACK = 'TRACK',
  PSP_BADGE = 'PSP_BADGE',
  NFR_AUDIT = 'NFR_AUDIT',
}

/** R-COMP-01 outcomes; OPEN while the review is under way. */
export enum ComplianceReviewStatus {
  OPEN = 'OPEN',
  COMPLIANT = 'COMPLIANT',
  NON_COMPLIANT = 'NON_COMPLIANT',
  REMEDIATED = 'REMEDIATED',
  REVOKED = 'REVOKED',
}

registerEnumType(ComplianceReviewKind, { name: 'ComplianceReviewKind' });
registerEnumType(ComplianceReviewStatus, { name: 'ComplianceReviewStatus' });
