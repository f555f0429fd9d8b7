import {
  GraphQLError,
  GraphQLField,
  GraphQLFieldResolver,
  GraphQLObjectType,
  GraphQLOutputType,
  GraphQLSchema,
  defaultFieldResolver,
  getNamedType,
  isAbstractType,
  isListType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { ErrorCode } from '../common/errors';
import type { AccessScope, PolicyRegistry } from './access-scope';
import type { RowPolicy, Shape } from './policy';

/** What every resolver's context carries for the policy. */
export interface AccessContext {
  access: AccessScope;
}

type MaybePromise<T> = T | Promise<T>;

function isPromise<T>(value: unknown): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function then<T, R>(value: MaybePromise<T>, next: (resolved: T) => MaybePromise<R>): MaybePromise<R> {
  return isPromise<T>(value) ? value.then(next) : next(value);
}

function notVisible(type: string, field: string): GraphQLError {
  return new GraphQLError(`${type}.${field} is not visible to this key`, { extensions: { code: ErrorCode.FORBIDDEN } });
}

/** Types that need no policy: the operation roots and GraphQL's own introspection types. */
function isExempt(schema: GraphQLSchema, type: GraphQLObjectType): boolean {
  return type.name.startsWith('__') || type === schema.getQueryType() || type === schema.getMutationType() || type === schema.getSubscriptionType();
}

/** Object types of the schema that have no policy: the server refuses to start with any. */
export function typesWithoutPolicy(schema: GraphQLSchema, registry: PolicyRegistry): string[] {
  return Object.values(schema.getTypeMap())
    .filter((type): type is GraphQLObjectType => isObjectType(type) && !isExempt(schema, type))
    .filter((type) => registry.get(type.name) === undefined)
    .map((type) => type.name)
    .sort();
}

/**
 * Applies the access policy where objects leave resolvers, for every field of the schema: a field
 * that returns rows (directly, in a list, through an interface or a connection's edges) hands out
 * only rows the viewer may see, and a row seen as a reference answers only its reference fields.
 * A new field or type is covered without anyone remembering to: the schema is walked once here.
 */
export function enforceAccessPolicy(schema: GraphQLSchema, registry: PolicyRegistry): GraphQLSchema {
  const missing = typesWithoutPolicy(schema, registry);
  if (missing.length > 0) throw new Error(`Object types without an access policy: ${missing.join(', ')}`);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const ownPolicy = registry.row(type.name);
    for (const field of Object.values(type.getFields())) {
      if (returnsRows(field.type, registry)) guardReturnedRows(field, type.name);
      else if (edgeListOfRows(field.type, registry)) guardReturnedEdges(field, type.name);
      if (ownPolicy && (ownPolicy.referenceFields || ownPolicy.fieldGuards?.[field.name])) guardOwnField(field, type.name, ownPolicy);
    }
  }
  return schema;
}

function returnsRows(type: GraphQLOutputType, registry: PolicyRegistry): boolean {
  const named = getNamedType(type);
  return isAbstractType(named) || (isObjectType(named) && registry.row(named.name) !== undefined);
}

/** A connection's `edges`: a list of objects whose `node` is a row. */
function edgeListOfRows(type: GraphQLOutputType, registry: PolicyRegistry): boolean {
  const unwrapped = isNonNullType(type) ? type.ofType : type;
  if (!isListType(unwrapped)) return false;
  const item = getNamedType(unwrapped);
  if (!isObjectType(item) || !item.name.endsWith('Edge')) return false;
  const node = item.getFields().node as GraphQLField<unknown, unknown> | undefined;
  return node !== undefined && returnsRows(node.type, registry);
}

function wrap(field: GraphQLField<unknown, unknown>, after: (value: unknown, access: AccessScope) => unknown): void {
  const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
  field.resolve = (source, args, context, info) => {
    const value = resolve(source, args, context, info);
    const { access } = context as AccessContext;
    return then(value, (resolved) => after(resolved, access));
  };
}

function guardReturnedRows(field: GraphQLField<unknown, unknown>, parentType: string): void {
  wrap(field, (value, access) => keepVisible(value, field.type, access, parentType, field.name));
}

function keepVisible(value: unknown, type: GraphQLOutputType, access: AccessScope, parentType: string, fieldName: string): MaybePromise<unknown> {
  if (value === null || value === undefined) return value;
  const required = isNonNullType(type);
  const inner = required ? type.ofType : type;
  const named = getNamedType(type);
  const declared = isObjectType(named) ? named.name : undefined;
  if (isListType(inner)) {
    if (!Array.isArray(value)) return value;
    return access.visible(value as object[], declared);
  }
  return then(access.shapeOf(value, declared), (shape: Shape) => {
    if (shape !== 'NONE') return value;
    if (required) throw notVisible(parentType, fieldName);
    return null;
  });
}

function guardReturnedEdges(field: GraphQLField<unknown, unknown>, _parentType: string): void {
  wrap(field, (value, access) => {
    if (!Array.isArray(value)) return value;
    const edges = value as Array<{ node: object }>;
    return then(access.visible(edges.map((edge) => edge.node)), (nodes) => {
      const kept = new Set(nodes);
      return edges.filter((edge) => kept.has(edge.node));
    });
  });
}

/**
 * A field of a row type: in REFERENCE shape only the reference fields answer (the others are
 * FORBIDDEN), and a guarded field answers null to viewers its guard excludes.
 */
function guardOwnField(field: GraphQLField<unknown, unknown>, typeName: string, policy: RowPolicy): void {
  const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
  const inReference = policy.referenceFields?.has(field.name) ?? true;
  const guard = policy.fieldGuards?.[field.name];
  field.resolve = (source, args, context, info) => {
    const { access } = context as AccessContext;
    if (guard && !guard(access.viewer)) return null;
    if (inReference || policy.seesAll(access.viewer)) return resolve(source, args, context, info);
    return then(access.shapeOf(source as object, typeName), (shape) => {
      if (shape !== 'FULL') throw notVisible(typeName, field.name);
      return resolve(source, args, context, info);
    });
  };
}
