import type { ProgramTimer } from '../jobs/program-timer';
import { OpportunityStage } from '../crm/opportunity.enums';
import { addDays } from '../rules/decision';
import { DealRegistration } from './deal-registration.entity';
import { approve, lockRegistrationById } from './deal-registration.service';
import { dealRegistrationMachine } from './deal.machine';
import { DealRegistrationStatus, DealRoute } from './deal.enums';
import { DEAL_SILENCE_DAYS, dealAutoApproval, dealExpiry } from './deal.rules';

/** R-DEAL-07: silence is consent, 10 days after routing to the ASM (stage 0–2) or after submission (renewal with growth). */
export const dealAutoApprovalTimer: ProgramTimer = {
  name: 'deal-auto-approval',
  ruleIds: ['R-DEAL-07'],
  async findDue(em, now, limit) {
    const cutoff = addDays(now, -DEAL_SILENCE_DAYS);
    const rows: Array<{ id: string }> = await em
      .getRepository(DealRegistration)
      .createQueryBuilder('r')
      .select('r.id', 'id')
      .where(`(r.route = :early AND r.status = :asm AND r.routedToAsmAt <= :cutoff)`, {
        early: DealRoute.EARLY_STAGE,
        asm: DealRegistrationStatus.PENDING_ASM,
        cutoff,
      })
      .orWhere(`(r.route = :renewal AND r.status IN (:...pending) AND r.receivedAt <= :cutoff)`, {
        renewal: DealRoute.RENEWAL_WITH_SOURCED_GROWTH,
        pending: [DealRegistrationStatus.PENDING_ESM, DealRegistrationStatus.PENDING_ASM],
      })
      .orderBy('r.receivedAt', 'ASC')
      .limit(limit)
      .getRawMany();
    return rows.map((row) => row.id);
  },
  async fire(uow, id) {
    const locked = await lockRegistrationById(uow, id);
    if (!locked) return false;
    const { registration, opportunity } = locked;
    if (!opportunity) return false;
    const decision = dealAutoApproval.decide(
      { route: registration.route, status: registration.status, receivedAt: registration.receivedAt, routedToAsmAt: registration.routedToAsmAt },
      uow.now,
    );
    if (decision.outcome !== 'APPROVE') return false;
    await approve(uow, registration, opportunity, decision);
    return true;
  },
};

/** R-DEAL-08: an approval expires 90 days after it was given, unless the opportunity closed-won before. */
export const dealExpiryTimer: ProgramTimer = {
  name: 'deal-expiry',
  ruleIds: ['R-DEAL-08'],
  async findDue(em, now, limit) {
    const rows = await em
      .getRepository(DealRegistration)
      .createQueryBuilder('r')
      .select('r.id', 'id')
      .where('r.status = :approved AND r.expiresAt <= :now', { approved: DealRegistrationStatus.APPROVED, now })
      .orderBy('r.expiresAt', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  },
  async fire(uow, id) {
    const locked = await lockRegistrationById(uow, id);
    if (!locked) return false;
    const { registration, opportunity } = locked;
    if (!opportunity) return false;
    const closedWonAt = opportunity.stage === OpportunityStage.CLOSED_WON ? opportunity.closedAt : null;
    const decision = dealExpiry.decide({ status: registration.status, approvedAt: registration.approvedAt, opportunityClosedWonAt: closedWonAt }, uow.now);
    if (decision.outcome !== 'EXPIRE') return false;
    await uow.changeStatus(dealRegistrationMachine, registration, DealRegistrationStatus.EXPIRED, { ...decision, ruleIds: [...decision.ruleIds, 'R-DEAL-09'] });
    return true;
  },
};
