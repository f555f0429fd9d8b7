import { partnerOwned, valueType } from '../access/policy';
import type { DomainModule } from '../common/domain-module';
import { UserErrorCode } from '../common/user-error';
import { DEAL_RULES } from './deal.catalogue';
import { DealRegistration } from './deal-registration.entity';
import { DealRegistrationPayloadResolver } from './deal-registration.payload';
import { DealRegistrationResolver, OpportunityDealRegistrationsResolver, PartnerDealRegistrationsResolver } from './deal-registration.resolver';
import { dealAutoApprovalTimer, dealExpiryTimer } from './deal-timers';
import { reconsiderExpiryOnOpportunityChange } from './deal.hooks';
import { dealRegistrationMachine } from './deal.machine';
import { TenderPricingResolver } from './tender-pricing.resolver';

/** Deal registrations (R-DEAL) and tender pricing (R-REN-03). */
export const dealsModule: DomainModule = {
  name: 'deals',
  entities: [DealRegistration],
  nodeTypes: [DealRegistration],
  resolvers: [
    DealRegistrationResolver,
    DealRegistrationPayloadResolver,
    PartnerDealRegistrationsResolver,
    OpportunityDealRegistrationsResolver,
    TenderPricingResolver,
  ],
  policies: [
    partnerOwned<DealRegistration>('DealRegistration', { ownerOf: (row) => row.partnerId }),
    valueType('DealRegistrationPayload'),
    valueType('SubmittedOpportunity'),
    valueType('TenderBidPricing'),
  ],
  rules: DEAL_RULES,
  machines: [dealRegistrationMachine],
  timers: [dealAutoApprovalTimer, dealExpiryTimer],
  hooks: [reconsiderExpiryOnOpportunityChange],
  constraintErrors: {
    deal_registration_one_approved_per_opportunity: {
      code: UserErrorCode.CONFLICT,
      message: 'Another registration for this opportunity was approved at the same moment (R-DEAL-04); read it again',
      ruleIds: ['R-DEAL-04'],
    },
    deal_registration_portal_external_id_key: { code: UserErrorCode.ALREADY_EXISTS, message: 'A registration with this portal ID exists already', ruleIds: [] },
  },
};
