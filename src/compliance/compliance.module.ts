import { partnerOwned } from '../access/policy';
import type { DomainModule } from '../common/domain-module';
import { ComplianceFinding } from './compliance-finding.entity';
import { ComplianceReview } from './compliance-review.entity';
import { ComplianceReviewResolver, PartnerComplianceReviewsResolver } from './compliance-review.resolver';
import { COMPLIANCE_RULES } from './compliance.catalogue';
import { complianceReviewMachine } from './compliance.machine';

/** Compliance reviews of partners and their findings (R-COMP). */
export const complianceModule: DomainModule = {
  name: 'compliance',
  entities: [ComplianceReview, ComplianceFinding],
  nodeTypes: [ComplianceReview, ComplianceFinding],
  resolvers: [ComplianceReviewResolver, PartnerComplianceReviewsResolver],
  policies: [
    partnerOwned<ComplianceReview>('ComplianceReview', { ownerOf: (row) => row.partnerId }),
    partnerOwned<ComplianceFinding>('ComplianceFinding', { ownerOf: (row) => row.partnerId }),
  ],
  rules: COMPLIANCE_RULES,
  machines: [complianceReviewMachine],
};
