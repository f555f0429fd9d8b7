import { randomUUID } from 'node:crypto';
import type { UnitOfWork } from '../db/unit-of-work';
import type { Territory } from '../partners/partner.enums';
import { Customer } from './customer.entity';
import { opportunityChanged } from './crm.hooks';
import { Opportunity } from './opportunity.entity';
import { OpportunityKind, OpportunityStage } from './opportunity.enums';

export interface NewOpportunity {
  /** The CRM ID when the CRM has one; otherwise a PRM-… placeholder the CRM job replaces later. */
  externalId: string | null;
  name: string;
  kind: OpportunityKind;
  customer: { crmAccountId: string; name: string; country: string; territory: Territory };
}

/**
 * R-DEAL-05, first branch, as the CRM domain does it for the deals domain: Ecosystem Ops creates
 * the opportunity (and the customer if new) at stage 0.
 */
export async function createOpportunity(uow: UnitOfWork, values: NewOpportunity): Promise<Opportunity> {
  const { em } = uow;
  await em.createQueryBuilder().insert().into(Customer).values(values.customer).orIgnore().execute();
  const customer = await em.findOneByOrFail(Customer, { crmAccountId: values.customer.crmAccountId });
  const opportunity = await em.save(
    em.create(Opportunity, {
      externalId: values.externalId ?? `PRM-${randomUUID()}`,
      customerId: customer.id,
      name: values.name,
      stage: OpportunityStage.STAGE_0,
      kind: values.kind,
    }),
  );
  await uow.emit(opportunityChanged, { opportunity, created: true });
  return opportunity;
}

/** Locks an opportunity by CRM ID (registrations for it are then decided one at a time, R-DEAL-03/04). */
export function lockOpportunityByExternalId(uow: UnitOfWork, externalId: string): Promise<Opportunity | null> {
  return uow.em.findOne(Opportunity, { where: { externalId }, lock: { mode: 'pessimistic_write' } });
}
