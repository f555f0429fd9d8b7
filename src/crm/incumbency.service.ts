import type { EntityManager } from 'typeorm';
import { Role } from '../auth/role.enum';
import { MutationResult, runMutation } from '../common/mutation';
import { idFromInput, lockById } from '../common/mutation-guards';
import { UserErrorCode, refuse } from '../common/user-error';
import type { RequestContext } from '../context';
import { CustomerCommunication } from './customer-communication.entity';
import { Customer } from './customer.entity';
import type { UnitOfWork } from '../db/unit-of-work';
import { Opportunity } from './opportunity.entity';
import { OpportunityStage } from './opportunity.enums';
import { RecordCustomerCommunicationInput } from './opportunity.inputs';
import { Partner } from '../partners/partner.entity';
import { goodStandingOf } from '../partners/partner.service';
import { IncumbencyDecision, incumbent, renewalDiscount } from './incumbency.rules';

/** R-REN-01/02 from the facts: closed-won sales through partners and customer communications. */
async function decideIncumbent(em: EntityManager, customerId: string, now: Date): Promise<IncumbencyDecision> {
  const sales = await em.find(Opportunity, { where: { customerId, stage: OpportunityStage.CLOSED_WON } });
  const communications = await em.find(CustomerCommunication, { where: { customerId } });
  return incumbent.decide(
    {
      sales: sales
        .filter((s) => s.resellerPartnerId !== null && s.closedAt !== null)
        .map((s) => ({ opportunityId: s.id, partnerId: s.resellerPartnerId as string, closedWonAt: s.closedAt as Date })),
      communications: communications.map((c) => ({ partnerId: c.partnerId, recordedAt: c.recordedAt, formalWritten: c.formalWritten })),
    },
    now,
  );
}

/**
 * Keeps the stored incumbent equal to what the rules derive (it is never set by hand); called
 * whenever a sale closes or a communication is recorded, inside that transaction.
 */
export async function refreshIncumbency(uow: UnitOfWork, customerId: string): Promise<void> {
  const { em, now } = uow;
  const decision = await decideIncumbent(em, customerId, now);
  const customer = await em.findOneOrFail(Customer, { where: { id: customerId }, lock: { mode: 'pessimistic_write' } });
  if (customer.incumbentPartnerId === decision.partnerId) return;
  customer.incumbentPartnerId = decision.partnerId;
  customer.incumbencySince = now;
  // No incumbent left (e.g. the CRM reopened the only closed-won sale): no communication to name.
  const latestFormal =
    decision.partnerId === null
      ? null
      : await em.findOne(CustomerCommunication, {
          where: { customerId, partnerId: decision.partnerId, formalWritten: true },
          order: { recordedAt: 'DESC' },
        });
  customer.incumbencyCommunicationReference = latestFormal?.reference ?? null;
  await em.save(customer);
}

/** R-REN-02: records a customer communication; a formal written one can move incumbency. */
export function recordCustomerCommunication(ctx: RequestContext, input: RecordCustomerCommunicationInput): Promise<MutationResult<Customer>> {
  return runMutation(
    ctx,
    { operation: 'recordCustomerCommunication', roles: [Role.CRM_SYNC, Role.ECOSYSTEM_OPS], input, idempotencyKey: input.idempotencyKey },
    async (uow) => {
      const { em, now } = uow;
      const customer = await lockById(em, Customer, 'Customer', input.customerId, ['input', 'customerId']);
      const partnerId = idFromInput(input.partnerId, 'Partner', ['input', 'partnerId']);
      if (!(await em.existsBy(Partner, { id: partnerId })))
        refuse(UserErrorCode.NOT_FOUND, `No Partner with ID ${input.partnerId}`, { field: ['input', 'partnerId'] });
      await em.save(
        em.create(CustomerCommunication, {
          customerId: customer.id,
          partnerId,
          formalWritten: input.formalWritten,
          reference: input.reference,
          recordedAt: now,
        }),
      );
      await refreshIncumbency(uow, customer.id);
      return em.findOneByOrFail(Customer, { id: customer.id });
    },
  );
}

export interface IncumbencyView {
  partner: Partner | null;
  qualifiesForRenewalDiscount: boolean;
  ruleIds: string[];
  reasons: string[];
}

/** R-REN-01: the incumbent, and whether it qualifies for renewal discounts now (good standing). */
export async function incumbencyOf(ctx: RequestContext, customer: Customer): Promise<IncumbencyView> {
  const now = ctx.clock.now();
  const decision = await decideIncumbent(ctx.dataSource.manager, customer.id, now);
  const partner = decision.partnerId ? await ctx.loaders.byId(Partner).load(decision.partnerId) : null;
  if (!partner) return { partner: null, qualifiesForRenewalDiscount: false, ruleIds: decision.ruleIds, reasons: decision.reasons };
  const standing = await goodStandingOf(ctx, partner);
  const discount = renewalDiscount.decide(
    { partnerId: partner.id, incumbentPartnerId: decision.partnerId, inGoodStanding: standing.outcome === 'IN_GOOD_STANDING' },
    now,
  );
  return {
    partner,
    qualifiesForRenewalDiscount: discount.outcome === 'QUALIFIES',
    ruleIds: [...new Set([...decision.ruleIds, ...discount.ruleIds])],
    reasons: [...decision.reasons, ...discount.reasons],
  };
}
