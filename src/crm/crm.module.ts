import { UserErrorCode } from '../common/user-error';
import type { DomainModule } from '../common/domain-module';
import { CRM_RULES } from './crm.catalogue';
import { CRM_POLICIES } from './crm.policies';
import { CustomerCommunication } from './customer-communication.entity';
import { Customer } from './customer.entity';
import { IncumbencyResolver } from './incumbency.resolver';
import { Opportunity } from './opportunity.entity';
import { CustomerResolver, OpportunityResolver } from './opportunity.resolver';

/** The CRM mirror: customers, opportunities, customer communications and incumbency (R-REN-01/02). */
export const crmModule: DomainModule = {
  name: 'crm',
  entities: [Customer, CustomerCommunication, Opportunity],
  nodeTypes: [Customer, CustomerCommunication, Opportunity],
  resolvers: [OpportunityResolver, CustomerResolver, IncumbencyResolver],
  policies: CRM_POLICIES,
  rules: CRM_RULES,
  // Two requests may race to create the same new CRM opportunity or customer.
  retryOnConflict: ['opportunity_external_id_key', 'customer_crm_account_id_key'],
  constraintErrors: {
    opportunity_external_id_key: { code: UserErrorCode.ALREADY_EXISTS, message: 'An opportunity with this CRM ID exists already', ruleIds: [] },
  },
};
