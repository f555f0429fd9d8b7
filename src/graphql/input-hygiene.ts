import { ASTNode, FragmentDefinitionNode, GraphQLError, Kind, OperationDefinitionNode, ValueNode } from 'graphql';
import { ErrorCode } from '../common/errors';

/**
 * C0 controls but tab, line feed and carriage return (text fields may hold several lines), DEL and
 * the C1 controls. PostgreSQL refuses U+0000 in text and jsonb outright; the others are never data
 * a partner program stores, and are how log or CSV injection starts.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Reported per request at most; one is enough to fix the client, a thousand only grow the answer. */
const MAX_REPORTED = 20;

export interface ControlCharacterAt {
  /** Variable or argument name, then object fields and list indexes: `["input", "name"]`. */
  path: string[];
  codePoint: number;
}

function codePointOf(text: string): number {
  return (CONTROL_CHARACTER.exec(text)?.[0] ?? '\u0000').codePointAt(0) ?? 0;
}

/** Every string of a JSON value (and object key) holding a control character, with its path. */
function scanValue(value: unknown, path: string[], found: ControlCharacterAt[]): void {
  if (found.length >= MAX_REPORTED) return;
  if (typeof value === 'string') {
    if (CONTROL_CHARACTER.test(value)) found.push({ path, codePoint: codePointOf(value) });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      scanValue(item, [...path, String(index)], found);
    });
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (CONTROL_CHARACTER.test(key)) found.push({ path: [...path, key], codePoint: codePointOf(key) });
      scanValue(item, [...path, key], found);
    }
  }
}

/** String literals written in the document, under the argument (or variable default) that holds them. */
function scanLiteral(node: ValueNode, path: string[], found: ControlCharacterAt[]): void {
  if (found.length >= MAX_REPORTED) return;
  if (node.kind === Kind.STRING) {
    if (CONTROL_CHARACTER.test(node.value)) found.push({ path, codePoint: codePointOf(node.value) });
  } else if (node.kind === Kind.LIST) {
    node.values.forEach((item, index) => {
      scanLiteral(item, [...path, String(index)], found);
    });
  } else if (node.kind === Kind.OBJECT) {
    for (const field of node.fields) scanLiteral(field.value, [...path, field.name.value], found);
  }
}

function scanArguments(node: ASTNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, found: ControlCharacterAt[], seen: Set<string>): void {
  if ((node.kind === Kind.FIELD || node.kind === Kind.DIRECTIVE) && node.arguments) {
    for (const argument of node.arguments) scanLiteral(argument.value, [argument.name.value], found);
  }
  if ('directives' in node && node.directives) for (const directive of node.directives) scanArguments(directive, fragments, found, seen);
  if (node.kind === Kind.FRAGMENT_SPREAD && !seen.has(node.name.value)) {
    seen.add(node.name.value);
    const fragment = fragments.get(node.name.value);
    if (fragment) scanArguments(fragment, fragments, found, seen);
  }
  if ('selectionSet' in node && node.selectionSet) for (const selection of node.selectionSet.selections) scanArguments(selection, fragments, found, seen);
}

/**
 * Where the inputs of the operation about to run — its variables as sent, and the string literals
 * of the document it uses, through its fragments — hold a control character.
 */
export function controlCharactersIn(
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Readonly<Record<string, unknown>> | undefined,
): ControlCharacterAt[] {
  const found: ControlCharacterAt[] = [];
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (definition.defaultValue) scanLiteral(definition.defaultValue, [name], found);
    if (variables && name in variables) scanValue(variables[name], [name], found);
  }
  scanArguments(operation, fragments, found, new Set());
  return found.slice(0, MAX_REPORTED);
}

/** VALIDATION_FAILED with the field path, as a mutation's userErrors name fields: `["input", "name"]`. */
export function controlCharacterError(at: ControlCharacterAt): GraphQLError {
  const codePoint = `U+${at.codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  return new GraphQLError(
    `\`${at.path.join('.')}\` contains the control character ${codePoint}; strings may not hold control characters other than tab and line breaks`,
    {
      extensions: { code: ErrorCode.VALIDATION_FAILED, field: at.path },
    },
  );
}
