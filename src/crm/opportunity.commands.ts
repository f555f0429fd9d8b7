import { randomUUID } from 'node:crypto';
import type { UnitOfWork } from '../db/unit-of-work';
import type { Territory } from '../partners/partner.enums';
import { CustomerSector, PLACEHOLDER_PREFIX, normalizeEmailDomain } from './customer-facts';
import { Customer } from './customer.entity';
import { opportunityChanged } from './crm.hooks';
import { Opportunity } from './opportunity.entity';
import { OpportunityKind, OpportunityStage } from './opportunity.enums';

export { lockCustomerFacts, matchCustomer } from './customer-matching';
export type { CustomerFacts, CustomerMatch } from './customer-matching';

/** A customer the CRM does not know yet, as a partner registers it. */
export interface NewCustomer {
  /** The CRM account ID when the partner knows it; otherwise a PRM-… placeholder the CRM job replaces later. */
  crmAccountId: string | null;
  name: string;
  country: string;
  territory: Territory;
  sector: CustomerSector | null;
  emailDomain: string | null;
}

export interface NewOpportunity {
  /** The CRM ID when the CRM has one; otherwise a PRM-… placeholder the CRM job replaces later. */
  externalId: string | null;
  name: string;
  kind: OpportunityKind;
  /** an existing customer, or one to create */
  customer: { id: string } | NewCustomer;
}

export function placeholderId(): string {
  return `${PLACEHOLDER_PREFIX}${randomUUID()}`;
}

/**
 * R-DEAL-05, "an opportunity is created", as the CRM domain does it for the deals domain: Ecosystem
 * Ops creates the opportunity (and the customer if new) at stage 0.
 */
export async function createOpportunity(uow: UnitOfWork, values: NewOpportunity): Promise<Opportunity> {
  const { em } = uow;
  const customerId = 'id' in values.customer ? values.customer.id : (await createCustomer(uow, values.customer)).id;
  const opportunity = await em.save(
    em.create(Opportunity, {
      externalId: values.externalId ?? placeholderId(),
      customerId,
      name: values.name,
      stage: OpportunityStage.STAGE_0,
      kind: values.kind,
    }),
  );
  await uow.emit(opportunityChanged, { opportunity, created: true });
  return opportunity;
}

async function createCustomer(uow: UnitOfWork, values: NewCustomer): Promise<Customer> {
  const { em } = uow;
  const crmAccountId = values.crmAccountId ?? placeholderId();
  await em
    .createQueryBuilder()
    .insert()
    .into(Customer)
    .values({
      crmAccountId,
      name: values.name,
      country: values.country,
      territory: values.territory,
      sector: values.sector,
      emailDomain: normalizeEmailDomain(values.emailDomain),
    })
    .orIgnore()
    .execute();
  return em.findOneByOrFail(Customer, { crmAccountId });
}

/** Locks an opportunity by CRM ID (registrations for it are then decided one at a time, R-DEAL-03/04). */
export function lockOpportunityByExternalId(uow: UnitOfWork, externalId: string): Promise<Opportunity | null> {
  return uow.em.findOne(Opportunity, { where: { externalId }, lock: { mode: 'pessimistic_write' } });
}

/** Locks an opportunity by its ID (Ecosystem Ops linking a registration to it, R-DEAL-05). */
export function lockOpportunityById(uow: UnitOfWork, id: string): Promise<Opportunity | null> {
  return uow.em.findOne(Opportunity, { where: { id }, lock: { mode: 'pessimistic_write' } });
}
