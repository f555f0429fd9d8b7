import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';

export const SCHEMA_FILE = 'schema/schema.graphql';

/** The SDL as committed in schema/schema.graphql: sorted, so diffs show only real changes. */
export function printSdl(schema: GraphQLSchema): string {
  return `# Generated from the code by \`npm run schema:emit\`. Do not edit by hand.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
