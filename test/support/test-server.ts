import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { RunningApp, startApp } from '../../src/app';
import { createApiKey } from '../../src/auth/api-key.service';
import { Role } from '../../src/auth/role.enum';
import { Clock } from '../../src/config/clock';
import { AppConfig, loadConfig } from '../../src/config/config';

/** The server PostgreSQL of this machine; each test file gets a database of its own on it. */
const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `prm_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data: T | null | undefined;
  errors?: Array<{ message: string; extensions?: Record<string, unknown>; path?: unknown[] }>;
  extensions?: { sqlStatements?: number; requestId?: string; rateLimit?: { cost: number; limit: number; remaining: number; resetAt: string } };
}

export interface TestServer {
  app: RunningApp;
  http: ReturnType<typeof request>;
  /** Creates an API key of a role (scoped for PARTNER_USER / DISTRIBUTOR) and returns it. */
  key(role: Role, scope?: { partnerId?: string; distributorId?: string }): Promise<string>;
  /** POSTs an operation with a key; returns the parsed GraphQL response. */
  gql<T = Record<string, unknown>>(key: string | null, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

export interface TestServerOptions {
  clock?: Clock;
  /** Connect through this URL (e.g. a proxy) instead of the test database's own. */
  connectVia?: (databaseUrl: string) => string;
  /** Start on this database instead of a fresh one (several instances on one database). */
  database?: TestDatabase;
  /** Configuration values that replace the test defaults (e.g. a small RATE_LIMIT_POINTS_PER_HOUR). */
  config?: Partial<AppConfig>;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const database = options.database ?? (await createTestDatabase());
  const ownsDatabase = options.database === undefined;
  const config = loadConfig(
    { ...process.env, NODE_ENV: 'test' },
    {
      DATABASE_URL: options.connectVia ? options.connectVia(database.url) : database.url,
      PORT: 0,
      HOST: '127.0.0.1',
      LOG_LEVEL: (process.env.TEST_LOG_LEVEL as 'silent' | undefined) ?? 'silent',
      EXPOSE_SQL_STATEMENT_COUNT: true,
      SEED_DEMO_DATA: false,
      MIGRATE_ON_START: true,
      DB_POOL_SIZE: 5,
      EVENT_POLL_INTERVAL_MS: 1000,
      RUN_TIMER_SCHEDULE: false,
      ...options.config,
    },
  );
  const app = await startApp({ config, clock: options.clock });
  const http = request(app.httpServer);
  return {
    app,
    http,
    async key(role, scope = {}) {
      const { key } = await createApiKey(app.dataSource, { name: `test ${role}`, role, partnerId: scope.partnerId, distributorId: scope.distributorId });
      return key;
    },
    async gql(key, query, variables) {
      const call = http.post('/graphql').set('content-type', 'application/json');
      if (key) call.set('authorization', `Bearer ${key}`);
      const response = await call.send({ query, variables });
      return { status: response.status, ...response.body };
    },
    async stop() {
      await app.stop();
      if (ownsDatabase) await database.drop();
    },
  };
}
