import { GraphQLError } from 'graphql';
import { ErrorCode } from '../common/errors';
import type { RateLimitStatus } from './rate-limit.service';

/** Which limit a QUERY_TOO_COMPLEX refusal hit (`extensions.limit`). */
export type QueryLimitName = 'MAX_DEPTH' | 'MAX_ALIASES' | 'MAX_DIRECTIVES' | 'MAX_COST';

/** The document itself is refused (HTTP 400, as GraphQL-over-HTTP answers a request that fails validation). */
export function queryTooComplex(limit: QueryLimitName, message: string, details: Record<string, number> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit, ...details } });
}

/** The key's budget does not hold the operation's cost (HTTP 429 with Retry-After). */
export function rateLimited(status: RateLimitStatus): GraphQLError {
  const message =
    status.cost > status.limit
      ? `This operation costs ${status.cost} points, more than this API key's whole budget of ${status.limit} per hour; ask for smaller pages`
      : `Rate limit exceeded: this operation costs ${status.cost} points and this API key has ${status.remaining} of ${status.limit} per hour left; retry in ${status.retryAfterSeconds} s`;
  return new GraphQLError(message, { extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds: status.retryAfterSeconds } });
}
