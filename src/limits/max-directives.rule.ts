import { ASTNode, FragmentDefinitionNode, Kind, OperationDefinitionNode, ValidationContext, ValidationRule } from 'graphql';
import { queryTooComplex } from './limit.errors';

/**
 * Counts the directives of an operation as it would run: those on the operation, its variables,
 * fields, inline fragments and fragment spreads, and a fragment's own directives once per spread
 * of it. graphql-armor's rule drops the directives written on a spread of a fragment it has seen
 * before, so `...F @include(if: true)` repeated escaped the limit; this rule replaces it.
 */
export function countDirectives(operation: OperationDefinitionNode, fragmentNamed: (name: string) => FragmentDefinitionNode | null | undefined): number {
  // Per fragment, so repeating or nesting fragments costs no extra work to count.
  const perFragment = new Map<string, number>();

  const count = (node: ASTNode): number => {
    let total = 'directives' in node && node.directives ? node.directives.length : 0;
    if (node.kind === Kind.OPERATION_DEFINITION) {
      for (const variable of node.variableDefinitions ?? []) total += variable.directives?.length ?? 0;
    }
    if (node.kind === Kind.FRAGMENT_SPREAD) return total + fragmentCount(node.name.value);
    if ('selectionSet' in node && node.selectionSet) {
      for (const selection of node.selectionSet.selections) total += count(selection);
    }
    return total;
  };

  const fragmentCount = (name: string): number => {
    const known = perFragment.get(name);
    if (known !== undefined) return known;
    // Validation refuses fragment cycles before this runs; the placeholder keeps a broken document finite.
    perFragment.set(name, 0);
    const fragment = fragmentNamed(name);
    const total = fragment ? count(fragment) : 0;
    perFragment.set(name, total);
    return total;
  };

  return count(operation);
}

/** Refuses an operation with more than `max` directives (QUERY_TOO_COMPLEX, limit MAX_DIRECTIVES). */
export function maxDirectivesRule(max: number): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(operation) {
      const found = countDirectives(operation, (name) => context.getFragment(name));
      if (found > max) context.reportError(queryTooComplex('MAX_DIRECTIVES', `Directives limit of ${max} exceeded, found ${found}.`));
    },
  });
}
