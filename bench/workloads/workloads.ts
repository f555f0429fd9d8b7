/**
 * The three client workloads: which request comes next for a server, how many items an answer
 * holds, and the check that API and floor give the same answer before anything is measured.
 */
import type { Client } from 'pg';
import type { WorkloadKey } from './config';
import { BenchKeys, CrmItem, ProgrammeSize, crmBatch, crmItemKind, generatedOpportunity } from './data';
import { PARTNER_STATUSES, PARTNER_STATUSES_CURSORS, PORTAL_SYNC, PORTAL_SYNC_CURSORS, SYNC_SINCE, UPSERT_OPPORTUNITIES } from './documents';
import { type Operation, type Sample, Target } from './rounds';
import { MismatchError, assertSameAnswer, firstDifference, normalise } from './verify';

export const OPERATIONS = {
  portalSync: { document: PORTAL_SYNC, floorPath: '/portal-sync', root: 'partners' },
  portalSyncCursors: { document: PORTAL_SYNC_CURSORS, floorPath: '', root: 'partners' },
  partnerStatuses: { document: PARTNER_STATUSES, floorPath: '/partner-statuses', root: 'partnerStatuses' },
  partnerStatusesCursors: { document: PARTNER_STATUSES_CURSORS, floorPath: '', root: 'partnerStatuses' },
  upsertOpportunities: { document: UPSERT_OPPORTUNITIES, floorPath: '/upsert-opportunities', root: 'upsertOpportunities' },
} satisfies Record<string, Operation>;

interface Page {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: unknown[];
}

export interface WorkloadContext {
  keys: BenchKeys;
  programme: ProgrammeSize;
  crmBatchSize: number;
  db: Client;
}

export interface Workload {
  key: WorkloadKey;
  title: string;
  /** What the items of items/s are. */
  unit: string;
  /** Learns what it needs from the API before the first request (cursors of the pages). */
  prepare(api: Target): Promise<void>;
  /** A request source for one server; keep it across rounds, so the rounds walk on through the data. */
  requester(target: Target, pageSize?: number): () => Promise<Sample>;
  /** Throws MismatchError unless both servers answer the same; returns what was compared. */
  verify(api: Target, floor: Target, pageSizes: number[]): Promise<string>;
}

function sample(answer: { response: { ms: number; bytes: number }; statements: number }, items: number, itemErrors = 0): Sample {
  return { ms: answer.response.ms, items, statements: answer.statements, bytes: answer.response.bytes, itemErrors };
}

/** The `after` of every page of 100 in the API's own order and cursors (null for the first page). */
async function pageStarts(api: Target, operation: Operation, key: string, variables: Record<string, unknown>): Promise<Array<string | null>> {
  const starts: Array<string | null> = [null];
  for (;;) {
    const answer = await api.call(operation, key, { ...variables, first: 100, after: starts.at(-1) });
    const { pageInfo } = answer.data[operation.root] as Page;
    if (!pageInfo.hasNextPage || pageInfo.endCursor === null) return starts;
    starts.push(pageInfo.endCursor);
  }
}

/** Pages to compare: first, middle and last of a list, once each. */
function pagesToCompare(count: number): number[] {
  return [...new Set([0, Math.floor(count / 2), count - 1])];
}

function portalSyncWorkload(context: WorkloadContext): Workload {
  let starts: Array<string | null> = [];
  return {
    key: 'portal',
    title: 'Portal sync (PORTAL_SYNC): partners(first: N, updatedSince) → trackCompliance, people(first: 100) → certifications',
    unit: 'partners',
    async prepare(api) {
      starts = await pageStarts(api, OPERATIONS.portalSyncCursors, context.keys.portal, { since: SYNC_SINCE });
    },
    requester(target, pageSize = 100) {
      let next = 0;
      return async () => {
        const after = starts[next++ % starts.length];
        const answer = await target.call(OPERATIONS.portalSync, context.keys.portal, { first: pageSize, after, since: SYNC_SINCE });
        return sample(answer, (answer.data.partners as Page).nodes.length);
      };
    },
    async verify(api, floor, pageSizes) {
      const coverage = { pages: 0, partners: 0, people: 0, certifications: 0, unmet: 0, notCurrent: 0, leftPartner: 0, noTrack: 0 };
      for (const first of [...new Set([...pageSizes, 100])]) {
        for (const index of pagesToCompare(starts.length)) {
          const variables = { first, after: starts[index], since: SYNC_SINCE };
          const a = await api.call(OPERATIONS.portalSync, context.keys.portal, variables);
          const f = await floor.call(OPERATIONS.portalSync, context.keys.portal, variables);
          assertSameAnswer(`partners(first: ${first}) page ${index + 1} of ${starts.length}`, a.data, f.data);
          const page = a.data.partners as Page;
          coverage.pages += 1;
          for (const partner of page.nodes as Array<{
            track: string | null;
            trackCompliance: { unmet: unknown[] };
            people: { nodes: Array<{ employed: boolean; certifications: Array<{ current: boolean }> }> };
          }>) {
            coverage.partners += 1;
            coverage.unmet += partner.trackCompliance.unmet.length;
            if (partner.track === null) coverage.noTrack += 1;
            for (const person of partner.people.nodes) {
              coverage.people += 1;
              if (!person.employed) coverage.leftPartner += 1;
              coverage.certifications += person.certifications.length;
              coverage.notCurrent += person.certifications.filter((c) => !c.current).length;
            }
          }
        }
      }
      if (coverage.unmet === 0 || coverage.notCurrent === 0 || coverage.leftPartner === 0) {
        throw new MismatchError('portal sync', `the compared pages exercise too little of the rules: ${JSON.stringify(coverage)}`);
      }
      return `${coverage.pages} pages equal (${coverage.partners} partners, ${coverage.people} people, ${coverage.certifications} certifications; ${coverage.unmet} unmet requirements, ${coverage.notCurrent} certifications not current, ${coverage.leftPartner} people who left, ${coverage.noTrack} partners without a track)`;
    },
  };
}

function partnerStatusesWorkload(context: WorkloadContext): Workload {
  let starts: Array<string | null> = [];
  return {
    key: 'distributor',
    title: 'Distributor (DISTRIBUTOR, Amazic): partnerStatuses(first: 100) → inGoodStanding, pspDesignation, complianceSummary',
    unit: 'partners',
    async prepare(api) {
      starts = await pageStarts(api, OPERATIONS.partnerStatusesCursors, context.keys.distributor, {});
    },
    requester(target) {
      let next = 0;
      return async () => {
        const after = starts[next++ % starts.length];
        const answer = await target.call(OPERATIONS.partnerStatuses, context.keys.distributor, { first: 100, after });
        return sample(answer, (answer.data.partnerStatuses as Page).nodes.length);
      };
    },
    async verify(api, floor) {
      let partners = 0;
      let notInGoodStanding = 0;
      let psp = 0;
      // Every page: the list is short (the partners of one distributor).
      for (const [index, after] of starts.entries()) {
        const a = await api.call(OPERATIONS.partnerStatuses, context.keys.distributor, { first: 100, after });
        const f = await floor.call(OPERATIONS.partnerStatuses, context.keys.distributor, { first: 100, after });
        assertSameAnswer(`partnerStatuses page ${index + 1} of ${starts.length}`, a.data, f.data);
        for (const node of (a.data.partnerStatuses as Page).nodes as Array<{ inGoodStanding: boolean; pspDesignation: string | null }>) {
          partners += 1;
          if (!node.inGoodStanding) notInGoodStanding += 1;
          if (node.pspDesignation !== null) psp += 1;
        }
      }
      if (notInGoodStanding === 0 || psp === 0)
        throw new MismatchError('partnerStatuses', 'the pages exercise too little: no partner out of good standing or with a PSP designation');
      return `all ${starts.length} pages equal (${partners} partners, ${notInGoodStanding} not in good standing, ${psp} with a PSP designation)`;
    },
  };
}

interface UpsertAnswer {
  results: Array<{ externalId: string; change: string | null; userErrors: unknown[] }>;
  userErrors: unknown[];
}

interface StoredOpportunity {
  external_id: string;
  name: string;
  stage: string;
  kind: string;
  version: number;
  amount: string | null;
  last_sales_activity_at: Date | null;
  closed_at: Date | null;
  crm_account_id: string;
  customer_name: string;
  customer_country: string;
  customer_territory: string;
}

function crmWorkload(context: WorkloadContext): Workload {
  // One sequence for both servers: no batch is sent twice, so every batch has the same mix of work.
  let nextBatch = 0;
  const errorsOf = (answer: UpsertAnswer): number =>
    answer.userErrors.length + answer.results.filter((r) => r.change === null || r.userErrors.length > 0).length;

  /** What the stored rows say about each item, in terms that do not depend on the batch: the same for both servers if they did the same. */
  async function outcomeOf(items: CrmItem[], answer: UpsertAnswer): Promise<unknown[]> {
    const rows = (
      await context.db.query<StoredOpportunity>(
        `SELECT o.external_id, o.name, o.stage, o.kind, o.version, o.amount::text, o.last_sales_activity_at, o.closed_at,
                c.crm_account_id, c.name AS customer_name, c.country AS customer_country, c.territory AS customer_territory
           FROM opportunity o JOIN customer c ON c.id = o.customer_id WHERE o.external_id = ANY($1)`,
        [items.map((item) => item.externalId)],
      )
    ).rows;
    const byId = new Map(rows.map((row) => [row.external_id, row]));
    return items.map((item, index) => {
      const row = byId.get(item.externalId);
      const result = answer.results[index];
      if (!row) return { index, missing: true, change: result.change };
      const generated = /^006-(\d+)$/.exec(item.externalId);
      // What a field the item leaves out must still hold: the generated opportunity's value.
      const before = generated ? generatedOpportunity(Number(generated[1]), context.programme) : null;
      const stage = item.stage ?? before?.stage;
      return {
        index,
        kind: crmItemKind(index),
        resultKey: result.externalId === item.externalId,
        change: result.change,
        stage: row.stage === stage,
        closed: (row.closed_at !== null) === (stage === 'CLOSED_WON' || stage === 'CLOSED_LOST'),
        opportunityKind: row.kind,
        version: row.version,
        name: row.name === (item.name ?? before?.name),
        amount: item.amount === undefined || Number(row.amount) === Number(item.amount),
        // Left out: a new opportunity has none, an existing one keeps the generated one.
        lastSalesActivity:
          item.lastSalesActivityAt === undefined
            ? (row.last_sales_activity_at !== null) === (before !== null)
            : row.last_sales_activity_at?.toISOString() === item.lastSalesActivityAt,
        customer:
          row.crm_account_id === (item.customer?.crmAccountId ?? before?.crmAccountId) &&
          (item.customer === undefined ||
            (row.customer_name === item.customer.name && row.customer_country === item.customer.country && row.customer_territory === item.customer.territory)),
      };
    });
  }

  return {
    key: 'crm',
    title: `CRM (CRM_SYNC): upsertOpportunities, ${context.crmBatchSize} items per request (⅓ new on many customers, ⅓ changed, ⅓ unchanged)`,
    unit: 'rows',
    prepare() {
      return Promise.resolve();
    },
    requester(target) {
      return async () => {
        const items = crmBatch(nextBatch++, context.crmBatchSize, context.programme, new Date());
        const answer = await target.call(OPERATIONS.upsertOpportunities, context.keys.crm, { input: { items } });
        const payload = answer.data.upsertOpportunities as UpsertAnswer;
        return sample(answer, payload.results.length, errorsOf(payload));
      };
    },
    async verify(api, floor) {
      const sent: Array<{ items: CrmItem[]; answer: UpsertAnswer }> = [];
      for (const target of [api, floor]) {
        const items = crmBatch(nextBatch++, context.crmBatchSize, context.programme, new Date());
        const answer = (await target.call(OPERATIONS.upsertOpportunities, context.keys.crm, { input: { items } })).data.upsertOpportunities as UpsertAnswer;
        sent.push({ items, answer });
      }
      const [a, f] = sent;
      // Same JSON shape and the same change per item (the keys differ: the two batches are different rows).
      const shape = (answer: UpsertAnswer): unknown => normalise({ ...answer, results: answer.results.map((r) => ({ ...r, externalId: '…' })) });
      const shapeDifference = firstDifference(shape(a.answer), shape(f.answer));
      if (shapeDifference) throw new MismatchError('upsertOpportunities answers', shapeDifference);
      const [apiOutcome, floorOutcome] = [await outcomeOf(a.items, a.answer), await outcomeOf(f.items, f.answer)];
      assertSameAnswer('the rows upsertOpportunities left behind', apiOutcome, floorOutcome);
      // And both did what the CRM asked for.
      const expected = { new: 'CREATED', changed: 'UPDATED', unchanged: 'UNCHANGED' };
      for (const outcome of apiOutcome as Array<Record<string, unknown>>) {
        const wrong = Object.entries(outcome).filter(
          ([field, value]) => value === false || (field === 'change' && value !== expected[outcome.kind as keyof typeof expected]),
        );
        if (outcome.missing || wrong.length > 0) throw new MismatchError('upsertOpportunities', `item ${JSON.stringify(outcome)} is not what was sent`);
      }
      const changes = a.answer.results.reduce<Record<string, number>>(
        (counts, r) => ({ ...counts, [String(r.change)]: (counts[String(r.change)] ?? 0) + 1 }),
        {},
      );
      return `one batch each: same answer shape, same change per item (${JSON.stringify(changes)}), same stored rows (stage, kind, version, closed, name, amount, last activity, customer)`;
    },
  };
}

export function createWorkloads(context: WorkloadContext): Record<WorkloadKey, Workload> {
  return { portal: portalSyncWorkload(context), distributor: partnerStatusesWorkload(context), crm: crmWorkload(context) };
}
