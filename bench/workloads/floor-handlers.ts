/**
 * The floor's three answers: hand-written SQL through plain `pg`, the JSON built in a loop, no
 * GraphQL and no ORM. Each returns exactly what the API returns for the matching document of
 * documents.ts (the bench checks that), so the difference in throughput is what the API's
 * machinery costs over the least work that gives the same answer.
 *
 * Same work, not less: trackCompliance counts R-PTR-03/04/05 holders over every person of the
 * partner (not only the 100 listed), with the same clock rule (earned, not expired, holder still
 * employed), and only USD commitments count; the CRM write keeps the API's "left out = unchanged"
 * semantics and reports CREATED / UPDATED / UNCHANGED per item without touching unchanged rows.
 */
import type { Pool, PoolClient, QueryResultRow } from 'pg';

/** Counts the statements a request sends (the API's `extensions.sqlStatements`, same scope: after authentication). */
export class Statements {
  count = 0;

  constructor(private readonly db: Pool | PoolClient) {}

  async query<R extends QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    this.count += 1;
    return (await this.db.query<R>(sql, params)).rows;
  }
}

export class FloorRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------
// Relay conventions the API uses: global ids and keyset cursors (src/common/global-id.ts, pagination.ts).

function globalId(type: string, id: string): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

type CursorTag = 'updatedAt:ASC' | 'createdAt:ASC';

function encodeCursor(tag: CursorTag, at: Date, id: string): string {
  return Buffer.from(JSON.stringify([tag, at.toISOString(), id])).toString('base64url');
}

function decodeCursor(cursor: string | null | undefined, tag: CursorTag): { at: Date; id: string } | null {
  if (cursor === null || cursor === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 3 && parsed[0] === tag) {
      const at = new Date(String(parsed[1]));
      const id = String(parsed[2]);
      if (!Number.isNaN(at.getTime()) && /^[0-9a-f-]{36}$/i.test(id)) return { at, id };
    }
  } catch {
    // falls through
  }
  throw new FloorRequestError(400, '`after` is not a cursor of this list in this order');
}

function pageSize(first: unknown): number {
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 0 || first > 100) throw new FloorRequestError(400, '`first` must be between 0 and 100');
  return first;
}

// ---------------------------------------------------------------------------------------------
// Track compliance (R-PTR-03 Open, R-PTR-04 Select, counted with R-PTR-05), from holder counts.

/**
 * Per partner of the page `p`: the people holding a current certification of each counted kind.
 * $1 is the request's clock, like the API's `ctx.clock.now()`.
 */
const CURRENT_HOLDERS = `LEFT JOIN LATERAL (
    SELECT count(DISTINCT c.person_id) FILTER (WHERE c.kind = 'SALES_ACCREDITED') AS sales,
           count(DISTINCT c.person_id) FILTER (WHERE c.kind = 'SOLUTIONS_ARCHITECT') AS architects,
           count(DISTINCT c.person_id) FILTER (WHERE c.kind IN ('PARTNER_TECHNICAL_ENGINEER', 'PROFESSIONAL_SERVICES_ENGINEER')) AS engineers
      FROM person pe JOIN certification c ON c.person_id = pe.id
     WHERE pe.partner_id = p.id AND pe.employment_ended_at IS NULL
       AND c.earned_at <= $1 AND (c.expires_at IS NULL OR c.expires_at > $1)) h ON true`;

/** The partner columns the rules read, for a subquery aliased `p`. */
const COMPLIANCE_COLUMNS = `p.category, p.track, p.agreement_signed_at, p.joint_business_plan_sponsor IS NOT NULL AS has_business_plan,
       CASE WHEN p.committed_revenue_currency = 'USD' THEN p.committed_revenue_amount::text END AS committed_usd,
       h.sales, h.architects, h.engineers`;

interface ComplianceRow {
  category: string;
  track: string | null;
  agreement_signed_at: Date | null;
  has_business_plan: boolean;
  committed_usd: string | null;
  sales: string;
  architects: string;
  engineers: string;
}

interface Unmet {
  code: string;
  required: number;
  actual: number;
}

const SELECT_MIN_COMMITTED_REVENUE_USD = 300_000;

function trackCompliance(row: ComplianceRow, now: Date): { compliant: boolean; unmet: Unmet[] } {
  if (row.category !== 'CHANNEL' || row.track === null) return { compliant: true, unmet: [] };
  const select = row.track === 'SELECT';
  const unmet: Unmet[] = [];
  if (row.agreement_signed_at === null || row.agreement_signed_at.getTime() > now.getTime())
    unmet.push({ code: 'AGREEMENT_NOT_SIGNED', required: 1, actual: 0 });
  const counts: Array<[code: string, required: number, actual: number]> = [
    ['SALES_ACCREDITED_COUNT', select ? 4 : 2, Number(row.sales)],
    ['SOLUTIONS_ARCHITECT_COUNT', select ? 2 : 1, Number(row.architects)],
  ];
  if (select) counts.push(['TECHNICAL_ENGINEER_COUNT', 1, Number(row.engineers)]);
  for (const [code, required, actual] of counts) if (actual < required) unmet.push({ code, required, actual });
  if (select) {
    if (!row.has_business_plan) unmet.push({ code: 'JOINT_BUSINESS_PLAN_MISSING', required: 1, actual: 0 });
    const whole = row.committed_usd === null ? 0 : Number(row.committed_usd.split('.')[0]);
    if (whole < SELECT_MIN_COMMITTED_REVENUE_USD) unmet.push({ code: 'COMMITTED_REVENUE_TOO_LOW', required: SELECT_MIN_COMMITTED_REVENUE_USD, actual: whole });
  }
  return { compliant: unmet.length === 0, unmet };
}

// ---------------------------------------------------------------------------------------------
// 1. Portal sync: partners(first, after, filter: { updatedSince }) with compliance, people and certifications.

interface PartnerRow extends ComplianceRow {
  id: string;
  portal_external_id: string | null;
  name: string;
  status: string;
  updated_at: Date;
  version: number;
}

interface PersonCertificationRow {
  partner_id: string;
  id: string;
  portal_external_id: string | null;
  email: string;
  employed: boolean;
  kind: string | null;
  earned_at: Date | null;
  expires_at: Date | null;
}

export async function portalSync(db: Statements, variables: Record<string, unknown>, now: Date): Promise<unknown> {
  const first = pageSize(variables.first);
  const since = new Date(String(variables.since));
  if (Number.isNaN(since.getTime())) throw new FloorRequestError(400, '`since` must be a DateTime');
  const cursor = decodeCursor(variables.after as string | null | undefined, 'updatedAt:ASC');
  const partners = await db.query<PartnerRow>(
    `SELECT p.id, p.portal_external_id, p.name, p.status, p.updated_at, p.version, ${COMPLIANCE_COLUMNS}
       FROM (SELECT id, portal_external_id, name, category, track, status, updated_at, version, agreement_signed_at,
                    joint_business_plan_sponsor, committed_revenue_amount, committed_revenue_currency
               FROM partner
              WHERE updated_at >= $2 ${cursor ? 'AND (updated_at, id) > ($4, $5)' : ''}
              ORDER BY updated_at, id LIMIT $3) p
       ${CURRENT_HOLDERS}
      ORDER BY p.updated_at, p.id`,
    cursor ? [now, since, first + 1, cursor.at, cursor.id] : [now, since, first + 1],
  );
  const page = partners.slice(0, first);
  const people = new Map<string, Array<{ id: string; portalExternalId: string | null; email: string; employed: boolean; certifications: unknown[] }>>();
  if (page.length > 0) {
    const rows = await db.query<PersonCertificationRow>(
      `SELECT pe.partner_id, pe.id, pe.portal_external_id, pe.email, pe.employment_ended_at IS NULL AS employed, c.kind, c.earned_at, c.expires_at
         FROM unnest($1::uuid[]) AS page(partner_id)
        CROSS JOIN LATERAL (SELECT id, partner_id, portal_external_id, email, employment_ended_at, created_at
                              FROM person WHERE partner_id = page.partner_id ORDER BY created_at, id LIMIT 100) pe
         LEFT JOIN certification c ON c.person_id = pe.id
        ORDER BY pe.created_at, pe.id, c.created_at, c.id`,
      [page.map((p) => p.id)],
    );
    let personId: string | null = null;
    let certifications: unknown[] = [];
    for (const row of rows) {
      if (row.id !== personId) {
        personId = row.id;
        certifications = [];
        const person = { id: globalId('Person', row.id), portalExternalId: row.portal_external_id, email: row.email, employed: row.employed, certifications };
        const list = people.get(row.partner_id);
        if (list) list.push(person);
        else people.set(row.partner_id, [person]);
      }
      if (row.kind !== null && row.earned_at !== null) {
        certifications.push({
          kind: row.kind,
          earnedAt: row.earned_at,
          expiresAt: row.expires_at,
          // R-PTR-05
          current: row.employed && row.earned_at.getTime() <= now.getTime() && (row.expires_at === null || row.expires_at.getTime() > now.getTime()),
        });
      }
    }
  }
  const last = page.at(-1);
  return {
    partners: {
      pageInfo: { hasNextPage: partners.length > first, endCursor: last ? encodeCursor('updatedAt:ASC', last.updated_at, last.id) : null },
      nodes: page.map((p) => ({
        id: globalId('Partner', p.id),
        portalExternalId: p.portal_external_id,
        name: p.name,
        track: p.track,
        status: p.status,
        updatedAt: p.updated_at,
        version: p.version,
        trackCompliance: trackCompliance(p, now),
        people: { nodes: people.get(p.id) ?? [] },
      })),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 2. Distributor: partnerStatuses(first, after) of the partners a distributor serves (R-DIST-03).

interface StatusRow extends ComplianceRow {
  id: string;
  name: string;
  status: string;
  created_at: Date;
  psp_status: string | null;
}

export async function partnerStatuses(db: Statements, variables: Record<string, unknown>, now: Date, distributorId: string): Promise<unknown> {
  const first = pageSize(variables.first);
  const cursor = decodeCursor(variables.after as string | null | undefined, 'createdAt:ASC');
  // In its territories or buying through it; a marketplace serves every territory (R-DIST-01); an inactive one nobody.
  const rows = await db.query<StatusRow>(
    `SELECT p.id, p.name, p.status, p.created_at, psp.status AS psp_status, ${COMPLIANCE_COLUMNS}
       FROM (SELECT p.id, p.name, p.category, p.track, p.status, p.created_at, p.agreement_signed_at,
                    p.joint_business_plan_sponsor, p.committed_revenue_amount, p.committed_revenue_currency
               FROM partner p JOIN distributor d ON d.id = $2 AND d.active
              WHERE (d.kind = 'MARKETPLACE' OR p.territory = ANY(d.territories)
                     OR EXISTS (SELECT 1 FROM partner_distributor pd WHERE pd.partner_id = p.id AND pd.distributor_id = d.id))
                    ${cursor ? 'AND (p.created_at, p.id) > ($4, $5)' : ''}
              ORDER BY p.created_at, p.id LIMIT $3) p
       LEFT JOIN psp_designation psp ON psp.partner_id = p.id
       ${CURRENT_HOLDERS}
      ORDER BY p.created_at, p.id`,
    cursor ? [now, distributorId, first + 1, cursor.at, cursor.id] : [now, distributorId, first + 1],
  );
  const page = rows.slice(0, first);
  const last = page.at(-1);
  return {
    partnerStatuses: {
      nodes: page.map((p) => {
        const compliance = trackCompliance(p, now);
        return {
          id: globalId('Partner', p.id),
          name: p.name,
          track: p.track,
          lifecycleStatus: p.status,
          // R-PTR-06
          inGoodStanding: p.status === 'ACTIVE' && compliance.compliant,
          pspDesignation: p.psp_status,
          complianceSummary: { compliant: compliance.compliant, unmetCodes: compliance.unmet.map((u) => u.code) },
        };
      }),
      pageInfo: { hasNextPage: rows.length > first, endCursor: last ? encodeCursor('createdAt:ASC', last.created_at, last.id) : null },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 3. CRM: upsertOpportunities as one set-based customer upsert and one set-based opportunity upsert.

const SUPPORTED_ITEM_FIELDS = new Set(['externalId', 'name', 'stage', 'kind', 'amount', 'lastSalesActivityAt', 'closedAt', 'customer']);
const CLOSED = `('CLOSED_WON', 'CLOSED_LOST')`;

/** Customers of the batch, the last item's data winning as in the API's item-by-item run; sorted, so concurrent batches lock in one order. */
const UPSERT_CUSTOMERS = `INSERT INTO customer (name, crm_account_id, country, territory)
  SELECT DISTINCT ON (c->>'crmAccountId') c->>'name', c->>'crmAccountId', c->>'country', (c->>'territory')::territory
    FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(item, ord), LATERAL (SELECT t.item->'customer' AS c) x
   WHERE jsonb_typeof(c) = 'object'
   ORDER BY c->>'crmAccountId', ord DESC
  ON CONFLICT (crm_account_id) DO UPDATE
     SET name = EXCLUDED.name, country = EXCLUDED.country, territory = EXCLUDED.territory, version = customer.version + 1, updated_at = now()
   WHERE (customer.name, customer.country, customer.territory) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.country, EXCLUDED.territory)`;

/**
 * Each item merged with the stored row (a field left out keeps its value; a stage change sets or
 * clears closed_at as the API does), written only where something differs, one row back per item.
 * $2 is the request's clock.
 */
const UPSERT_OPPORTUNITIES = `WITH input AS (
    SELECT t.ord, t.item, t.item->>'externalId' AS external_id FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(item, ord)
  ), merged AS (
    SELECT i.ord, i.external_id, o.id IS NOT NULL AS existed,
           coalesce(cu.id, o.customer_id) AS customer_id,
           coalesce(nullif(i.item->>'name', ''), o.name) AS name,
           coalesce((i.item->>'stage')::opportunity_stage, o.stage) AS stage,
           coalesce((i.item->>'kind')::opportunity_kind, o.kind) AS kind,
           CASE WHEN i.item ? 'lastSalesActivityAt' THEN (i.item->>'lastSalesActivityAt')::timestamptz(3) ELSE o.last_sales_activity_at END AS last_sales_activity_at,
           CASE WHEN i.item ? 'amount' THEN (i.item->>'amount')::numeric(14, 2) ELSE o.amount END AS amount,
           CASE
             WHEN i.item->>'stage' IS NOT NULL THEN
               CASE WHEN i.item->>'stage' NOT IN ${CLOSED} THEN NULL
                    WHEN i.item->>'closedAt' IS NOT NULL THEN (i.item->>'closedAt')::timestamptz(3)
                    WHEN o.stage IS NULL OR o.stage::text NOT IN ${CLOSED} OR o.closed_at IS NULL THEN $2::timestamptz
                    ELSE o.closed_at END
             WHEN i.item->>'closedAt' IS NOT NULL AND o.stage::text IN ${CLOSED} THEN (i.item->>'closedAt')::timestamptz(3)
             ELSE o.closed_at
           END AS closed_at
      FROM input i
      LEFT JOIN opportunity o ON o.external_id = i.external_id
      LEFT JOIN customer cu ON cu.crm_account_id = i.item->'customer'->>'crmAccountId'
  ), written AS (
    INSERT INTO opportunity (external_id, customer_id, name, stage, kind, last_sales_activity_at, amount, closed_at)
    SELECT external_id, customer_id, name, stage, kind, last_sales_activity_at, amount, closed_at FROM merged
     WHERE existed OR (customer_id IS NOT NULL AND name IS NOT NULL AND stage IS NOT NULL AND kind IS NOT NULL)
     ORDER BY external_id
    ON CONFLICT (external_id) DO UPDATE
       SET customer_id = EXCLUDED.customer_id, name = EXCLUDED.name, stage = EXCLUDED.stage, kind = EXCLUDED.kind,
           last_sales_activity_at = EXCLUDED.last_sales_activity_at, amount = EXCLUDED.amount, closed_at = EXCLUDED.closed_at,
           version = opportunity.version + 1, updated_at = now()
     WHERE (opportunity.customer_id, opportunity.name, opportunity.stage, opportunity.kind, opportunity.last_sales_activity_at, opportunity.amount, opportunity.closed_at)
           IS DISTINCT FROM (EXCLUDED.customer_id, EXCLUDED.name, EXCLUDED.stage, EXCLUDED.kind, EXCLUDED.last_sales_activity_at, EXCLUDED.amount, EXCLUDED.closed_at)
    RETURNING external_id, xmax = 0 AS inserted
  )
  SELECT m.external_id, m.existed, w.inserted FROM merged m LEFT JOIN written w ON w.external_id = m.external_id ORDER BY m.ord`;

export async function upsertOpportunities(pool: Pool, variables: Record<string, unknown>, now: Date): Promise<{ data: unknown; statements: number }> {
  const items = (variables.input as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(items) || items.length > 500) throw new FloorRequestError(400, '`input.items` must be a list of at most 500 items');
  const seen = new Set<string>();
  for (const item of items as Array<Record<string, unknown>>) {
    const unsupported = Object.keys(item).filter((key) => !SUPPORTED_ITEM_FIELDS.has(key));
    if (unsupported.length > 0) throw new FloorRequestError(400, `the floor does not implement ${unsupported.join(', ')}`);
    if (typeof item.externalId !== 'string') throw new FloorRequestError(400, 'every item needs an externalId');
    // One statement cannot write a row twice; the API would apply such items one after the other.
    if (seen.has(item.externalId)) throw new FloorRequestError(400, `the floor does not take an externalId twice in a batch (${item.externalId})`);
    seen.add(item.externalId);
  }
  const client = await pool.connect();
  const db = new Statements(client);
  try {
    await db.query('BEGIN');
    const json = JSON.stringify(items);
    await db.query(UPSERT_CUSTOMERS, [json]);
    const outcomes = await db.query<{ external_id: string; existed: boolean; inserted: boolean | null }>(UPSERT_OPPORTUNITIES, [json, now]);
    await db.query('COMMIT');
    const results = outcomes.map((row) => {
      if (row.inserted === null && !row.existed) return { externalId: row.external_id, change: null, userErrors: [{ code: 'VALIDATION_FAILED' }] };
      return { externalId: row.external_id, change: row.inserted === null ? 'UNCHANGED' : row.inserted ? 'CREATED' : 'UPDATED', userErrors: [] };
    });
    return { data: { upsertOpportunities: { results, userErrors: [] } }, statements: db.count };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
