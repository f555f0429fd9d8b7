import { partnerOwned, valueType } from '../access/policy';
import type { DomainModule } from '../common/domain-module';
import { UserErrorCode } from '../common/user-error';
import { NfrLicense } from './nfr-license.entity';
import { NfrLicenseResolver, PartnerNfrResolver } from './nfr-license.resolver';
import { nfrExpiryTimer } from './nfr-timers';
import { NFR_RULES } from './nfr.catalogue';
import { nfrLicenseMachine } from './nfr.machine';

/** Not-for-resale licenses: requests, caps, approvals, audits and expiry (R-NFR). */
export const nfrModule: DomainModule = {
  name: 'nfr',
  entities: [NfrLicense],
  nodeTypes: [NfrLicense],
  resolvers: [NfrLicenseResolver, PartnerNfrResolver],
  policies: [partnerOwned<NfrLicense>('NfrLicense', { ownerOf: (row) => row.partnerId }), valueType('NfrAllocation')],
  rules: NFR_RULES,
  machines: [nfrLicenseMachine],
  timers: [nfrExpiryTimer],
  constraintErrors: {
    nfr_license_portal_external_id_key: {
      code: UserErrorCode.ALREADY_EXISTS,
      message: 'An NFR license request with this portal ID exists already',
      ruleIds: [],
    },
  },
};
