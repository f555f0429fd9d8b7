import { GraphQLField, GraphQLSchema, getNamedType, getNullableType, isInterfaceType, isListType, isObjectType } from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../common/pagination';

/**
 * The field extension a field that takes `first`/`last` but is not a Relay connection declares its
 * largest page with, e.g. `@Extensions({ [MAX_PAGE_SIZE_EXTENSION]: 500 })`: the cost prices every
 * page size by the field's real maximum, not by the connections' 100.
 */
export const MAX_PAGE_SIZE_EXTENSION = 'maxPageSize';

const PAGE_SIZE_ARGUMENTS = ['first', 'last'];

export function takesPageSize(field: GraphQLField<unknown, unknown>): boolean {
  return field.args.some((arg) => PAGE_SIZE_ARGUMENTS.includes(arg.name));
}

/** A Relay connection of src/common/pagination.ts: `nodes`, `edges`, `pageInfo`. */
function returnsConnection(field: GraphQLField<unknown, unknown>): boolean {
  const type = getNamedType(field.type);
  if (isListType(getNullableType(field.type)) || !(isObjectType(type) || isInterfaceType(type))) return false;
  const fields = type.getFields();
  return 'pageInfo' in fields && ('nodes' in fields || 'edges' in fields);
}

function declaredMaximum(field: GraphQLField<unknown, unknown>): number | null {
  const declared = field.extensions[MAX_PAGE_SIZE_EXTENSION];
  return typeof declared === 'number' && Number.isInteger(declared) && declared > 0 ? declared : null;
}

/** The most items one page of this field can hold; null for a field without `first`/`last`. */
export function maxPageSizeOf(field: GraphQLField<unknown, unknown>): number | null {
  if (!takesPageSize(field)) return null;
  return declaredMaximum(field) ?? MAX_PAGE_SIZE;
}

/**
 * The page size an operation asks for, as the resolver will serve it: the argument (or its schema
 * default, or DEFAULT_PAGE_SIZE) within 0 and the field's maximum. Above the maximum the resolver
 * refuses the page itself, so no more than the maximum is ever read.
 */
export function pageSizeOf(field: GraphQLField<unknown, unknown>, args: Readonly<Record<string, unknown>>): number | null {
  const max = maxPageSizeOf(field);
  if (max === null) return null;
  const asked = PAGE_SIZE_ARGUMENTS.map((name) => args[name]).find((value) => typeof value === 'number' && Number.isFinite(value));
  const size = typeof asked === 'number' ? asked : DEFAULT_PAGE_SIZE;
  return Math.max(0, Math.min(max, Math.floor(size)));
}

/**
 * `Type.field` of every field that takes a page size but neither returns a connection (whose
 * maximum is MAX_PAGE_SIZE) nor declares its own: the server refuses to start with any, so no list
 * can be priced below what it really returns.
 */
export function fieldsWithoutPageSizeBound(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(isObjectType(type) || isInterfaceType(type)) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (takesPageSize(field) && !returnsConnection(field) && declaredMaximum(field) === null) missing.push(`${type.name}.${field.name}`);
    }
  }
  return missing.sort();
}
