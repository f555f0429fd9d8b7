/**
 * The two servers under test, as children of the bench process: the compiled API and the compiled
 * floor, on the same database with the same pool size. Their output goes to log files beside the
 * results, so the printed table stays readable.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ServerName } from './rounds';

export interface ServerProcess {
  name: ServerName;
  url: URL;
  child: ChildProcess;
  logFile: string;
}

/** The repository root: the nearest folder up from here with a package.json (from dist/bench/workloads or bench/workloads). */
function repositoryRoot(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) if (existsSync(path.join(dir, 'package.json'))) return dir;
  throw new Error(`no package.json above ${from}`);
}

const REPO = repositoryRoot(__dirname);

function start(name: ServerProcess['name'], script: string, port: number, env: NodeJS.ProcessEnv, logFile: string): ServerProcess {
  if (!existsSync(script)) throw new Error(`${script} is missing: run \`npm run bench\`, which compiles the server and bench/ first`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [script], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  return { name, url: new URL(`http://127.0.0.1:${port}`), child, logFile };
}

export function startApi(databaseUrl: string, port: number, poolSize: number, logFile: string): ServerProcess {
  return start(
    'API',
    path.join(REPO, 'dist', 'src', 'main.js'),
    port,
    {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      DB_POOL_SIZE: String(poolSize),
      LOG_LEVEL: 'warn',
      EXPOSE_SQL_STATEMENT_COUNT: 'true',
      SEED_DEMO_DATA: 'false',
      RUN_TIMER_SCHEDULE: 'false',
      // The benchmark measures the server, not the rate limiter.
      RATE_LIMIT_POINTS_PER_HOUR: '0',
    },
    logFile,
  );
}

export function startFloor(databaseUrl: string, port: number, poolSize: number, logFile: string): ServerProcess {
  return start(
    'floor',
    path.join(__dirname, 'floor-server.js'),
    port,
    { NODE_ENV: 'production', DATABASE_URL: databaseUrl, HOST: '127.0.0.1', PORT: String(port), DB_POOL_SIZE: String(poolSize) },
    logFile,
  );
}

export async function waitForReady(server: ServerProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`${server.name} server exited with ${server.child.exitCode}; see ${server.logFile}`);
    try {
      if ((await fetch(new URL('/readyz', server.url))).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${server.name} server did not become ready in ${timeoutMs / 1000} s; see ${server.logFile}`);
}

/** Peak resident memory (VmHWM) since start or since the last reset, in MiB. */
export function peakRssMiB(server: ServerProcess): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${String(server.child.pid)}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : Number.NaN;
}

/** Resets VmHWM to the current RSS (Linux clear_refs 5), so each workload gets its own peak; false where not allowed. */
export function resetPeakRss(server: ServerProcess): boolean {
  try {
    writeFileSync(`/proc/${String(server.child.pid)}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM, then wait for the exit (SIGKILL after the grace period), so the database can be dropped. */
export async function stopServer(server: ServerProcess, graceMs = 15_000): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
