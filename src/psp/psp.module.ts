import { partnerOwned } from '../access/policy';
import type { DomainModule } from '../common/domain-module';
import { UserErrorCode } from '../common/user-error';
import { PspDesignation } from './psp-designation.entity';
import { PartnerPspDesignationResolver, PspDesignationResolver } from './psp-designation.resolver';
import { pspEvidenceRequestTimer, pspRemediationDeadlineTimer, pspReviewDueTimer } from './psp-timers';
import { PSP_RULES } from './psp.catalogue';
import { pspDesignationMachine } from './psp.machine';

/** The Professional Services Partner designation and its yearly review (R-PSP). */
export const pspModule: DomainModule = {
  name: 'psp',
  entities: [PspDesignation],
  nodeTypes: [PspDesignation],
  resolvers: [PspDesignationResolver, PartnerPspDesignationResolver],
  policies: [partnerOwned<PspDesignation>('PspDesignation', { ownerOf: (row) => row.partnerId })],
  rules: PSP_RULES,
  machines: [pspDesignationMachine],
  timers: [pspEvidenceRequestTimer, pspReviewDueTimer, pspRemediationDeadlineTimer],
  constraintErrors: {
    psp_designation_partner_key: { code: UserErrorCode.ALREADY_EXISTS, message: 'This partner already holds a PSP designation', ruleIds: ['R-PSP-01'] },
  },
};
