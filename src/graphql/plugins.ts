import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../context';
import { currentStatementScope } from '../db/statement-counter';
import { isDatabaseUnavailable } from '../db/database-errors';
import { isClientError } from './format-error';

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
