import type { DataSource } from 'typeorm';
import { withoutStatementCount } from '../db/statement-counter';

export interface RateLimitStatus {
  /** False: the bucket holds fewer points than the operation costs; nothing was spent. */
  granted: boolean;
  cost: number;
  /** Points per hour, which is also the size of the bucket. */
  limit: number;
  /** Points left after this operation (whole points). */
  remaining: number;
  /** When the bucket will be full again if nothing more is spent. */
  resetAt: Date;
  /** The same as seconds from now (the `RateLimit-Reset` header). */
  resetSeconds: number;
  /** Refused only: seconds until the bucket holds enough points for this operation. */
  retryAfterSeconds: number;
}

const SECONDS_PER_HOUR = 3600;

/**
 * Refill and spend in one statement: the row lock taken by ON CONFLICT DO UPDATE serialises
 * concurrent requests of one key on every instance, and the database clock is the only clock.
 */
const CONSUME = `
INSERT INTO "rate_limit_bucket" AS b ("api_key_id", "points", "refilled_at", "last_granted")
VALUES ($1, CASE WHEN $2::float8 >= $3::float8 THEN $2::float8 - $3::float8 ELSE $2::float8 END, now(), $2::float8 >= $3::float8)
ON CONFLICT ("api_key_id") DO UPDATE SET ("points", "refilled_at", "last_granted") = (
  SELECT CASE WHEN a.available >= $3::float8 THEN a.available - $3::float8 ELSE a.available END, now(), a.available >= $3::float8
  FROM (SELECT LEAST($2::float8, b."points" + EXTRACT(EPOCH FROM now() - b."refilled_at")::float8 * $2::float8 / ${SECONDS_PER_HOUR}) AS available) a)
RETURNING "points", "refilled_at", "last_granted"`;

interface BucketRow {
  points: number;
  refilled_at: Date;
  last_granted: boolean;
}

/** Per-API-key token bucket of cost points, stored in PostgreSQL and shared by all instances. */
export class RateLimitService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly pointsPerHour: number,
  ) {}

  async consume(apiKeyId: string, cost: number): Promise<RateLimitStatus> {
    const rows = await withoutStatementCount<BucketRow[]>(() => this.dataSource.query(CONSUME, [apiKeyId, this.pointsPerHour, cost]));
    const row = rows[0];
    const points = row.points;
    const refillPerSecond = this.pointsPerHour / SECONDS_PER_HOUR;
    const refilledAt = new Date(row.refilled_at);
    const resetSeconds = Math.ceil((this.pointsPerHour - points) / refillPerSecond);
    return {
      granted: row.last_granted,
      cost,
      limit: this.pointsPerHour,
      remaining: Math.floor(points),
      resetAt: new Date(refilledAt.getTime() + Math.ceil(((this.pointsPerHour - points) / refillPerSecond) * 1000)),
      resetSeconds,
      retryAfterSeconds: row.last_granted ? 0 : Math.max(1, Math.ceil((cost - points) / refillPerSecond)),
    };
  }
}

/**
 * The budget as IETF draft-ietf-httpapi-ratelimit-headers names it: `RateLimit-Limit`,
 * `RateLimit-Remaining`, `RateLimit-Reset` (seconds until the bucket is full again) and
 * `RateLimit-Policy` (the quota per window of an hour).
 */
export function rateLimitHeaders(status: RateLimitStatus): Record<string, string> {
  return {
    'ratelimit-limit': String(status.limit),
    'ratelimit-remaining': String(status.remaining),
    'ratelimit-reset': String(status.resetSeconds),
    'ratelimit-policy': `${status.limit};w=${SECONDS_PER_HOUR}`,
  };
}

/** `extensions.rateLimit` of every charged response, on either transport. */
export function rateLimitExtension(status: RateLimitStatus): { cost: number; limit: number; remaining: number; resetAt: string } {
  return { cost: status.cost, limit: status.limit, remaining: status.remaining, resetAt: status.resetAt.toISOString() };
}
