import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CATALOGUE_FILE, catalogueDocument } from '../../src/rules/catalogue-document';
import { createRegistry } from '../../src/modules';

const ROOT = join(__dirname, '..', '..');
const RULE_ID = /\bR-[A-Z]+-\d{2}\b/g;

function filesUnder(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, keep);
    return keep(path) ? [path] : [];
  });
}

function idsIn(files: string[]): Map<string, string[]> {
  const where = new Map<string, string[]>();
  for (const file of files) {
    for (const id of readFileSync(file, 'utf8').match(RULE_ID) ?? []) where.set(id, [...(where.get(id) ?? []), relative(ROOT, file)]);
  }
  return where;
}

const catalogue = createRegistry().rules;

describe('the rule catalogue', () => {
  it('states every rule ID the code can cite (a decision never names a rule nobody can look up)', () => {
    const cited = idsIn(filesUnder(join(ROOT, 'src'), (path) => path.endsWith('.ts') && !path.endsWith('.catalogue.ts')));
    const unstated = [...cited.keys()].filter((id) => catalogue.get(id) === undefined).map((id) => `${id} (${cited.get(id)?.join(', ') ?? ''})`);
    expect(unstated).toEqual([]);
  });

  it('has every stated rule named by a test whose text holds its ID', () => {
    const named = idsIn(filesUnder(join(ROOT, 'test'), (path) => path.endsWith('.test.ts') && !path.endsWith('rule-catalogue.test.ts')));
    expect(
      catalogue
        .all()
        .filter((rule) => !named.has(rule.id))
        .map((rule) => rule.id),
    ).toEqual([]);
  });

  it('is what docs/program-rules.md says (run `npm run docs:rules` after changing a rule)', () => {
    expect(catalogueDocument(catalogue)).toBe(readFileSync(join(ROOT, CATALOGUE_FILE), 'utf8'));
  });

  it('refuses a rule stated twice or an ID that is not of the catalogue’s form', () => {
    const rule = { id: 'R-TEST-01', title: 't', text: 't', version: 1, revisedOn: null };
    expect(() => new (catalogue.constructor as new (rules: unknown[]) => unknown)([rule, rule])).toThrow(/stated twice/);
    expect(() => new (catalogue.constructor as new (rules: unknown[]) => unknown)([{ ...rule, id: 'DEAL-4' }])).toThrow(/not of the form/);
  });
});
