import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLError,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  ValidationContext,
  ValidationRule,
  getVariableValues,
  validate,
} from 'graphql';
import type { AppConfig } from '../config/config';
import { queryCost } from './query-cost.calculator';
import { QueryLimitName, queryTooComplex } from './limit.errors';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxCost: number;
}

export function queryLimitsFrom(config: AppConfig): QueryLimits {
  return { maxDepth: config.MAX_QUERY_DEPTH, maxAliases: config.MAX_ALIASES, maxDirectives: config.MAX_DIRECTIVES, maxCost: config.MAX_QUERY_COST };
}

export interface QueryLimitsVerdict {
  /** The first limit the operation exceeds (QUERY_TOO_COMPLEX), or null. */
  error: GraphQLError | null;
  cost: number;
}

/**
 * Depth, aliases and directives are graphql-armor's validation rules; the cost is ours
 * (query-cost.calculator.ts), because armor's cost limit does not multiply by page sizes.
 * The rules run here rather than as Apollo `validationRules` so that every refusal carries
 * QUERY_TOO_COMPLEX instead of Apollo's generic GRAPHQL_VALIDATION_FAILED.
 */
export class QueryLimitsValidator {
  private readonly rules: readonly ValidationRule[];

  constructor(private readonly limits: QueryLimits) {
    const reject = (limit: QueryLimitName) => (context: ValidationContext | null, error: GraphQLError) => {
      context?.reportError(queryTooComplex(limit, error.message.replace(/^Syntax Error: /, '')));
    };
    this.rules = new ApolloArmor({
      maxDepth: { n: limits.maxDepth, flattenFragments: true, propagateOnRejection: false, onReject: [reject('MAX_DEPTH')] },
      maxAliases: { n: limits.maxAliases, propagateOnRejection: false, onReject: [reject('MAX_ALIASES')] },
      maxDirectives: { n: limits.maxDirectives, propagateOnRejection: false, onReject: [reject('MAX_DIRECTIVES')] },
      // Apollo's own parseOptions.maxTokens and hideSchemaDetailsFromClientErrors cover these two.
      maxTokens: { enabled: false },
      blockFieldSuggestion: { enabled: false },
      costLimit: { enabled: false },
    }).protect().validationRules;
  }

  /** Checks a document that already passed GraphQL validation, for the operation about to run. */
  check(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    rawVariables: Readonly<Record<string, unknown>> | undefined,
  ): QueryLimitsVerdict {
    const [refusal] = validate(schema, document, this.rules);
    if (refusal) return { error: refusal, cost: 0 };
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    // Variables that fail to coerce fail the request at execution; priced here with the defaults.
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
    const cost = queryCost(schema, operation, fragments, coerced.coerced ?? {});
    if (cost > this.limits.maxCost) {
      return {
        error: queryTooComplex(
          'MAX_COST',
          `Query cost limit of ${this.limits.maxCost} exceeded, found ${cost}. Ask for smaller pages (first/last) or fewer nested connections.`,
          {
            maximum: this.limits.maxCost,
            cost,
          },
        ),
        cost,
      };
    }
    return { error: null, cost };
  }
}
