/**
 * Object types that generic factories build (connections, edges, payloads, bulk results): they hold
 * rows but no data of their own, so the access policy checks the rows inside them, not them.
 */
const generated = new Set<string>();

export function declareGeneratedValueType(name: string): void {
  generated.add(name);
}

export function generatedValueTypes(): string[] {
  return [...generated];
}
