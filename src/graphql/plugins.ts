import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { RequestContext } from '../context';
import { currentStatementScope } from '../db/statement-counter';
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

/** A request that failed because the database is away answers 503 with Retry-After, like the auth step. */
export function databaseUnavailablePlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, errors }) {
          if (!errors?.some((error) => isDatabaseUnavailable(error.originalError ?? error))) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', '5');
        },
      };
    },
  };
}

/** Logs unexpected errors with the request id, and adds `extensions.requestId` to every response. */
export function requestLoggingPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            if (isClientError(error)) continue;
            contextValue.logger.error({ err: error.originalError ?? error, path: error.path, operationName }, 'unexpected error in request');
          }
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const extensions = (response.body.singleResult.extensions ??= {});
          extensions.requestId = contextValue.requestId;
        },
      };
    },
  };
}

/** Adds `extensions.sqlStatements`: the statements this request sent (tests and benchmarks). */
export function statementCountPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const scope = currentStatementScope();
          if (!scope || response.body.kind !== 'single') return;
          (response.body.singleResult.extensions ??= {}).sqlStatements = scope.count;
        },
      };
    },
  };
}
