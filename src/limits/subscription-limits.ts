import { DocumentNode, GraphQLError, GraphQLSchema, Source, getOperationAST, parse, validate } from 'graphql';
import { QueryLimitsValidator } from './query-limits.validator';

export interface SubscriptionLimitHooks {
  parse(source: string | Source): DocumentNode;
  validate(schema: GraphQLSchema, document: DocumentNode): ReadonlyArray<GraphQLError>;
}

/**
 * The same token, depth, alias, directive and cost limits for graphql-ws subscriptions. graphql-ws
 * validates without the variables, so `$first`-style page sizes are priced at their default;
 * subscriptions are not charged to the rate limit (one subscribe, then pushed events).
 */
export function subscriptionLimits(validator: QueryLimitsValidator, maxTokens: number): SubscriptionLimitHooks {
  return {
    parse: (source) => parse(source, { maxLexicalTokens: maxTokens }),
    validate(schema, document) {
      const errors = validate(schema, document);
      if (errors.length > 0) return errors;
      const operation = getOperationAST(document);
      if (!operation) return [];
      const { error } = validator.check(schema, document, operation, undefined);
      if (!error) return [];
      // `http` means nothing on a socket.
      const { http: _http, ...extensions } = error.extensions;
      return [new GraphQLError(error.message, { extensions })];
    },
  };
}
