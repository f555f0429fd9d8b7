/**
 * The three client workloads against the API and against a raw-SQL floor (bench/workloads/floor-server.ts:
 * plain `pg`, JSON.stringify, the same answers), on one generated programme of realistic size:
 *   - the portal's sync paging through partners with compliance, people and certifications,
 *   - a distributor's partnerStatuses,
 *   - the CRM job's upsertOpportunities batches.
 * Both servers run as child processes on the same fresh database with the same pool size. Before a
 * workload is measured, both must give the same answers (the bench stops loudly if not). Rounds
 * alternate, API round, floor round, API round …, at each client count, so the machine's noise
 * falls on both alike. Printed per workload and client count: req/s, items/s, p50/p99, SQL
 * statements per request, peak RSS of each server and the API/floor throughput ratio; then the
 * portal sync's latency at several page sizes. Everything also goes to bench/results/workloads.json.
 *
 *   npm run bench                                   (about 8 minutes at 10,000 partners)
 *   BENCH_PARTNERS=500 BENCH_ROUNDS=2 BENCH_ROUND_SECONDS=2 BENCH_SWEEP_ROUND_SECONDS=1 npm run bench   (a quick look, ~2 minutes)
 *
 * Settings (env): see bench/workloads/config.ts and README "Benchmarks".
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { BenchConfig, loadBenchConfig } from './workloads/config';
import { createBenchKeys, generateProgramme, programmeSize } from './workloads/data';
import { JsonClient } from './workloads/http-client';
import { ServerProcess, peakRssMiB, resetPeakRss, startApi, startFloor, stopServer, waitForReady } from './workloads/processes';
import { ClientsResult, PageSizeResult, PageSizeSweep, WorkloadResult, formatSweep, formatWorkload, linearFit, ratioOf } from './workloads/report';
import { Round, Target, runRound, summarize } from './workloads/rounds';
import { Workload, createWorkloads } from './workloads/workloads';

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function target(server: ServerProcess, keys: Record<string, string>, sockets: number): Target {
  return new Target(server.name, Object.fromEntries(Object.values(keys).map((key) => [key, new JsonClient(server.url, key, sockets)])));
}

async function warmUp(requests: number, workload: Workload, ...targets: Target[]): Promise<void> {
  for (const t of targets) {
    t.freshConnections();
    const request = workload.requester(t);
    for (let i = 0; i < requests; i += 1) await request();
  }
}

function roundLine(label: string, round: Round): string {
  const items = round.samples.reduce((sum, s) => sum + s.items, 0);
  return `${label} ${round.server.padEnd(5)} ${(round.samples.length / round.seconds).toFixed(2).padStart(8)} req/s ${(items / round.seconds).toFixed(0).padStart(7)} items/s (${round.samples.length} requests in ${round.seconds.toFixed(1)} s)`;
}

/** Rounds API, floor, API, floor … at each client count. */
async function measure(config: BenchConfig, workload: Workload, api: Target, floor: Target): Promise<ClientsResult[]> {
  const results: ClientsResult[] = [];
  for (const clients of config.clients) {
    const requesters = { API: workload.requester(api), floor: workload.requester(floor) };
    const rounds: Record<'API' | 'floor', Round[]> = { API: [], floor: [] };
    const seconds = workload.key === 'crm' ? config.crmRoundSeconds : config.roundSeconds;
    for (let r = 0; r < config.rounds; r += 1) {
      for (const server of [api, floor]) {
        const round = await runRound(server, clients, seconds, requesters[server.name]);
        rounds[server.name].push(round);
        log(roundLine(`  ${workload.key} ×${clients} round ${r + 1}/${config.rounds}`, round));
      }
    }
    const [a, f] = [summarize(rounds.API), summarize(rounds.floor)];
    results.push({ clients, api: a, floor: f, ratio: ratioOf(a, f) });
  }
  return results;
}

/** The portal sync at each page size, 1 client, rounds interleaved by server and size. */
async function sweepPageSizes(config: BenchConfig, workload: Workload, api: Target, floor: Target): Promise<PageSizeSweep> {
  const requesters = new Map(config.pageSizes.map((size) => [size, { API: workload.requester(api, size), floor: workload.requester(floor, size) }]));
  const rounds = new Map(config.pageSizes.map((size) => [size, { API: [] as Round[], floor: [] as Round[] }]));
  for (let r = 0; r < config.rounds; r += 1) {
    for (const size of config.pageSizes) {
      for (const server of [api, floor]) {
        const round = await runRound(server, 1, config.sweepRoundSeconds, requesters.get(size)![server.name]);
        rounds.get(size)![server.name].push(round);
        log(roundLine(`  portal first: ${size} round ${r + 1}/${config.rounds}`, round));
      }
    }
  }
  const rows: PageSizeResult[] = config.pageSizes.map((first) => {
    const [a, f] = [summarize(rounds.get(first)!.API), summarize(rounds.get(first)!.floor)];
    return { first, api: a, floor: f, ratio: ratioOf(a, f) };
  });
  return {
    clients: 1,
    rows,
    fit: {
      api: linearFit(rows.map((r) => ({ x: r.first, y: r.api.p50Ms }))),
      floor: linearFit(rows.map((r) => ({ x: r.first, y: r.floor.p50Ms }))),
    },
  };
}

async function main(): Promise<void> {
  const config = loadBenchConfig();
  const started = performance.now();
  const resultsDir = path.dirname(config.resultsFile);
  mkdirSync(resultsDir, { recursive: true });
  const admin = new Client({ connectionString: config.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${config.databaseName}`);
  const url = new URL(config.adminUrl);
  url.pathname = `/${config.databaseName}`;
  const databaseUrl = url.toString();
  const servers: ServerProcess[] = [];
  const targets: Target[] = [];
  const db = new Client({ connectionString: databaseUrl });
  let cleaning: Promise<void> | null = null;
  const cleanup = (): Promise<void> =>
    (cleaning ??= (async () => {
      for (const t of targets) t.close();
      await Promise.all(servers.map((s) => stopServer(s)));
      await db.end().catch(() => undefined);
      if (config.keepDatabase) log(`kept database ${config.databaseName} (BENCH_KEEP_DATABASE=true)`);
      else await admin.query(`DROP DATABASE IF EXISTS ${config.databaseName} WITH (FORCE)`);
      await admin.end();
    })());
  // Ctrl-C: the servers get the signal too; wait for them, then drop the database.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping the servers and dropping ${config.databaseName}`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  try {
    log(`database ${config.databaseName}; API on :${config.apiPort}, floor on :${config.floorPort}; logs in ${resultsDir}/`);
    const apiServer = startApi(databaseUrl, config.apiPort, config.poolSize, path.join(resultsDir, 'api-server.log'));
    servers.push(apiServer);
    await waitForReady(apiServer); // applies the migrations
    await db.connect();
    const size = programmeSize(config.partners);
    const generationStarted = performance.now();
    const programme = await generateProgramme(db, size);
    const generatedSeconds = (performance.now() - generationStarted) / 1000;
    log(`generated in ${generatedSeconds.toFixed(1)} s: ${JSON.stringify(programme)}`);
    const keys = await createBenchKeys(db);
    const floorServer = startFloor(databaseUrl, config.floorPort, config.poolSize, path.join(resultsDir, 'floor-server.log'));
    servers.push(floorServer);
    await waitForReady(floorServer);

    const sockets = Math.max(...config.clients);
    const api = target(apiServer, { ...keys }, sockets);
    const floor = target(floorServer, { ...keys }, sockets);
    targets.push(api, floor);
    const workloads = createWorkloads({ keys, programme: size, crmBatchSize: config.crmBatchSize, db });

    const results: WorkloadResult[] = [];
    let sweep: PageSizeSweep | null = null;
    const overallPeak = { api: 0, floor: 0 };
    for (const key of config.workloads) {
      const workload = workloads[key];
      log(workload.title);
      await workload.prepare(api);
      api.freshConnections();
      floor.freshConnections();
      const verification = await workload.verify(api, floor, key === 'portal' ? config.pageSizes : []);
      log(`  verified: ${verification}`);
      await warmUp(key === 'crm' ? Math.min(1, config.warmupRequests) : config.warmupRequests, workload, api, floor);
      const reset = resetPeakRss(apiServer) && resetPeakRss(floorServer);
      const byClients = await measure(config, workload, api, floor);
      if (key === 'portal' && config.pageSizes.length > 0) sweep = await sweepPageSizes(config, workload, api, floor);
      const peak = { api: peakRssMiB(apiServer), floor: peakRssMiB(floorServer), resetBetweenWorkloads: reset };
      overallPeak.api = Math.max(overallPeak.api, peak.api);
      overallPeak.floor = Math.max(overallPeak.floor, peak.floor);
      results.push({ key, title: workload.title, unit: workload.unit, verification, peakRssMiB: peak, byClients });
    }

    const report = {
      benchmark: 'workloads',
      finishedAt: new Date().toISOString(),
      machine: `${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, PostgreSQL on ${url.host}`,
      config: { ...config, adminUrl: undefined },
      programme,
      generatedSeconds: Number(generatedSeconds.toFixed(1)),
      wallSeconds: Number(((performance.now() - started) / 1000).toFixed(1)),
      peakRssMiB: overallPeak,
      workloads: results,
      portalPageSizes: sweep,
    };
    writeFileSync(config.resultsFile, `${JSON.stringify(report, null, 2)}\n`);
    const lines = [
      '',
      `Programme: ${Object.entries(programme)
        .map(([k, v]) => `${v} ${k.replace(/_/g, ' ')}`)
        .join(', ')}`,
      `Rounds: ${config.rounds} per server and client count, ${config.roundSeconds} s (CRM ${config.crmRoundSeconds} s, page-size sweep ${config.sweepRoundSeconds} s), ` +
        `at ${config.clients.join(' and ')} clients, API and floor interleaved; ${config.poolSize} database connections each`,
      '',
      ...results.flatMap((r) => [formatWorkload(r), '']),
      ...(sweep ? [formatSweep(sweep), ''] : []),
      `API/floor rows: throughput ratio (req/s, items/s; below 1 the API serves that fraction of the floor's) and latency ratio (p50, ×).`,
      `p99 is the slowest request where a row has fewer than 100. Written to ${config.resultsFile} (${report.wallSeconds} s in all).`,
    ];
    console.log(lines.join('\n'));
  } catch (error) {
    log(`bench failed; server logs: ${servers.map((s) => s.logFile).join(', ')}`);
    throw error;
  } finally {
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  if (error instanceof Error && !error.message.startsWith('FLOOR AND API DISAGREE')) console.error(error.stack);
  process.exit(1);
});
