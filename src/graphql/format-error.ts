import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../common/errors';
import { SERVICE_UNAVAILABLE, UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '../db/database-errors';
import { STATEMENT_TIMEOUT_MESSAGE, isStatementTimeout } from '../limits/statement-timeout';

/** Codes that describe the caller's request: shown as they are. Anything else is masked. */
const CLIENT_ERROR_CODES = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.FORBIDDEN,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.NOT_FOUND,
  ErrorCode.QUERY_TOO_COMPLEX,
  ErrorCode.RATE_LIMITED,
  ErrorCode.VALIDATION_FAILED,
  ErrorCode.TOO_MANY_SUBSCRIPTIONS,
  ErrorCode.SUBSCRIBER_TOO_SLOW,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export function isClientError(error: GraphQLFormattedError | GraphQLError): boolean {
  const code = error.extensions?.code;
  return typeof code === 'string' && CLIENT_ERROR_CODES.has(code);
}

/** Unexpected failures reach the client as a generic error; the details go to the log. */
export function maskError(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  if (isClientError(formatted)) return formatted;
  if (isDatabaseUnavailable(error)) {
    return { message: UNAVAILABLE_MESSAGE, path: formatted.path, extensions: { code: SERVICE_UNAVAILABLE, retryable: true } };
  }
  if (isStatementTimeout(error)) return { message: STATEMENT_TIMEOUT_MESSAGE, path: formatted.path, extensions: { code: ErrorCode.QUERY_TIMEOUT } };
  return { message: 'Internal server error', path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

/**
 * graphql-js appends `Did you mean "name"?` (or `the enum value "CHANNEL"`) to validation AND
 * variable-coercion messages; enough of them rebuild the schema that production hides.
 */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

export function withoutSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const message = formatted.message.replace(SUGGESTION, '');
  return message === formatted.message ? formatted : { ...formatted, message };
}

export type ErrorFormatter = (formatted: GraphQLFormattedError, error?: unknown) => GraphQLFormattedError;

/**
 * The one error formatter of both transports (Apollo's `formatError` for HTTP, graphql-ws's
 * `onError`/`onNext` for WebSocket): unexpected failures masked, and in production no suggestions.
 */
export function errorFormatter(options: { hideSchema: boolean }): ErrorFormatter {
  return (formatted, error) => {
    const masked = maskError(formatted, error);
    return options.hideSchema ? withoutSuggestions(masked) : masked;
  };
}
