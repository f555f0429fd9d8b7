import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../context';
import { rateLimited } from './limit.errors';
import { QueryLimitsValidator } from './query-limits.validator';
import type { RateLimitService, RateLimitStatus } from './rate-limit.service';

/**
 * Refuses an operation over the query limits (400 QUERY_TOO_COMPLEX) or over its API key's
 * budget (429 RATE_LIMITED) after validation and before execution, and reports the budget as
 * `extensions.rateLimit { cost limit remaining resetAt }` on every response that was charged.
 */
export function limitsPlugin(validator: QueryLimitsValidator, rateLimits: RateLimitService | null): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let charged: RateLimitStatus | null = null;
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (!operation) return;
          const verdict = validator.check(schema, document, operation, request.variables);
          if (verdict.error) throw verdict.error;
          if (!rateLimits) return;
          // Every operation spends at least a point, like GitHub's minimum of one.
          charged = await rateLimits.consume(contextValue.principal.keyId, Math.max(1, verdict.cost));
          if (!charged.granted) throw rateLimited(charged);
        },
        async willSendResponse({ response }) {
          if (!charged || response.body.kind !== 'single') return;
          (response.body.singleResult.extensions ??= {}).rateLimit = {
            cost: charged.cost,
            limit: charged.limit,
            remaining: charged.remaining,
            resetAt: charged.resetAt.toISOString(),
          };
        },
      };
    },
  };
}
