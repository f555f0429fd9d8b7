/**
 * The benchmark's data, and nothing else: the generated programme (set-based SQL, seconds not
 * minutes), the API keys the clients use, and the CRM batches the write workload sends.
 *
 * Schema changes land here: a new NOT NULL column, or a denormalised `partner_id` on a partner-owned
 * child table such as `certification`, is one INSERT below to adapt. Everything else in bench/ reads
 * the database only through the API or the floor server.
 *
 * The programme is deterministic (derived from generate_series numbers and hashtext), with enough
 * variety that the computed answers are not all the same: some SELECT partners, alliance partners,
 * suspended partners, people who left, expired and not-yet-earned certifications, PSP designations.
 */
import { randomBytes, createHash } from 'node:crypto';
import type { Client } from 'pg';

export const TERRITORIES = ['NORTH_AMERICA', 'EMEA', 'JAPAN', 'APAC', 'INDIA', 'THAILAND', 'US_PUBSEC', 'LATAM'] as const;

/** The distributor whose key runs the distributor workload: EMEA, plus LATAM partners buying through it. */
export const BENCH_DISTRIBUTOR = 'Amazic';

export interface ProgrammeSize {
  partners: number;
  peoplePerPartner: number;
  customers: number;
  opportunities: number;
}

export function programmeSize(partners: number): ProgrammeSize {
  return { partners, peoplePerPartner: 10, customers: partners * 2, opportunities: partners * 20 };
}

/** SQL for the territory of the n-th generated row: the same as `territoryOf(n)` in JS. */
function territorySql(n: string): string {
  return `(ARRAY[${TERRITORIES.map((t) => `'${t}'`).join(',')}])[1 + (${n}) % ${TERRITORIES.length}]::territory`;
}

export function territoryOf(n: number): (typeof TERRITORIES)[number] {
  return TERRITORIES[n % TERRITORIES.length];
}

/** Customer n as generated below, as the CRM would send it back (same name, country, territory). */
export function customerAccount(n: number): { crmAccountId: string; name: string; country: string; territory: string } {
  return { crmAccountId: `001C${n}`, name: `Customer ${n}`, country: 'DE', territory: territoryOf(n) };
}

const OPPORTUNITY_STAGES = ['STAGE_1', 'STAGE_3', 'STAGE_5', 'CLOSED_WON'];

/** Opportunity n as generated below (006-n): what an item that leaves a field out must find there still. */
export function generatedOpportunity(n: number, size: ProgrammeSize): { name: string; stage: string; closed: boolean; crmAccountId: string } {
  return { name: `Opportunity ${n}`, stage: OPPORTUNITY_STAGES[n % 4], closed: n % 4 === 3, crmAccountId: `001C${1 + (n % size.customers)}` };
}

export async function generateProgramme(db: Client, size: ProgrammeSize): Promise<Record<string, number>> {
  // Partners 1..N: every 10th SELECT, every 50th (offset 7) an alliance partner (no track), every
  // 37th suspended; some SELECT partners have a joint business plan and a committed revenue, every
  // 40th in EUR (which does not count, R-PTR-04).
  await db.query(
    `INSERT INTO partner (name, portal_external_id, crm_account_id, category, alliance_type, track, status, territory, country,
                          agreement_kind, agreement_signed_at, joint_business_plan_sponsor, committed_revenue_amount, committed_revenue_currency)
     SELECT 'Partner ' || g, 'IMP-' || g, '001P' || g,
            CASE WHEN g % 50 = 7 THEN 'ALLIANCE' ELSE 'CHANNEL' END::partner_category,
            CASE WHEN g % 50 = 7 THEN 'TECHNOLOGY_ISV' END::alliance_type,
            CASE WHEN g % 50 = 7 THEN NULL WHEN g % 10 = 0 THEN 'SELECT' ELSE 'OPEN' END::partner_track,
            CASE WHEN g % 37 = 0 THEN 'SUSPENDED' ELSE 'ACTIVE' END::partner_lifecycle_status,
            ${territorySql('g')}, 'DE',
            CASE WHEN g % 50 = 7 THEN 'TECHNOLOGY_PARTNER' ELSE 'CHANNEL_PARTNER' END::agreement_kind, now() - interval '400 days',
            CASE WHEN g % 20 = 0 THEN 'Sponsor ' || g END,
            CASE WHEN g % 20 = 0 THEN 500000 WHEN g % 30 = 0 THEN 100000 END,
            CASE WHEN g % 40 = 0 THEN 'EUR' ELSE 'USD' END
       FROM generate_series(1, $1) g`,
    [size.partners],
  );
  // People: one in twenty has left the partner (their certifications stop counting, R-PTR-05).
  await db.query(
    `INSERT INTO person (partner_id, portal_external_id, first_name, last_name, email, employment_ended_at)
     SELECT p.id, p.portal_external_id || '-C' || n, 'First', 'Last ' || n, 'person' || n || '@' || p.portal_external_id || '.example',
            CASE WHEN abs(hashtext(p.portal_external_id || '-C' || n)) % 20 = 0 THEN now() - interval '30 days' END
       FROM partner p CROSS JOIN generate_series(1, $1) n`,
    [size.peoplePerPartner],
  );
  // Certifications: one per person (a tenth expired, a tenth without expiry), and a second one for
  // three people in ten (a fifteenth of those earned only in the future).
  await db.query(`INSERT INTO certification (person_id, kind, earned_at, expires_at)
     SELECT id, (ARRAY['FOUNDATIONS','SALES_ACCREDITED','SALES_ACCREDITED','SOLUTIONS_ARCHITECT','PROFESSIONAL_SERVICES_ENGINEER'])[1 + abs(hashtext(id::text)) % 5]::certification_kind,
            now() - interval '200 days',
            CASE abs(hashtext(id::text || 'e')) % 10 WHEN 0 THEN now() - interval '20 days' WHEN 1 THEN NULL ELSE now() + interval '500 days' END
       FROM person`);
  await db.query(`INSERT INTO certification (person_id, kind, earned_at, expires_at)
     SELECT id, (ARRAY['SALES_ACCREDITED','SOLUTIONS_ARCHITECT','PARTNER_TECHNICAL_ENGINEER','FOUNDATIONS','SALES_ACCREDITED'])[1 + abs(hashtext(id::text || 'k')) % 5]::certification_kind,
            CASE WHEN abs(hashtext(id::text || 'f')) % 15 = 0 THEN now() + interval '10 days' ELSE now() - interval '100 days' END,
            now() + interval '600 days'
       FROM person WHERE abs(hashtext(id::text || 's')) % 10 < 3`);
  // PSP designations for every 25th partner: compliant, at risk (with its deadline) or revoked.
  await db.query(`INSERT INTO psp_designation (partner_id, status, offerings, granted_at, review_month, next_review_due_on, remediation_due_on, revoked_at)
     SELECT id, (ARRAY['COMPLIANT','COMPLIANT','AT_RISK','REVOKED'])[1 + g % 4]::psp_designation_status, '{ASSESSMENT,MIGRATION}',
            now() - interval '300 days', 1 + g % 12, current_date + 60,
            CASE WHEN g % 4 = 2 THEN current_date + 30 END, CASE WHEN g % 4 = 3 THEN now() - interval '10 days' END
       FROM (SELECT id, (substring(portal_external_id from 5))::int AS g FROM partner) p WHERE g % 25 = 0`);
  await db.query(
    `INSERT INTO customer (name, crm_account_id, country, territory)
     SELECT 'Customer ' || g, '001C' || g, 'DE', ${territorySql('g')} FROM generate_series(1, $1) g`,
    [size.customers],
  );
  // Opportunity g belongs to customer 1 + g % customers: about ten per customer; a quarter closed-won.
  await db.query(
    `INSERT INTO opportunity (external_id, customer_id, name, stage, kind, amount, last_sales_activity_at, closed_at)
     SELECT '006-' || g, c.id, 'Opportunity ' || g, (ARRAY[${OPPORTUNITY_STAGES.map((s) => `'${s}'`).join(',')}])[1 + g % 4]::opportunity_stage, 'NEW_CUSTOMER', 1000 + g,
            now() - interval '30 days', CASE WHEN g % 4 = 3 THEN now() - interval '10 days' END
       FROM generate_series(1, $1) g JOIN customer c ON c.crm_account_id = '001C' || (1 + g % $2)`,
    [size.opportunities, size.customers],
  );
  await db.query(
    `INSERT INTO deal_registration (partner_id, opportunity_id, program_type, status, route, received_at, stage_at_submission)
     SELECT p.id, o.id, 'RESALE', 'PENDING_ESM', 'EARLY_STAGE', now() - interval '5 days', 'STAGE_1'
       FROM opportunity o JOIN partner p ON p.portal_external_id = 'IMP-' || (1 + (substring(o.external_id from 5))::int % $1)`,
    [size.partners],
  );
  await db.query(
    `INSERT INTO partner_distributor (partner_id, distributor_id)
     SELECT p.id, d.id FROM partner p JOIN distributor d ON d.name = $1
      WHERE p.territory = 'LATAM' AND (substring(p.portal_external_id from 5))::int % 3 = 0`,
    [BENCH_DISTRIBUTOR],
  );
  // A settled database, as in production: statistics and the visibility map are up to date, and the
  // generation's dirty pages are on disk, not written back under the first measured rounds.
  await db.query('VACUUM ANALYZE');
  await db.query('CHECKPOINT').catch((error: unknown) => {
    process.stderr.write(
      `CHECKPOINT failed (${error instanceof Error ? error.message : String(error)}); the first rounds may pay for the generation's writes\n`,
    );
  });
  const counts = (
    await db.query(`SELECT (SELECT count(*) FROM partner) AS partners, (SELECT count(*) FROM person) AS people,
      (SELECT count(*) FROM certification) AS certifications, (SELECT count(*) FROM psp_designation) AS psp_designations,
      (SELECT count(*) FROM customer) AS customers, (SELECT count(*) FROM opportunity) AS opportunities,
      (SELECT count(*) FROM deal_registration) AS deal_registrations, (SELECT count(*) FROM partner_distributor) AS partner_distributor_links`)
  ).rows[0] as Record<string, string>;
  return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)]));
}

export interface BenchKeys {
  portal: string;
  distributor: string;
  crm: string;
}

/** One key per client role, stored as `npm run keys:create` would store them (hash and prefix only). */
export async function createBenchKeys(db: Client): Promise<BenchKeys> {
  const distributor = (await db.query(`SELECT id FROM distributor WHERE name = $1`, [BENCH_DISTRIBUTOR])).rows[0] as { id: string } | undefined;
  if (!distributor) throw new Error(`distributor ${BENCH_DISTRIBUTOR} is missing: did the migrations run?`);
  const keys: BenchKeys = { portal: newKey(), distributor: newKey(), crm: newKey() };
  for (const [role, key, distributorId] of [
    ['PORTAL_SYNC', keys.portal, null],
    ['DISTRIBUTOR', keys.distributor, distributor.id],
    ['CRM_SYNC', keys.crm, null],
  ] as const) {
    await db.query(`INSERT INTO api_key (name, role, distributor_id, key_hash, prefix) VALUES ($1, $2, $3, $4, $5)`, [
      `bench ${role}`,
      role,
      distributorId,
      createHash('sha256').update(key, 'utf8').digest('hex'),
      key.slice(0, 12),
    ]);
  }
  return keys;
}

function newKey(): string {
  return `prm_${randomBytes(32).toString('base64url')}`;
}

/** One CRM item of `upsertOpportunities` (the fields the benchmark sends). */
export interface CrmItem {
  externalId: string;
  name?: string;
  stage?: string;
  kind?: string;
  amount?: string;
  lastSalesActivityAt?: string;
  customer?: { crmAccountId: string; name: string; country: string; territory: string };
}

/** Item i of batch b is new (i % 3 = 0), changed (1) or unchanged (2): the same mix in every batch. */
export type CrmItemKind = 'new' | 'changed' | 'unchanged';

export function crmItemKind(index: number): CrmItemKind {
  return index % 3 === 0 ? 'new' : index % 3 === 1 ? 'changed' : 'unchanged';
}

/** A small, well-spread hash of (batch, index), so new items land on many customers. */
function mix(batch: number, index: number): number {
  let h = (Math.imul(batch, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
  return (h ^ (h >>> 13)) >>> 0;
}

/**
 * Batch b of the CRM job, as Salesforce would send it: a third new opportunities, spread over the
 * programme's customers (one in ten on a customer the CRM has just created); a third existing ones
 * moved on (stage, last activity); a third existing ones resent as they are. Batches never share an
 * opportunity until the generated ones wrap around, and `now` makes every change a change.
 */
export function crmBatch(batch: number, size: number, programme: ProgrammeSize, now: Date): CrmItem[] {
  const existingPerBatch = size - Math.ceil(size / 3);
  return Array.from({ length: size }, (_, index): CrmItem => {
    const kind = crmItemKind(index);
    if (kind === 'new') {
      const h = mix(batch, index);
      const customer =
        h % 10 === 0
          ? { crmAccountId: `001C-B${batch}-${index}`, name: `New customer ${batch}-${index}`, country: 'DE', territory: territoryOf(h >>> 4) }
          : customerAccount(1 + ((h >>> 4) % programme.customers));
      return {
        externalId: `006-B${batch}-${index}`,
        name: `New ${batch}-${index}`,
        stage: 'STAGE_1',
        kind: 'NEW_CUSTOMER',
        amount: `${1000 + (h % 90_000)}.00`,
        customer,
      };
    }
    const existing = 1 + ((batch * existingPerBatch + index - Math.ceil((index + 1) / 3)) % programme.opportunities);
    if (kind === 'changed') return { externalId: `006-${existing}`, stage: 'STAGE_6', lastSalesActivityAt: now.toISOString() };
    return { externalId: `006-${existing}` };
  });
}
