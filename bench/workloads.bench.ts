/**
 * The three client workloads on a generated programme of realistic size:
 *   - the portal's incremental sync paging through all partners with people and certifications,
 *   - a distributor's status query for its partners,
 *   - the CRM job's upsertOpportunities batches of 500.
 * The compiled server runs as a child process on a fresh PostgreSQL database; the benchmark prints,
 * per workload, throughput, p50/p99 latency, SQL statements per request and the server's peak
 * memory (VmHWM), and writes bench/results/workloads.json.
 *
 *   npm run bench      (builds first; needs PostgreSQL on 127.0.0.1:5432 like the tests)
 *   BENCH_PARTNERS=2000 npm run bench   (a smaller programme)
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PARTNERS = Number(process.env.BENCH_PARTNERS ?? 10_000);
const PEOPLE_PER_PARTNER = 10;
const OPPORTUNITIES = PARTNERS * 20;
const CRM_BATCHES = Number(process.env.BENCH_CRM_BATCHES ?? 10);
const PORT = 4700 + (process.pid % 200);

interface Sample {
  ms: number;
  statements: number;
}

interface WorkloadResult {
  workload: string;
  requests: number;
  items: number;
  seconds: number;
  requestsPerSecond: number;
  itemsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  statementsPerRequest: { min: number; max: number };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function summarize(workload: string, samples: Sample[], items: number, seconds: number): WorkloadResult {
  const round = (n: number) => Number(n.toFixed(2));
  return {
    workload,
    requests: samples.length,
    items,
    seconds: round(seconds),
    requestsPerSecond: round(samples.length / seconds),
    itemsPerSecond: round(items / seconds),
    p50Ms: round(
      percentile(
        samples.map((s) => s.ms),
        50,
      ),
    ),
    p99Ms: round(
      percentile(
        samples.map((s) => s.ms),
        99,
      ),
    ),
    statementsPerRequest: { min: Math.min(...samples.map((s) => s.statements)), max: Math.max(...samples.map((s) => s.statements)) },
  };
}

/** Generates the programme in a few set-based statements (seconds, not minutes). */
async function generate(db: Client): Promise<void> {
  const territories = `(ARRAY['NORTH_AMERICA','EMEA','JAPAN','APAC','INDIA','THAILAND','US_PUBSEC','LATAM'])[1 + g % 8]::territory`;
  await db.query(
    `INSERT INTO partner (name, portal_external_id, crm_account_id, category, track, status, territory, country, agreement_kind, agreement_signed_at)
    SELECT 'Partner ' || g, 'IMP-' || g, '001P' || g, 'CHANNEL', CASE WHEN g % 10 = 0 THEN 'SELECT' ELSE 'OPEN' END::partner_track,
           'ACTIVE', ${territories}, 'DE', 'CHANNEL_PARTNER', now() - interval '400 days'
      FROM generate_series(1, $1) g`,
    [PARTNERS],
  );
  await db.query(
    `INSERT INTO person (partner_id, portal_external_id, first_name, last_name, email)
    SELECT p.id, p.portal_external_id || '-C' || n, 'First', 'Last ' || n, 'person' || n || '@' || p.portal_external_id || '.example'
      FROM partner p CROSS JOIN generate_series(1, $1) n`,
    [PEOPLE_PER_PARTNER],
  );
  await db.query(`INSERT INTO certification (person_id, kind, earned_at, expires_at)
    SELECT id, (ARRAY['FOUNDATIONS','SALES_ACCREDITED','SALES_ACCREDITED','SOLUTIONS_ARCHITECT','PROFESSIONAL_SERVICES_ENGINEER'])[1 + abs(hashtext(id::text)) % 5]::certification_kind,
           now() - interval '200 days', now() + interval '500 days'
      FROM person`);
  await db.query(
    `INSERT INTO customer (name, crm_account_id, country, territory)
    SELECT 'Customer ' || g, '001C' || g, 'DE', ${territories} FROM generate_series(1, $1) g`,
    [PARTNERS * 2],
  );
  await db.query(
    `INSERT INTO opportunity (external_id, customer_id, name, stage, kind, amount, last_sales_activity_at, closed_at)
    SELECT '006-' || g, c.id, 'Opportunity ' || g, (ARRAY['STAGE_1','STAGE_3','STAGE_5','CLOSED_WON'])[1 + g % 4]::opportunity_stage, 'NEW_CUSTOMER', 1000 + g,
           now() - interval '30 days', CASE WHEN g % 4 = 3 THEN now() - interval '10 days' END
      FROM generate_series(1, $1) g JOIN customer c ON c.crm_account_id = '001C' || (1 + g % $2)`,
    [OPPORTUNITIES, PARTNERS * 2],
  );
  await db.query(
    `INSERT INTO deal_registration (partner_id, opportunity_id, program_type, status, route, received_at, stage_at_submission)
    SELECT p.id, o.id, 'RESALE', 'PENDING_ESM', 'EARLY_STAGE', now() - interval '5 days', 'STAGE_1'
      FROM opportunity o JOIN partner p ON p.portal_external_id = 'IMP-' || (1 + (substring(o.external_id from 5))::int % $1)`,
    [PARTNERS],
  );
  await db.query(`INSERT INTO partner_distributor (partner_id, distributor_id)
    SELECT p.id, d.id FROM partner p JOIN distributor d ON d.name = 'Amazic' WHERE p.territory = 'LATAM' AND (substring(p.portal_external_id from 5))::int % 3 = 0`);
  await db.query('ANALYZE');
}

async function waitForReady(url: string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('server did not become ready');
}

function peakMemoryMiB(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Math.round(Number(match[1]) / 1024) : Number.NaN;
}

async function graphql(
  url: string,
  key: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ body: { data?: Record<string, unknown>; errors?: unknown[]; extensions?: { sqlStatements?: number } }; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[]; extensions?: { sqlStatements?: number } };
  const ms = performance.now() - started;
  if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors).slice(0, 500)}`);
  return { body, ms };
}

async function main(): Promise<void> {
  const name = `prm_bench_${process.pid}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const keys = { portal: `prm_benchportal${'x'.repeat(24)}`, distributor: `prm_benchdistri${'x'.repeat(24)}`, crm: `prm_benchcrmsyn${'x'.repeat(24)}` };
  let server: ChildProcess | null = null;
  const db = new Client({ connectionString: url.toString() });
  try {
    server = spawn(process.execPath, ['dist/src/main.js'], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: url.toString(),
        PORT: String(PORT),
        LOG_LEVEL: 'warn',
        EXPOSE_SQL_STATEMENT_COUNT: 'true',
        SEED_DEMO_DATA: 'false',
        RUN_TIMER_SCHEDULE: 'false',
        // The benchmark measures the server, not the rate limiter.
        RATE_LIMIT_POINTS_PER_HOUR: '0',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const base = `http://127.0.0.1:${PORT}`;
    await waitForReady(base);
    await db.connect();
    const started = performance.now();
    await generate(db);
    const generatedIn = (performance.now() - started) / 1000;
    const counts = (
      await db.query(`SELECT (SELECT count(*) FROM partner) partners, (SELECT count(*) FROM person) people, (SELECT count(*) FROM certification) certifications,
      (SELECT count(*) FROM opportunity) opportunities, (SELECT count(*) FROM deal_registration) deal_registrations`)
    ).rows[0] as Record<string, string>;
    console.log(`generated in ${generatedIn.toFixed(1)} s: ${JSON.stringify(counts)}`);

    // Keys straight in the database (hashes only), as `npm run keys:create` would store them.
    const amazic = (await db.query(`SELECT id FROM distributor WHERE name = 'Amazic'`)).rows[0].id as string;
    for (const [role, key, distributorId] of [
      ['PORTAL_SYNC', keys.portal, null],
      ['DISTRIBUTOR', keys.distributor, amazic],
      ['CRM_SYNC', keys.crm, null],
    ] as const) {
      await db.query(
        `INSERT INTO api_key (name, role, distributor_id, key_hash, prefix) VALUES ($1, $2, $3, encode(sha256(convert_to($4::text, 'UTF8')), 'hex'), left($4::text, 12))`,
        [`bench ${role}`, role, distributorId, key],
      );
    }

    const results: WorkloadResult[] = [];

    // 1. Portal sync: every partner with people and their certifications, 100 partners a page.
    const SYNC = `query ($after: String) { partners(first: 100, after: $after, filter: { updatedSince: "2000-01-01T00:00:00Z" }) {
      pageInfo { hasNextPage endCursor }
      nodes { id portalExternalId name track status updatedAt version trackCompliance { compliant unmet { code required actual } }
        people(first: 20) { nodes { id portalExternalId email employed certifications { kind earnedAt expiresAt current } } } } } }`;
    let samples: Sample[] = [];
    let items = 0;
    let after: string | null = null;
    let t0 = performance.now();
    do {
      const { body, ms } = await graphql(base, keys.portal, SYNC, { after });
      const partners = body.data!.partners as { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: unknown[] };
      samples.push({ ms, statements: body.extensions?.sqlStatements ?? Number.NaN });
      items += partners.nodes.length;
      after = partners.pageInfo.hasNextPage ? partners.pageInfo.endCursor : null;
    } while (after);
    results.push(summarize('portal sync: partners → people → certifications (100 per page)', samples, items, (performance.now() - t0) / 1000));

    // 2. Distributor: status of its partners, paged, five times over.
    const STATUS = `query ($after: String) { partnerStatuses(first: 100, after: $after) { pageInfo { hasNextPage endCursor }
      nodes { id name track lifecycleStatus inGoodStanding pspDesignation complianceSummary { compliant unmetCodes } } } }`;
    samples = [];
    items = 0;
    t0 = performance.now();
    for (let round = 0; round < 5; round += 1) {
      after = null;
      do {
        const { body, ms } = await graphql(base, keys.distributor, STATUS, { after });
        const page = body.data!.partnerStatuses as { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: unknown[] };
        samples.push({ ms, statements: body.extensions?.sqlStatements ?? Number.NaN });
        items += page.nodes.length;
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      } while (after);
    }
    results.push(summarize('distributor: partnerStatuses of its partners (100 per page)', samples, items, (performance.now() - t0) / 1000));

    // 3. CRM job: batches of 500 opportunities; a third new, a third changed, a third unchanged.
    const BULK = `mutation ($input: UpsertOpportunitiesInput!) { upsertOpportunities(input: $input) { results { change } userErrors { code } } }`;
    samples = [];
    items = 0;
    t0 = performance.now();
    for (let batch = 0; batch < CRM_BATCHES; batch += 1) {
      const batchItems = Array.from({ length: 500 }, (_, i) => {
        const n = batch * 500 + i + 1;
        if (i % 3 === 0)
          return {
            externalId: `006-NEW-${n}`,
            name: `New ${n}`,
            stage: 'STAGE_1',
            kind: 'NEW_CUSTOMER',
            customer: { crmAccountId: '001C1', name: 'Customer 1', country: 'DE', territory: 'EMEA' },
          };
        return { externalId: `006-${n}`, stage: i % 3 === 1 ? 'STAGE_6' : undefined, lastSalesActivityAt: i % 3 === 1 ? new Date().toISOString() : undefined };
      });
      const { body, ms } = await graphql(base, keys.crm, BULK, { input: { items: batchItems } });
      samples.push({ ms, statements: body.extensions?.sqlStatements ?? Number.NaN });
      items += (body.data!.upsertOpportunities as { results: unknown[] }).results.length;
    }
    results.push(summarize('CRM: upsertOpportunities, 500 items per request', samples, items, (performance.now() - t0) / 1000));

    const report = {
      benchmark: 'workloads',
      machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL 15 on the same machine`,
      programme: counts,
      serverPeakMemoryMiB: peakMemoryMiB(server),
      results,
    };
    for (const r of results) {
      console.log(
        `${r.workload}\n  ${r.requests} requests, ${r.items} items in ${r.seconds} s: ${r.requestsPerSecond} req/s, ${r.itemsPerSecond} items/s; ` +
          `p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms; SQL statements per request ${r.statementsPerRequest.min}–${r.statementsPerRequest.max}`,
      );
    }
    console.log(`server peak memory (VmHWM): ${report.serverPeakMemoryMiB} MiB`);
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/workloads.json', `${JSON.stringify(report, null, 2)}\n`);
  } finally {
    server?.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await db.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
