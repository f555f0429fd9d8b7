/** The printed tables and the JSON of bench/results/workloads.json. */
import type { WorkloadKey } from './config';
import type { Summary } from './rounds';

export interface Ratio {
  /** API throughput / floor throughput: 1 means the API costs nothing over the floor. */
  throughput: number;
  /** API p50 / floor p50. */
  p50: number;
}

export interface ClientsResult {
  clients: number;
  api: Summary;
  floor: Summary;
  ratio: Ratio;
}

export interface WorkloadResult {
  key: WorkloadKey;
  title: string;
  unit: string;
  verification: string;
  /** VmHWM of each server over this workload's rounds (reset before them where Linux allows). */
  peakRssMiB: { api: number; floor: number; resetBetweenWorkloads: boolean };
  byClients: ClientsResult[];
}

export interface PageSizeResult {
  first: number;
  api: Summary;
  floor: Summary;
  ratio: Ratio;
}

export interface LinearFit {
  fixedMs: number;
  msPerPartner: number;
  /** Coefficient of determination of p50 against page size: near 1 means linear. */
  r2: number;
}

export interface PageSizeSweep {
  clients: 1;
  rows: PageSizeResult[];
  fit: { api: LinearFit; floor: LinearFit };
}

export function ratioOf(api: Summary, floor: Summary): Ratio {
  return { throughput: Number((api.requestsPerSecond / floor.requestsPerSecond).toFixed(4)), p50: Number((api.p50Ms / floor.p50Ms).toFixed(2)) };
}

/** Least squares of p50 latency on page size. */
export function linearFit(points: Array<{ x: number; y: number }>): LinearFit {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const slope = sxx === 0 ? Number.NaN : sxy / sxx;
  const intercept = my - slope * mx;
  const ssTot = points.reduce((s, p) => s + (p.y - my) ** 2, 0);
  const ssRes = points.reduce((s, p) => s + (p.y - (intercept + slope * p.x)) ** 2, 0);
  return { fixedMs: Number(intercept.toFixed(2)), msPerPartner: Number(slope.toFixed(3)), r2: ssTot === 0 ? 1 : Number((1 - ssRes / ssTot).toFixed(4)) };
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');

function statements(s: Summary): string {
  const { min, median, max } = s.statementsPerRequest;
  return min === max ? String(median) : `${median} (${min}–${max})`;
}

function serverRow(clients: string, server: string, s: Summary): string[] {
  return [
    clients,
    server,
    fmt(s.requestsPerSecond, 2),
    fmt(s.itemsPerSecond, 0),
    fmt(s.p50Ms),
    fmt(s.p99Ms),
    statements(s),
    fmt(s.kilobytesPerResponse),
    `${fmt(s.roundRequestsPerSecond.min, 2)}–${fmt(s.roundRequestsPerSecond.max, 2)}`,
    String(s.requests),
    String(s.itemErrors),
  ];
}

export function formatWorkload(result: WorkloadResult): string {
  const rows: string[][] = [];
  for (const r of result.byClients) {
    rows.push(serverRow(String(r.clients), 'API', r.api), serverRow('', 'floor', r.floor));
    rows.push([
      '',
      'API/floor',
      fmt(r.ratio.throughput, 3),
      fmt(r.api.itemsPerSecond / r.floor.itemsPerSecond, 3),
      fmt(r.ratio.p50, 1) + '×',
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
  }
  return [
    `== ${result.title}`,
    `   verified: ${result.verification}`,
    table(['clients', 'server', 'req/s', `${result.unit}/s`, 'p50 ms', 'p99 ms', 'SQL/req', 'KiB/resp', 'req/s per round', 'requests', 'item errors'], rows),
    `   peak RSS (VmHWM) during these rounds: API ${result.peakRssMiB.api} MiB, floor ${result.peakRssMiB.floor} MiB` +
      (result.peakRssMiB.resetBetweenWorkloads ? '' : ' (could not reset: peak since start)'),
  ].join('\n');
}

export function formatSweep(sweep: PageSizeSweep): string {
  const rows = sweep.rows.map((r) => [
    String(r.first),
    '',
    fmt(r.api.p50Ms),
    fmt(r.api.p99Ms),
    fmt(r.api.p50Ms / r.first, 2),
    fmt(r.floor.p50Ms),
    fmt(r.floor.p99Ms),
    fmt(r.floor.p50Ms / r.first, 3),
    fmt(r.ratio.throughput, 3),
    `${r.api.requests}/${r.floor.requests}`,
  ]);
  const fit = (name: string, f: LinearFit): string => `${name} p50 ≈ ${fmt(f.fixedMs)} ms + ${fmt(f.msPerPartner, 3)} ms × partners (R² ${fmt(f.r2, 3)})`;
  return [
    `== Portal sync latency by page size (partners(first: N), 1 client, same pages on both servers)`,
    table(['first', '', 'API p50', 'API p99', 'API p50/partner', 'floor p50', 'floor p99', 'floor p50/partner', 'API/floor req/s', 'requests API/floor'], rows),
    `   ${fit('API  ', sweep.fit.api)}`,
    `   ${fit('floor', sweep.fit.floor)}`,
  ].join('\n');
}
