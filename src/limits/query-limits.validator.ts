import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLError,
  GraphQLSchema,
  OperationDefinitionNode,
  ValidationContext,
  ValidationRule,
  validate,
} from 'graphql';
import type { AppConfig } from '../config/config';
import { fieldsWithoutPageSizeBound } from './list-size';
import { maxDirectivesRule } from './max-directives.rule';
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

/**
 * Depth and aliases are graphql-armor's validation rules, directives our own (armor's loses the
 * directives of repeated fragment spreads), the cost ours too (query-cost.calculator.ts), because
 * armor's cost limit does not multiply by page sizes. The rules run apart from GraphQL's own so
 * that every refusal carries QUERY_TOO_COMPLEX instead of GRAPHQL_VALIDATION_FAILED.
 */
export class QueryLimitsValidator {
  private readonly rules: readonly ValidationRule[];

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly limits: QueryLimits,
  ) {
    const unbounded = fieldsWithoutPageSizeBound(schema);
    if (unbounded.length > 0) {
      throw new Error(`Fields that take first/last without a known maximum (declare @Extensions({ maxPageSize })): ${unbounded.join(', ')}`);
    }
    const reject = (limit: QueryLimitName) => (context: ValidationContext | null, error: GraphQLError) => {
      context?.reportError(queryTooComplex(limit, error.message.replace(/^Syntax Error: /, '')));
    };
    this.rules = [
      ...new ApolloArmor({
        maxDepth: { n: limits.maxDepth, flattenFragments: true, propagateOnRejection: false, onReject: [reject('MAX_DEPTH')] },
        maxAliases: { n: limits.maxAliases, propagateOnRejection: false, onReject: [reject('MAX_ALIASES')] },
        // The pipeline's own rules cover these: parse-time token limit, suggestions, directives, cost.
        maxDirectives: { enabled: false },
        maxTokens: { enabled: false },
        blockFieldSuggestion: { enabled: false },
        costLimit: { enabled: false },
      }).protect().validationRules,
      maxDirectivesRule(limits.maxDirectives),
    ];
  }

  /** The first shape limit (depth, aliases, directives) a document that passed GraphQL validation exceeds. */
  checkShape(document: DocumentNode): GraphQLError | null {
    return validate(this.schema, document, this.rules)[0] ?? null;
  }

  /** The operation's cost with its coerced variables, and the refusal when it is over MAX_QUERY_COST. */
  checkCost(
    operation: OperationDefinitionNode,
    fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    variables: Readonly<Record<string, unknown>>,
  ): { cost: number; error: GraphQLError | null } {
    const cost = queryCost(this.schema, operation, fragments, variables);
    if (cost <= this.limits.maxCost) return { cost, error: null };
    return {
      cost,
      error: queryTooComplex(
        'MAX_COST',
        `Query cost limit of ${this.limits.maxCost} exceeded, found ${cost}. Ask for smaller pages (first/last) or fewer nested connections.`,
        { maximum: this.limits.maxCost, cost },
      ),
    };
  }
}
