import { opportunityChanged } from '../crm/crm.hooks';
import type { UnitOfWork } from '../db/unit-of-work';
import { on } from '../events/hooks';
import { pspDesignationChanged } from '../psp/psp.hooks';
import { recomputeServiceQualifications } from './service-registration.service';

/** R-SAR-07: a close (or reopening), or a change of net ARR, can change what the opportunity's registrations qualify for. */
export const requalifyOnOpportunityChange = on(
  opportunityChanged,
  'service registrations: R-SAR-07 requalify the opportunity’s registrations',
  async (uow: UnitOfWork, { opportunity }) => {
    await recomputeServiceQualifications(uow, { opportunityId: opportunity.id });
  },
);

/** R-SAR-07: holding (or losing) the PSP designation can qualify (or disqualify) the partner's registrations. */
export const requalifyOnPspChange = on(
  pspDesignationChanged,
  'service registrations: R-SAR-07 requalify the partner’s registrations',
  async (uow: UnitOfWork, { partnerId }) => {
    await recomputeServiceQualifications(uow, { partnerId });
  },
);
