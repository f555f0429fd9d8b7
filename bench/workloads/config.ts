/**
 * Everything `npm run bench` can be told through the environment, parsed once. Defaults keep a
 * full-scale run (10,000 partners) under about ten minutes on a 2-core machine.
 */
export type WorkloadKey = 'portal' | 'distributor' | 'crm';

export const WORKLOAD_KEYS: readonly WorkloadKey[] = ['portal', 'distributor', 'crm'];

export interface BenchConfig {
  /** PostgreSQL URL of a database the bench may create databases from (like the tests). */
  adminUrl: string;
  /** Name of the database this run creates (and drops at the end unless keepDatabase). */
  databaseName: string;
  keepDatabase: boolean;
  partners: number;
  apiPort: number;
  floorPort: number;
  /** Connections to PostgreSQL, the same for the API and the floor. */
  poolSize: number;
  /** Measured rounds per server for each workload and client count (API, floor, API, floor …). */
  rounds: number;
  roundSeconds: number;
  /** CRM rounds are longer: one API batch of 500 takes seconds. */
  crmRoundSeconds: number;
  clients: number[];
  workloads: WorkloadKey[];
  /** Portal-sync page sizes of the latency sweep (1 client). */
  pageSizes: number[];
  sweepRoundSeconds: number;
  /** Unmeasured requests per server and workload before the first round. */
  warmupRequests: number;
  crmBatchSize: number;
  resultsFile: string;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer of at least ${min}, got ${JSON.stringify(raw)}`);
  return value;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got ${JSON.stringify(raw)}`);
  return value;
}

function integerList(env: NodeJS.ProcessEnv, name: string, fallback: number[]): number[] {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const values = raw.split(',').map((part) => Number(part.trim()));
  if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v < 1)) throw new Error(`${name} must be a comma-separated list of positive integers`);
  return values;
}

export function loadBenchConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  const prefix = env.BENCH_DB_PREFIX ?? 'prm_bench_';
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(prefix)) throw new Error('BENCH_DB_PREFIX must be a lower-case SQL identifier prefix');
  const workloads = (env.BENCH_WORKLOADS ?? WORKLOAD_KEYS.join(','))
    .split(',')
    .map((w) => w.trim())
    .filter((w) => w !== '');
  for (const w of workloads) {
    if (!(WORKLOAD_KEYS as readonly string[]).includes(w)) throw new Error(`BENCH_WORKLOADS: unknown workload ${w} (known: ${WORKLOAD_KEYS.join(', ')})`);
  }
  const pageSizes = integerList(env, 'BENCH_PAGE_SIZES', [10, 50, 100]);
  if (pageSizes.some((size) => size > 100)) throw new Error('BENCH_PAGE_SIZES: the API pages at most 100 partners');
  const crmBatchSize = integer(env, 'BENCH_CRM_BATCH_SIZE', 500);
  if (crmBatchSize > 500) throw new Error('BENCH_CRM_BATCH_SIZE: upsertOpportunities takes at most 500 items');
  // Per-process defaults in 4700–4899, so engineers benchmarking side by side do not collide.
  const slot = process.pid % 100;
  return {
    adminUrl: env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    databaseName: `${prefix}${process.pid}`,
    keepDatabase: env.BENCH_KEEP_DATABASE === 'true',
    partners: integer(env, 'BENCH_PARTNERS', 10_000, 100),
    apiPort: integer(env, 'BENCH_API_PORT', 4700 + slot),
    floorPort: integer(env, 'BENCH_FLOOR_PORT', 4800 + slot),
    poolSize: integer(env, 'BENCH_DB_POOL_SIZE', 10),
    rounds: integer(env, 'BENCH_ROUNDS', 3),
    roundSeconds: positive(env, 'BENCH_ROUND_SECONDS', 5),
    crmRoundSeconds: positive(env, 'BENCH_CRM_ROUND_SECONDS', positive(env, 'BENCH_ROUND_SECONDS', 10)),
    clients: integerList(env, 'BENCH_CLIENTS', [1, 8]),
    workloads: workloads as WorkloadKey[],
    pageSizes,
    sweepRoundSeconds: positive(env, 'BENCH_SWEEP_ROUND_SECONDS', 3),
    warmupRequests: integer(env, 'BENCH_WARMUP_REQUESTS', 3, 0),
    crmBatchSize,
    resultsFile: env.BENCH_RESULTS_FILE ?? 'bench/results/workloads.json',
  };
}
