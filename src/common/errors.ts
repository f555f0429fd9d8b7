import { GraphQLError } from 'graphql';

/** Error codes of refused requests (in `extensions.code`), as GitHub/Apollo name them. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  NOT_FOUND: 'NOT_FOUND',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** Over MAX_QUERY_DEPTH / MAX_ALIASES / MAX_DIRECTIVES / MAX_QUERY_COST (`extensions.limit` says which): HTTP 400. */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** The API key's hourly cost budget is spent: HTTP 429 with Retry-After. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** A database statement ran past STATEMENT_TIMEOUT_MS and was cancelled. */
  QUERY_TIMEOUT: 'QUERY_TIMEOUT',
  /** A string of the request holds a control character (`extensions.field` says where): refused before anything runs. */
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  /** The API key has MAX_SUBSCRIPTIONS_PER_KEY subscriptions open on this instance already. */
  TOO_MANY_SUBSCRIPTIONS: 'TOO_MANY_SUBSCRIPTIONS',
  /** A subscriber fell too far behind the live events; it resumes with `afterSequence`. */
  SUBSCRIBER_TOO_SLOW: 'SUBSCRIBER_TOO_SLOW',
} as const;

export function badInput(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...(field ? { field } : {}) } });
}

export function forbidden(message = 'This API key may not read or do this'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}
