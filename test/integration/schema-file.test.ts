import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSchema } from '../../src/graphql/schema';
import { SCHEMA_FILE, printSdl } from '../../src/graphql/print-schema';
import { createRegistry } from '../../src/modules';

describe('schema/schema.graphql', () => {
  it('matches the schema the code builds (run `npm run schema:emit` after changing it)', async () => {
    const committed = readFileSync(join(__dirname, '..', '..', SCHEMA_FILE), 'utf8');
    expect(printSdl(await createSchema(createRegistry()))).toBe(committed);
  });
});
