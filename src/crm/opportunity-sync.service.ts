import { isoDate } from '../rules/decision';
import type { EntityManager } from 'typeorm';
import { Role } from '../auth/role.enum';
import { UpsertChange } from '../common/bulk';
import { MutationResult, runMutation } from '../common/mutation';
import { Refusal, UserErrorCode, refuse, userError } from '../common/user-error';
import type { RequestContext } from '../context';
import { Customer } from './customer.entity';
import type { UnitOfWork } from '../db/unit-of-work';
import { Partner } from '../partners/partner.entity';
import { opportunityChanged } from './crm.hooks';
import { refreshIncumbency } from './incumbency.service';
import { Opportunity } from './opportunity.entity';
import { isClosed } from './opportunity.enums';
import { UpsertOpportunityInput } from './opportunity.inputs';

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
  if (input.customer) opportunity.customerId = (await upsertCustomer(em, input.customer)).id;
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

async function upsertCustomer(em: EntityManager, input: NonNullable<UpsertOpportunityInput['customer']>): Promise<Customer> {
  await em
    .createQueryBuilder()
    .insert()
    .into(Customer)
    .values({ crmAccountId: input.crmAccountId, name: input.name, country: input.country, territory: input.territory })
    .orIgnore()
    .execute();
  const customer = await em.findOneOrFail(Customer, { where: { crmAccountId: input.crmAccountId }, lock: { mode: 'pessimistic_write' } });
  if (customer.name !== input.name || customer.country !== input.country || customer.territory !== input.territory) {
    Object.assign(customer, { name: input.name, country: input.country, territory: input.territory });
    await em.save(customer);
  }
  return customer;
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
