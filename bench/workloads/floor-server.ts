/**
 * The raw-SQL floor: a minimal node:http server with plain `pg` and JSON.stringify, answering the
 * benchmark's three documents with the same JSON the API returns. The bench runs it as a child
 * process beside the API on the same database, so its peak memory is its own.
 *
 *   POST /portal-sync           { variables: { first, after, since } }   (Bearer: PORTAL_SYNC or another programme-wide key)
 *   POST /partner-statuses      { variables: { first, after } }          (Bearer: DISTRIBUTOR key)
 *   POST /upsert-opportunities  { variables: { input: { items } } }      (Bearer: CRM_SYNC, ECOSYSTEM_OPS or ADMIN key)
 *   GET  /readyz
 *
 * Responses: `{ data, extensions: { sqlStatements } }`, counted like the API's: every statement
 * after the key lookup, BEGIN and COMMIT included. Env: DATABASE_URL, PORT, HOST, DB_POOL_SIZE.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import { Pool } from 'pg';
import { FloorRequestError, Statements, partnerStatuses, portalSync, upsertOpportunities } from './floor-handlers';

const PROGRAMME_WIDE_READERS = new Set([
  'ADMIN',
  'ECOSYSTEM_OPS',
  'ESM',
  'ASM',
  'CHANNEL_ACCOUNT_MANAGER',
  'CHAMPIONS_PROGRAM_MANAGER',
  'PARTNER_SUPPORT',
  'PORTAL_SYNC',
  'CRM_SYNC',
]);
const CRM_WRITERS = new Set(['ADMIN', 'CRM_SYNC', 'ECOSYSTEM_OPS']);
const MAX_BODY_BYTES = 5 * 1024 * 1024;

interface Principal {
  role: string;
  distributorId: string | null;
}

/** The same lookup the API makes for every request (by hash, not revoked); not counted, as in the API. */
async function authenticate(pool: Pool, header: string | undefined): Promise<Principal> {
  const match = header ? /^Bearer\s+(\S{10,200})$/i.exec(header.trim()) : null;
  if (!match) throw new FloorRequestError(401, 'Send a valid API key as `Authorization: Bearer <key>`');
  const hash = createHash('sha256').update(match[1], 'utf8').digest('hex');
  const { rows } = await pool.query<{ role: string; distributor_id: string | null }>(
    'SELECT role, distributor_id FROM api_key WHERE key_hash = $1 AND revoked_at IS NULL',
    [hash],
  );
  if (rows.length === 0) throw new FloorRequestError(401, 'Send a valid API key as `Authorization: Bearer <key>`');
  return { role: rows[0].role, distributorId: rows[0].distributor_id };
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new FloorRequestError(413, 'body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

async function answer(pool: Pool, req: http.IncomingMessage): Promise<{ data: unknown; statements: number }> {
  const principal = await authenticate(pool, req.headers.authorization);
  const body = JSON.parse((await readBody(req)).toString('utf8')) as { variables?: Record<string, unknown> };
  const variables = body.variables ?? {};
  const now = new Date();
  switch (req.url) {
    case '/portal-sync': {
      if (!PROGRAMME_WIDE_READERS.has(principal.role)) throw new FloorRequestError(403, 'the floor syncs for programme-wide keys only');
      const db = new Statements(pool);
      return { data: await portalSync(db, variables, now), statements: db.count };
    }
    case '/partner-statuses': {
      if (principal.role !== 'DISTRIBUTOR' || !principal.distributorId)
        throw new FloorRequestError(403, 'the floor answers partnerStatuses for DISTRIBUTOR keys only');
      const db = new Statements(pool);
      return { data: await partnerStatuses(db, variables, now, principal.distributorId), statements: db.count };
    }
    case '/upsert-opportunities':
      if (!CRM_WRITERS.has(principal.role)) throw new FloorRequestError(403, `${principal.role} may not call upsertOpportunities`);
      return upsertOpportunities(pool, variables, now);
    default:
      throw new FloorRequestError(404, `no route ${String(req.url)}`);
  }
}

function send(res: http.ServerResponse, status: number, payload: unknown): void {
  const json = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

export interface FloorServer {
  url: URL;
  close(): Promise<void>;
}

export interface FloorOptions {
  databaseUrl: string;
  port: number;
  host?: string;
  poolSize?: number;
}

export async function startFloorServer(options: FloorOptions): Promise<FloorServer> {
  const pool = new Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10, application_name: 'prm-bench-floor' });
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/readyz') {
      pool.query('SELECT 1').then(
        () => {
          send(res, 200, { status: 'ready' });
        },
        () => {
          send(res, 503, { status: 'database unreachable' });
        },
      );
      return;
    }
    if (req.method !== 'POST') {
      send(res, 405, { errors: [{ message: 'POST only' }] });
      return;
    }
    answer(pool, req).then(
      ({ data, statements }) => {
        send(res, 200, { data, extensions: { sqlStatements: statements } });
      },
      (error: unknown) => {
        const status = error instanceof FloorRequestError ? error.status : 500;
        if (status >= 500) console.error('floor: request failed', error);
        send(res, status, { errors: [{ message: error instanceof Error ? error.message : String(error) }] });
      },
    );
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(options.port, host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: new URL(`http://${host}:${port}`),
    async close() {
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeIdleConnections();
      await closed;
      await pool.end();
    },
  };
}

/** As a child process of the bench: env DATABASE_URL, PORT, HOST, DB_POOL_SIZE. */
if (require.main === module) {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  void startFloorServer({
    databaseUrl,
    port: Number(process.env.PORT ?? 4800),
    host: process.env.HOST ?? '127.0.0.1',
    poolSize: Number(process.env.DB_POOL_SIZE ?? 10),
  }).then((floor) => {
    const stop = (): void => {
      void floor.close().finally(() => process.exit(0));
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
