import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createSchema } from '../src/graphql/schema';
import { createRegistry } from '../src/modules';
import { SCHEMA_FILE, printSdl } from '../src/graphql/print-schema';

void (async () => {
  const sdl = printSdl(await createSchema(createRegistry()));
  mkdirSync(dirname(SCHEMA_FILE), { recursive: true });
  writeFileSync(SCHEMA_FILE, sdl);
  console.log(`wrote ${SCHEMA_FILE} (${sdl.length} bytes)`);
})();
