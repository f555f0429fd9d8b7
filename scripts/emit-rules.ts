import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CATALOGUE_FILE, catalogueDocument } from '../src/rules/catalogue-document';
import { createRegistry } from '../src/modules';

const document = catalogueDocument(createRegistry().rules);
mkdirSync(dirname(CATALOGUE_FILE), { recursive: true });
writeFileSync(CATALOGUE_FILE, document);
console.log(`wrote ${CATALOGUE_FILE} (${document.length} bytes)`);
