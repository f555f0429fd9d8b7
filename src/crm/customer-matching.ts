import { In, Not } from 'typeorm';
import type { UnitOfWork } from '../db/unit-of-work';
import { CustomerMatchKind, matchableEmailDomain } from './customer-facts';
import { Opportunity } from './opportunity.entity';
import { OpportunityStage } from './opportunity.enums';

/** What identifies a customer when no known CRM opportunity says which it is (R-DEAL-05). */
export interface CustomerFacts {
  crmAccountId: string | null;
  name: string | null;
  emailDomain: string | null;
}

export interface CustomerMatch {
  customers: Array<{ id: string; matchedBy: CustomerMatchKind; createdAt: Date; crmAccountId: string }>;
  /** the open opportunities of those customers, oldest first */
  opportunities: Array<{ id: string; customerId: string; stage: OpportunityStage }>;
}

/** Enough for Ecosystem Ops to choose from; a customer with more open opportunities is reviewed in the CRM anyway. */
const MAX_MATCHED_CUSTOMERS = 20;
const MAX_CANDIDATES = 50;

/**
 * Serializes everything that matches or creates a customer from the same facts until the
 * transaction ends: two partners registering the same new customer at once, or a registration and
 * the CRM job attaching its account ID. Transaction-scoped advisory locks, taken in one global order
 * (by hash), so two callers with overlapping facts cannot deadlock on them.
 */
export async function lockCustomerFacts(uow: UnitOfWork, facts: CustomerFacts): Promise<void> {
  await uow.em.query(
    `SELECT pg_advisory_xact_lock(h) FROM (
       SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest(ARRAY[
         'customer-match:account:' || $1::text,
         'customer-match:name:' || NULLIF(customer_match_name($2::text), ''),
         'customer-match:domain:' || $3::text]) AS k
       WHERE k IS NOT NULL ORDER BY h) AS keys`,
    [facts.crmAccountId, facts.name, matchableEmailDomain(facts.emailDomain)],
  );
}

/**
 * R-DEAL-05 matching, as the CRM domain answers it: the customer with that CRM account ID if there
 * is one, else the customers with the same normalized name or e-mail domain; and their open
 * opportunities. Call after `lockCustomerFacts`.
 */
export async function matchCustomer(uow: UnitOfWork, facts: CustomerFacts): Promise<CustomerMatch> {
  const { em } = uow;
  type Row = { id: string; created_at: Date; crm_account_id: string; matched_by: CustomerMatchKind };
  let rows: Row[] = facts.crmAccountId
    ? await em.query(`SELECT id, created_at, crm_account_id, 'CRM_ACCOUNT_ID' AS matched_by FROM customer WHERE crm_account_id = $1`, [facts.crmAccountId])
    : [];
  if (rows.length === 0) {
    rows = await em.query(
      `SELECT id, created_at, crm_account_id,
              CASE WHEN normalized_name = NULLIF(customer_match_name($1::text), '') THEN 'NAME' ELSE 'EMAIL_DOMAIN' END AS matched_by
         FROM customer
        WHERE normalized_name = NULLIF(customer_match_name($1::text), '') OR email_domain = $2::text
        ORDER BY created_at, id
        LIMIT ${MAX_MATCHED_CUSTOMERS}`,
      [facts.name, matchableEmailDomain(facts.emailDomain)],
    );
  }
  const customers = rows.map((row) => ({ id: row.id, matchedBy: row.matched_by, createdAt: new Date(row.created_at), crmAccountId: row.crm_account_id }));
  const opportunities =
    customers.length === 0
      ? []
      : await em.find(Opportunity, {
          select: { id: true, customerId: true, stage: true },
          where: { customerId: In(customers.map((c) => c.id)), stage: Not(In([OpportunityStage.CLOSED_WON, OpportunityStage.CLOSED_LOST])) },
          order: { createdAt: 'ASC', id: 'ASC' },
          take: MAX_CANDIDATES,
        });
  return { customers, opportunities: opportunities.map((o) => ({ id: o.id, customerId: o.customerId, stage: o.stage })) };
}
