import { opportunityChanged } from '../crm/crm.hooks';
import { OpportunityStage } from '../crm/opportunity.enums';
import type { UnitOfWork } from '../db/unit-of-work';
import { on } from '../events/hooks';
import { DealRegistration } from './deal-registration.entity';
import { DealRegistrationStatus } from './deal.enums';
import { dealExpiry } from './deal.rules';

/**
 * R-DEAL-08: an approved registration whose opportunity closed-won before it expired no longer
 * expires (and a reopened one expires again on its date).
 */
export const reconsiderExpiryOnOpportunityChange = on(
  opportunityChanged,
  'deals: R-DEAL-08 expiry exemption of approved registrations',
  async (uow: UnitOfWork, { opportunity }) => {
    const closedWonAt = opportunity.stage === OpportunityStage.CLOSED_WON ? opportunity.closedAt : null;
    const approved = await uow.em.find(DealRegistration, {
      where: { opportunityId: opportunity.id, status: DealRegistrationStatus.APPROVED },
      lock: { mode: 'pessimistic_write' },
    });
    for (const registration of approved) {
      const { expiresAt } = dealExpiry.decide(
        { status: registration.status, approvedAt: registration.approvedAt, opportunityClosedWonAt: closedWonAt },
        uow.now,
      );
      if ((expiresAt?.getTime() ?? null) !== (registration.expiresAt?.getTime() ?? null)) {
        registration.expiresAt = expiresAt;
        await uow.em.save(registration);
      }
    }
  },
);
