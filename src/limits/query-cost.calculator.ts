import {
  FieldNode,
  FragmentDefinitionNode,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLIncludeDirective,
  GraphQLSchema,
  GraphQLSkipDirective,
  InlineFragmentNode,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  FragmentSpreadNode,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
} from 'graphql';
import { pageSizeOf } from './list-size';

/**
 * Assumed length of a list that has no page size. Most are bounded by an enum of 4–6 values
 * (certifications of a person, unmet requirements, NFR products) or are a handful of rows (a
 * partner's distributors, an opportunity's registrations).
 */
export const UNPAGED_LIST_SIZE = 5;

/**
 * GitHub-style cost of an operation, computed from the document before anything runs: every
 * object the operation could return costs one point, scalars cost nothing. A connection costs one
 * point and its `nodes`/`edges` count `first`/`last` (default 20, at most 100) objects each, so a
 * nested connection multiplies: `partners(first: 100) { nodes { people(first: 10) { nodes { … } } } }`
 * is 1 + 100 × (1 + 1 + 10 × …). A list or feed with a page size of its own (`approvalEvents`,
 * `changes`: up to 500) counts it up to that field's maximum (src/limits/list-size.ts). Lists
 * without a page size count UNPAGED_LIST_SIZE objects, or one per item of their list argument
 * (`ids`). Fragments on several types all count (an upper bound); fields under a false
 * `@include`/true `@skip` do not. Introspection fields are free.
 */
export function queryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Readonly<Record<string, unknown>>,
): number {
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  // Cost is linear in the number of parents, so each fragment is costed once per context:
  // a fragment used many times (or nested fragment "bombs") costs no extra work to price.
  const fragmentCosts = new Map<string, number>();

  const selectionSetCost = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType, pageSize: number | null): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (!included(selection, variables)) continue;
      if (selection.kind === Kind.FIELD) total += fieldCost(selection, parentType, pageSize);
      else if (selection.kind === Kind.INLINE_FRAGMENT) total += inlineFragmentCost(selection, parentType, pageSize);
      else total += fragmentSpreadCost(selection, pageSize);
    }
    return total;
  };

  const inlineFragmentCost = (fragment: InlineFragmentNode, parentType: GraphQLCompositeType, pageSize: number | null): number => {
    const type = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parentType;
    return type && isCompositeType(type) ? selectionSetCost(fragment.selectionSet, type, pageSize) : 0;
  };

  const fragmentSpreadCost = (spread: FragmentSpreadNode, pageSize: number | null): number => {
    const memoKey = `${spread.name.value}:${pageSize ?? ''}`;
    const known = fragmentCosts.get(memoKey);
    if (known !== undefined) return known;
    const fragment = fragments.get(spread.name.value);
    const type = fragment ? schema.getType(fragment.typeCondition.name.value) : undefined;
    // Validation already refused fragment cycles; the placeholder keeps a broken document finite.
    fragmentCosts.set(memoKey, 0);
    const cost = fragment && type && isCompositeType(type) ? selectionSetCost(fragment.selectionSet, type, pageSize) : 0;
    fragmentCosts.set(memoKey, cost);
    return cost;
  };

  /** Cost of one field for ONE instance of its parent. `pageSize` is set when the parent is a page (connection or feed). */
  const fieldCost = (node: FieldNode, parentType: GraphQLCompositeType, pageSize: number | null): number => {
    if (node.name.value.startsWith('__')) return 0;
    const field = fieldOf(parentType, node.name.value);
    if (!field) return 0;
    const type = getNamedType(field.type);
    if (!isCompositeType(type) || !node.selectionSet) return 0;
    const args = argumentsOf(field, node, variables);
    const isList = isListType(getNullableType(field.type));
    const ownPage = pageSizeOf(field, args);
    if (ownPage !== null) {
      // A list that takes a page size returns that many objects; a connection or feed is one object whose lists hold them.
      if (isList) return ownPage * (1 + selectionSetCost(node.selectionSet, type, null));
      return 1 + selectionSetCost(node.selectionSet, type, ownPage);
    }
    const perObject = 1 + selectionSetCost(node.selectionSet, type, null);
    if (!isList) return perObject;
    return (listArgumentLength(field, args) ?? pageSize ?? UNPAGED_LIST_SIZE) * perObject;
  };

  return selectionSetCost(operation.selectionSet, root, null);
}

function fieldOf(type: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
}

/** A list answered item by item from a list argument (`nodes(ids:)`, `tenderPricing(bidderPartnerIds:)`) has that many items. */
function listArgumentLength(field: GraphQLField<unknown, unknown>, args: Readonly<Record<string, unknown>>): number | null {
  const lists = field.args.filter((arg) => isListType(getNullableType(arg.type)));
  if (lists.length !== 1) return null;
  const value = args[lists[0].name];
  return Array.isArray(value) ? value.length : null;
}

function argumentsOf(field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Readonly<Record<string, unknown>>): Record<string, unknown> {
  try {
    return getArgumentValues(field, node, variables);
  } catch {
    // Bad arguments fail at execution with their own error; price the field with the defaults.
    return {};
  }
}

function included(node: FieldNode | InlineFragmentNode | FragmentSpreadNode, variables: Readonly<Record<string, unknown>>): boolean {
  try {
    if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
    if (getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if === false) return false;
  } catch {
    return true;
  }
  return true;
}
