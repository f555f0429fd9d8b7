import { isoDate } from '../rules/decision';
import type { EntityManager } from 'typeorm';
import { Role } from '../auth/role.enum';
import { UpsertChange } from '../common/bulk';
import { MutationResult, runMutation } from '../common/mutation';
import { Refusal, UserErrorCode, refuse, userError } from '../common/user-error';
import type { RequestContext } from '../context';
import { Territory } from '../partners/partner.enums';
import { CustomerSector, PLACEHOLDER_PREFIX, isPlaceholderId, normalizeEmailDomain } from './customer-facts';
import { lockCustomerFacts, matchCustomer } from './customer-matching';
import { Customer } from './customer.entity';
import type { UnitOfWork } from '../db/unit-of-work';
import { Partner } from '../partners/partner.entity';
import { opportunityChanged } from './crm.hooks';
import { refreshIncumbency } from './incumbency.service';
import { Opportunity } from './opportunity.entity';
import { isClosed } from './opportunity.enums';
import { CustomerAccountInput, UpsertOpportunityInput } from './opportunity.inputs';

export interface OpportunityUpsert {
  opportunity: Opportunity;
  change: UpsertChange;
}

/** Who writes CRM data: the Salesforce integration, and Ecosystem Ops by hand. */
export const CRM_WRITERS = [Role.CRM_SYNC, Role.ECOSYSTEM_OPS] as const;

/**
 * Creates or updates an opportunity by CRM ID. A retry with the same data changes nothing (not even
 * `version`), so the CRM can resend freely. A stage or close change re-evaluates what depends on it:
 * the expiry exemption of approved registrations (R-DEAL-08) and the customer's incumbent (R-REN-01).
 */
export async function upsertOpportunity(
  ctx: RequestContext,
  input: UpsertOpportunityInput,
): Promise<MutationResult<Opportunity> & { change: UpsertChange | null }> {
  let change: UpsertChange | null = null;
  const outcome = await runMutation(ctx, { operation: 'upsertOpportunity', roles: CRM_WRITERS, input }, async (uow) => {
    const result = await applyUpsert(uow, input);
    change = result.change;
    return result.opportunity;
  });
  return { ...outcome, change };
}

async function applyUpsert(uow: UnitOfWork, input: UpsertOpportunityInput): Promise<OpportunityUpsert> {
  const { em, now } = uow;
  let opportunity = await em.findOne(Opportunity, { where: { externalId: input.externalId }, lock: { mode: 'pessimistic_write' } });
  if (!opportunity && input.placeholderExternalId) opportunity = await placeholderToReplace(uow, input.placeholderExternalId);
  const created = opportunity === null;
  if (!opportunity) {
    const missing = (['name', 'customer', 'stage', 'kind'] as const).filter((key) => !input[key]);
    if (missing.length > 0) {
      throw new Refusal(
        missing.map((key) =>
          userError(UserErrorCode.VALIDATION_FAILED, `${key} is required to create opportunity ${input.externalId}`, { field: ['input', key] }),
        ),
      );
    }
    opportunity = em.create(Opportunity, { externalId: input.externalId, currency: 'USD' });
  }
  const before = snapshot(opportunity);
  opportunity.externalId = input.externalId;
  if (input.customer) opportunity.customerId = (await upsertCustomer(uow, input.customer, created ? null : opportunity.customerId)).id;
  if (input.name) opportunity.name = input.name;
  if (input.kind) opportunity.kind = input.kind;
  if (input.lastSalesActivityAt !== undefined) opportunity.lastSalesActivityAt = input.lastSalesActivityAt;
  if (input.amount !== undefined) opportunity.amount = input.amount;
  if (input.netArr !== undefined) opportunity.netArr = input.netArr;
  if (input.currency) opportunity.currency = input.currency;
  if (input.closeDate !== undefined) opportunity.closeDate = input.closeDate === null ? null : columnDate(input.closeDate);
  if (input.resellerPartnerCrmAccountId !== undefined) {
    opportunity.resellerPartnerId = input.resellerPartnerCrmAccountId === null ? null : await partnerIdByCrmAccount(em, input.resellerPartnerCrmAccountId);
  }
  if (input.stage) {
    const wasClosed = opportunity.stage !== undefined && isClosed(opportunity.stage);
    opportunity.stage = input.stage;
    if (!isClosed(input.stage)) opportunity.closedAt = null;
    else if (input.closedAt) opportunity.closedAt = input.closedAt;
    else if (!wasClosed || opportunity.closedAt === null) opportunity.closedAt = now;
  } else if (input.closedAt && opportunity.stage !== undefined && isClosed(opportunity.stage)) {
    opportunity.closedAt = input.closedAt;
  }
  if (!created && snapshot(opportunity) === before) return { opportunity, change: UpsertChange.UNCHANGED };
  opportunity = await em.save(opportunity);
  // R-REN-01: a closed-won sale through a partner can make it the customer's incumbent.
  await refreshIncumbency(uow, opportunity.customerId);
  await uow.emit(opportunityChanged, { opportunity, created });
  return { opportunity, change: created ? UpsertChange.CREATED : UpsertChange.UPDATED };
}

/** The opportunity the API created under a PRM-… ID, locked, which now takes the CRM's ID. */
async function placeholderToReplace(uow: UnitOfWork, placeholderExternalId: string): Promise<Opportunity> {
  const field = ['input', 'placeholderExternalId'];
  if (!isPlaceholderId(placeholderExternalId)) {
    refuse(UserErrorCode.VALIDATION_FAILED, `Only a ${PLACEHOLDER_PREFIX}… ID the API gave an opportunity can be replaced`, { field });
  }
  const placeholder = await uow.em.findOne(Opportunity, { where: { externalId: placeholderExternalId }, lock: { mode: 'pessimistic_write' } });
  if (!placeholder) refuse(UserErrorCode.NOT_FOUND, `No opportunity with ID ${placeholderExternalId}`, { field });
  return placeholder;
}

/**
 * Creates or updates the customer by CRM account ID. An account ID the API does not know yet is
 * attached to a customer a partner registered without one (R-DEAL-05): the opportunity's own
 * customer if it awaits a CRM ID, else the only such customer with the same normalized name or
 * e-mail domain; otherwise a new customer.
 */
async function upsertCustomer(uow: UnitOfWork, input: CustomerAccountInput, currentCustomerId: string | null): Promise<Customer> {
  const { em } = uow;
  let customer = await em.findOne(Customer, { where: { crmAccountId: input.crmAccountId }, lock: { mode: 'pessimistic_write' } });
  if (!customer) {
    await lockCustomerFacts(uow, { crmAccountId: input.crmAccountId, name: input.name, emailDomain: input.emailDomain ?? null });
    customer = await awaitingCrmId(uow, input, currentCustomerId);
  }
  if (!customer) {
    await em
      .createQueryBuilder()
      .insert()
      .into(Customer)
      .values({ crmAccountId: input.crmAccountId, name: input.name, country: input.country, territory: input.territory })
      .orIgnore()
      .execute();
    customer = await em.findOneOrFail(Customer, { where: { crmAccountId: input.crmAccountId }, lock: { mode: 'pessimistic_write' } });
  }
  const sector = input.sector ?? (input.territory === Territory.US_PUBSEC ? CustomerSector.PUBLIC_SECTOR : customer.sector);
  const emailDomain = input.emailDomain === undefined ? customer.emailDomain : normalizeEmailDomain(input.emailDomain);
  const changed =
    customer.crmAccountId !== input.crmAccountId ||
    customer.name !== input.name ||
    customer.country !== input.country ||
    customer.territory !== input.territory ||
    customer.sector !== sector ||
    customer.emailDomain !== emailDomain;
  Object.assign(customer, { crmAccountId: input.crmAccountId, name: input.name, country: input.country, territory: input.territory, sector, emailDomain });
  return changed ? em.save(customer) : customer;
}

async function awaitingCrmId(uow: UnitOfWork, input: CustomerAccountInput, currentCustomerId: string | null): Promise<Customer | null> {
  const { em } = uow;
  if (currentCustomerId) {
    const current = await em.findOne(Customer, { where: { id: currentCustomerId }, lock: { mode: 'pessimistic_write' } });
    if (current && isPlaceholderId(current.crmAccountId)) return current;
  }
  const match = await matchCustomer(uow, { crmAccountId: null, name: input.name, emailDomain: input.emailDomain ?? null });
  const waiting = match.customers.filter((c) => isPlaceholderId(c.crmAccountId));
  if (waiting.length !== 1) return null;
  return em.findOne(Customer, { where: { id: waiting[0].id }, lock: { mode: 'pessimistic_write' } });
}

async function partnerIdByCrmAccount(em: EntityManager, crmAccountId: string): Promise<string> {
  const partner = await em.findOne(Partner, { where: { crmAccountId } });
  if (!partner) refuse(UserErrorCode.NOT_FOUND, `No partner with CRM account ID ${crmAccountId}`, { field: ['input', 'resellerPartnerCrmAccountId'] });
  return partner.id;
}

/** graphql-scalars' Date parses to a Date at UTC midnight; the column holds 'YYYY-MM-DD'. */
function columnDate(value: Date | string): string {
  return typeof value === 'string' ? value.slice(0, 10) : isoDate(value);
}

function snapshot(o: Opportunity): string {
  return JSON.stringify([
    o.externalId,
    o.customerId,
    o.name,
    o.stage,
    o.kind,
    o.lastSalesActivityAt?.getTime() ?? null,
    o.amount === null || o.amount === undefined ? null : Number(o.amount),
    o.netArr === null || o.netArr === undefined ? null : Number(o.netArr),
    o.currency,
    o.closeDate ?? null,
    o.closedAt?.getTime() ?? null,
    o.resellerPartnerId ?? null,
  ]);
}
