import { z } from 'zod';

const booleanFlag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((value) => value === 'true' || value === '1' || value === 'yes');

/** Every environment variable the server reads; README's "Configuration" lists the same. */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** Unset: an embedded PostgreSQL (PGlite) keeps its data in EMBEDDED_DATA_DIR. */
  DATABASE_URL: z.url().optional(),
  EMBEDDED_DATA_DIR: z.string().default('.data/pglite'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Runs pending migrations at start-up (the embedded database always does). */
  MIGRATE_ON_START: booleanFlag.default(true),
  /** Seeds the R-DIST-01 distributors and a demo programme into an empty database. */
  SEED_DEMO_DATA: booleanFlag.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Adds `extensions.sqlStatements` to each response: for tests and benchmarks, not production. */
  EXPOSE_SQL_STATEMENT_COUNT: booleanFlag.default(false),
  /** Development only: a fixed ADMIN key created at start-up (the embedded default prints one). */
  DEV_ADMIN_KEY: z.string().min(24).optional(),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  /** How often each instance reads the event outbox without a NOTIFY (the safety net, ms). */
  /** Sweep the program timers every minute (R-COMP-02); tests turn it off and sweep on demand. */
  RUN_TIMER_SCHEDULE: booleanFlag.default(true),
  EVENT_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
  /** Query limits (README "Limits"): refused before execution with QUERY_TOO_COMPLEX (tokens: GRAPHQL_PARSE_FAILED). */
  MAX_QUERY_DEPTH: z.coerce.number().int().min(1).default(12),
  MAX_ALIASES: z.coerce.number().int().min(0).default(30),
  MAX_DIRECTIVES: z.coerce.number().int().min(0).default(50),
  MAX_TOKENS: z.coerce.number().int().min(100).default(5000),
  MAX_QUERY_COST: z.coerce.number().int().min(1).default(100_000),
  /** Subscriptions one API key may have open at once on one instance (README "Limits"). */
  MAX_SUBSCRIPTIONS_PER_KEY: z.coerce.number().int().min(1).default(20),
  /** Cost points each API key may spend per hour (a token bucket shared by all instances); 0 turns the limit off. */
  RATE_LIMIT_POINTS_PER_HOUR: z.coerce.number().int().min(0).default(2_000_000),
  /** PostgreSQL statement_timeout of the API's connections (ms); 0 turns it off. Migrations run without it. */
  STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
});

export type AppConfig = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return { ...parsed.data, ...overrides };
}

export function isProduction(config: AppConfig): boolean {
  return config.NODE_ENV === 'production';
}
