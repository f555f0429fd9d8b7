import {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLError,
  GraphQLFormattedError,
  GraphQLSchema,
  Kind,
  NoSchemaIntrospectionCustomRule,
  OperationDefinitionNode,
  ParseOptions,
  ValidationRule,
  getVariableValues,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import type { DataSource } from 'typeorm';
import { authenticate } from '../auth/api-key.service';
import type { Principal } from '../auth/principal';
import { ErrorCode } from '../common/errors';
import type { Logger } from '../config/logger';
import type { RequestContext } from '../context';
import { rateLimited } from '../limits/limit.errors';
import { QueryLimits, QueryLimitsValidator } from '../limits/query-limits.validator';
import { RateLimitService, RateLimitStatus } from '../limits/rate-limit.service';
import { ErrorFormatter, errorFormatter, isClientError } from './format-error';
import { controlCharacterError, controlCharactersIn } from './input-hygiene';

/** graphql-js stops coercing variables after this many errors (and reports that it stopped). */
export const MAX_VARIABLE_ERRORS = 50;

export interface PipelineOptions {
  schema: GraphQLSchema;
  dataSource: DataSource;
  logger: Logger;
  limits: QueryLimits;
  maxTokens: number;
  /** Production: no introspection, no "Did you mean …" anywhere. */
  hideSchema: boolean;
  /** Null when the rate limit is off. */
  rateLimits: RateLimitService | null;
  /** The per-operation context resolvers get. */
  createContext(principal: Principal, requestId: string): RequestContext;
}

export interface Admitted {
  admitted: true;
  cost: number;
  /** What was charged (null with the rate limit off). */
  rateLimit: RateLimitStatus | null;
}

export interface Refused {
  admitted: false;
  errors: GraphQLError[];
  /** The HTTP status and headers of the refusal; WebSocket sends the errors alone. */
  status: number;
  headers: Record<string, string>;
  /** Set when the refusal is the rate limit's: the budget as it stands. */
  rateLimit: RateLimitStatus | null;
}

export type Admission = Admitted | Refused;

function refused(status: number, errors: GraphQLError[], headers: Record<string, string> = {}, rateLimit: RateLimitStatus | null = null): Refused {
  return { admitted: false, errors, status, headers, rateLimit };
}

function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { ...error.extensions, code } });
}

/**
 * One request pipeline for both transports. HTTP (Apollo) and WebSocket (graphql-ws) hand it every
 * operation, and it does the same for both: authenticate the key (per operation, never per
 * connection), parse with the token limit, validate with the same rules (introspection off in
 * production), check the shape limits, coerce the variables, refuse control characters, price the
 * operation and charge the key's budget, build the context, and format every error the same way.
 * Apollo runs parse and validation itself with `parseOptions` and `validationRules` from here.
 */
export class RequestPipeline {
  /** Beyond GraphQL's specified rules: the rules both transports add. */
  readonly validationRules: readonly ValidationRule[];
  readonly parseOptions: ParseOptions;
  readonly formatError: ErrorFormatter;
  private readonly limits: QueryLimitsValidator;

  constructor(private readonly options: PipelineOptions) {
    this.validationRules = options.hideSchema ? [NoSchemaIntrospectionCustomRule] : [];
    this.parseOptions = { maxLexicalTokens: options.maxTokens };
    this.formatError = errorFormatter({ hideSchema: options.hideSchema });
    this.limits = new QueryLimitsValidator(options.schema, options.limits);
  }

  get schema(): GraphQLSchema {
    return this.options.schema;
  }

  get logger(): Logger {
    return this.options.logger;
  }

  /** The key behind an `Authorization: Bearer <key>` value, read from the database on every call. */
  authenticate(authorization: string | undefined): Promise<Principal | null> {
    return authenticate(this.options.dataSource, authorization, this.options.logger);
  }

  createContext(principal: Principal, requestId: string): RequestContext {
    return this.options.createContext(principal, requestId);
  }

  /** A document, or the GRAPHQL_PARSE_FAILED error (over MAX_TOKENS included). */
  parse(source: string): DocumentNode | GraphQLError {
    try {
      return parse(source, this.parseOptions);
    } catch (error) {
      if (error instanceof GraphQLError) return withCode(error, 'GRAPHQL_PARSE_FAILED');
      throw error;
    }
  }

  /** GraphQL's rules and ours, as Apollo runs them for HTTP: GRAPHQL_VALIDATION_FAILED. */
  validate(document: DocumentNode): GraphQLError[] {
    return validate(this.options.schema, document, [...specifiedRules, ...this.validationRules]).map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED'));
  }

  /**
   * Whether a valid operation may run, in this order (the first refusal wins, and nothing is
   * charged unless everything else passed): shape limits (400), variables (400 BAD_USER_INPUT, at
   * most MAX_VARIABLE_ERRORS and then one error that says it stopped), control characters
   * (400 VALIDATION_FAILED with the field path), cost (400), then the key's budget (429).
   */
  async admit(
    principal: Principal,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Readonly<Record<string, unknown>> | null | undefined,
  ): Promise<Admission> {
    const shape = this.limits.checkShape(document);
    if (shape) return refused(400, [shape]);

    const coerced = getVariableValues(this.options.schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: MAX_VARIABLE_ERRORS });
    if (coerced.errors)
      return refused(
        400,
        coerced.errors.map((error) => withCode(error, ErrorCode.BAD_USER_INPUT)),
      );

    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const dirty = controlCharactersIn(operation, fragments, variables ?? undefined);
    if (dirty.length > 0) return refused(400, dirty.map(controlCharacterError));

    const { cost, error } = this.limits.checkCost(operation, fragments, coerced.coerced);
    if (error) return refused(400, [error]);

    const { rateLimits } = this.options;
    if (!rateLimits) return { admitted: true, cost, rateLimit: null };
    // Every operation spends at least a point, like GitHub's minimum of one.
    const charged = await rateLimits.consume(principal.keyId, Math.max(1, cost));
    if (!charged.granted) return refused(429, [rateLimited(charged)], { 'retry-after': String(charged.retryAfterSeconds) }, charged);
    return { admitted: true, cost, rateLimit: charged };
  }

  /** For a transport without HTTP: the refusal's errors as the client gets them. */
  formatAll(errors: readonly GraphQLError[], requestId: string): GraphQLFormattedError[] {
    return errors.map((error) => this.formatOne(error, requestId));
  }

  /** One error as the client gets it; an unexpected one is logged with the request id first. */
  formatOne(error: GraphQLError, requestId: string): GraphQLFormattedError {
    const { http: _http, ...extensions } = error.extensions;
    if (!isClientError(error)) this.options.logger.error({ err: error.originalError ?? error, path: error.path, requestId }, 'unexpected error in request');
    return this.formatError({ ...error.toJSON(), extensions }, error);
  }
}
