/**
 * "Same answer": API and floor responses compared after normalising what carries no meaning —
 * object key order, and the order of lists the API does not promise (certifications of a person,
 * unmet requirements, unmet codes). Connection `nodes` keep their order: paging order is the
 * API's contract.
 */
const UNORDERED_LISTS = new Set(['certifications', 'unmet', 'unmetCodes']);

export function normalise(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => normalise(item));
    return UNORDERED_LISTS.has(key) ? items.sort((a, b) => compareJson(a, b)) : items;
  }
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, normalise((value as Record<string, unknown>)[k], k)]),
    );
  }
  return value;
}

function compareJson(a: unknown, b: unknown): number {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The first place where two normalised values differ, as a path and both sides; null when equal. */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | null {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
      const difference = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (difference) return difference;
    }
    return a.length === b.length ? null : `${path}: ${a.length} items vs ${b.length}`;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      const difference = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
      if (difference) return difference;
    }
    return null;
  }
  return JSON.stringify(a) === JSON.stringify(b) ? null : `${path}: API ${show(a)} vs floor ${show(b)}`;
}

/** A value in a message; `undefined` (a missing field) is not JSON. */
function show(value: unknown): string {
  return value === undefined ? 'missing' : JSON.stringify(value).slice(0, 200);
}

export class MismatchError extends Error {
  constructor(what: string, difference: string) {
    super(
      `FLOOR AND API DISAGREE on ${what}: ${difference}. The ratio would compare different work; fix the floor (bench/workloads/floor-handlers.ts) or the API.`,
    );
  }
}

export function assertSameAnswer(what: string, api: unknown, floor: unknown): void {
  const difference = firstDifference(normalise(api), normalise(floor));
  if (difference) throw new MismatchError(what, difference);
}
