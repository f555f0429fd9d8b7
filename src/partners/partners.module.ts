import { UserErrorCode } from '../common/user-error';
import type { DomainModule } from '../common/domain-module';
import { PARTNER_RULES } from './partner.catalogue';
import { Partner } from './partner.entity';
import { partnerLifecycle, partnerTrack } from './partner.machine';
import { PARTNER_POLICIES } from './partner.policies';
import { PartnerResolver } from './partner.resolver';

/** Partners: category, track, lifecycle, agreements, profile (R-PTR). */
export const partnersModule: DomainModule = {
  name: 'partners',
  entities: [Partner],
  nodeTypes: [Partner],
  resolvers: [PartnerResolver],
  policies: PARTNER_POLICIES,
  rules: PARTNER_RULES,
  machines: [partnerLifecycle, partnerTrack],
  constraintErrors: {
    partner_portal_external_id_key: { code: UserErrorCode.ALREADY_EXISTS, message: 'A partner with this portal ID exists already', ruleIds: [] },
    partner_crm_account_id_key: { code: UserErrorCode.ALREADY_EXISTS, message: 'A partner with this CRM account ID exists already', ruleIds: [] },
  },
};
