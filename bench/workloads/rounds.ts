/**
 * Rounds of closed-loop load and what they measured. A round runs `clients` loops that each send
 * the next request as soon as the previous answer arrived, for `seconds` (every loop sends at
 * least one request; requests in flight at the deadline finish and count, and the round's time
 * runs until the last one has). Throughput is requests over that time.
 */
import { performance } from 'node:perf_hooks';
import type { JsonClient, JsonResponse } from './http-client';
export type ServerName = 'API' | 'floor';

/** One operation as both servers serve it: a GraphQL document for the API, a route for the floor. */
export interface Operation {
  document: string;
  floorPath: string;
  /** The field of `data` the operation answers. */
  root: string;
}

export interface Answer {
  response: JsonResponse;
  data: Record<string, unknown>;
  statements: number;
}

/** A server under test with one keep-alive client per API key it is called with. */
export class Target {
  constructor(
    readonly name: ServerName,
    private readonly clients: Record<string, JsonClient>,
  ) {}

  async call(operation: Operation, key: string, variables: Record<string, unknown>): Promise<Answer> {
    const client = this.clients[key];
    const response =
      this.name === 'API' ? await client.post('/graphql', { query: operation.document, variables }) : await client.post(operation.floorPath, { variables });
    const body = response.body as { data?: Record<string, unknown> | null; errors?: unknown[]; extensions?: { sqlStatements?: number } };
    if (response.status !== 200 || body.errors || !body.data?.[operation.root]) {
      throw new Error(`${this.name} ${operation.root}: HTTP ${response.status} ${JSON.stringify(body.errors ?? body).slice(0, 600)}`);
    }
    return { response, data: body.data, statements: body.extensions?.sqlStatements ?? Number.NaN };
  }

  freshConnections(): void {
    for (const client of Object.values(this.clients)) client.freshConnections();
  }

  close(): void {
    for (const client of Object.values(this.clients)) client.close();
  }
}

export interface Sample {
  ms: number;
  items: number;
  statements: number;
  bytes: number;
  /** Items the server refused or failed (CRM item userErrors). */
  itemErrors: number;
}

export interface Round {
  server: ServerName;
  clients: number;
  seconds: number;
  samples: Sample[];
}

export async function runRound(target: Target, clients: number, seconds: number, request: () => Promise<Sample>): Promise<Round> {
  target.freshConnections();
  const samples: Sample[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const loop = async (): Promise<void> => {
    do samples.push(await request());
    while (performance.now() < deadline);
  };
  await Promise.all(Array.from({ length: clients }, loop));
  return { server: target.name, clients, seconds: (performance.now() - started) / 1000, samples };
}

export interface Summary {
  rounds: number;
  requests: number;
  items: number;
  seconds: number;
  requestsPerSecond: number;
  itemsPerSecond: number;
  /** Throughput of the slowest and the fastest round: how much the machine's noise moved it. */
  roundRequestsPerSecond: { min: number; max: number; each: number[] };
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  statementsPerRequest: { min: number; median: number; max: number };
  kilobytesPerResponse: number;
  itemErrors: number;
}

/** Nearest-rank percentile. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const round2 = (n: number): number => Number(n.toFixed(2));

export function summarize(rounds: Round[]): Summary {
  const samples = rounds.flatMap((r) => r.samples);
  const seconds = rounds.reduce((sum, r) => sum + r.seconds, 0);
  const items = samples.reduce((sum, s) => sum + s.items, 0);
  const latencies = samples.map((s) => s.ms);
  const statements = samples.map((s) => s.statements);
  const perRound = rounds.map((r) => r.samples.length / r.seconds);
  return {
    rounds: rounds.length,
    requests: samples.length,
    items,
    seconds: round2(seconds),
    requestsPerSecond: round2(samples.length / seconds),
    itemsPerSecond: round2(items / seconds),
    roundRequestsPerSecond: { min: round2(Math.min(...perRound)), max: round2(Math.max(...perRound)), each: perRound.map(round2) },
    p50Ms: round2(percentile(latencies, 50)),
    p99Ms: round2(percentile(latencies, 99)),
    maxMs: round2(Math.max(...latencies)),
    statementsPerRequest: { min: Math.min(...statements), median: percentile(statements, 50), max: Math.max(...statements) },
    kilobytesPerResponse: round2(samples.reduce((sum, s) => sum + s.bytes, 0) / samples.length / 1024),
    itemErrors: samples.reduce((sum, s) => sum + s.itemErrors, 0),
  };
}
