import type { RuleCatalogue } from './catalogue';
import { ruleArea } from './catalogue';

export const CATALOGUE_FILE = 'docs/program-rules.md';

/** docs/program-rules.md, generated from the registered rules (`npm run docs:rules`); a test keeps it current. */
export function catalogueDocument(catalogue: RuleCatalogue): string {
  const lines = [
    '# Program rules',
    '',
    'Generated from the rule registry by `npm run docs:rules`. Do not edit by hand: each domain states its rules in',
    '`src/<domain>/*.catalogue.ts`. Every decision the API records cites rule IDs from this list; the same text is',
    'served by `programRules` and `programRule(id:)`.',
  ];
  let area = '';
  for (const rule of catalogue.all()) {
    if (ruleArea(rule.id) !== area) {
      area = ruleArea(rule.id);
      lines.push('', `## ${area}`, '');
    }
    const revised = rule.revisedOn ? `, revised ${rule.revisedOn}` : '';
    lines.push(`- **${rule.id}** ${rule.title} (version ${rule.version}${revised}). ${rule.text}`);
  }
  return `${lines.join('\n')}\n`;
}
