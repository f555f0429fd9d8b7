import { Kind, OperationDefinitionNode, buildSchema, parse } from 'graphql';
import { controlCharactersIn } from '../../src/graphql/input-hygiene';
import { fieldsWithoutPageSizeBound } from '../../src/limits/list-size';
import { countDirectives } from '../../src/limits/max-directives.rule';
import { QueryLimitsValidator } from '../../src/limits/query-limits.validator';

function operationAndFragments(source: string) {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  return { operation, fragments };
}

function directivesOf(source: string): number {
  const { operation, fragments } = operationAndFragments(source);
  return countDirectives(operation, (name) => fragments.get(name));
}

describe('countDirectives', () => {
  it('counts the directives written on every spread of a fragment, not only on the first', () => {
    expect(directivesOf('{ a { ...F @include(if: true) ...F @include(if: true) ...F @skip(if: false) } } fragment F on T { b }')).toBe(3);
  });

  it("counts a fragment's own directives once per spread, through nested fragments", () => {
    const source = '{ a { ...F ...F } } fragment F on T { b @include(if: true) ...G } fragment G on T @skip(if: false) { c @skip(if: false) }';
    // F: 1 own + G (1 on the definition + 1 inside) = 3, spread twice.
    expect(directivesOf(source)).toBe(6);
  });

  it('counts directives on inline fragments, fields, the operation and its variables', () => {
    expect(directivesOf('query Q($v: Int @deprecated) @live { a @include(if: true) { ... on T @skip(if: false) { b } ... @include(if: true) { c } } }')).toBe(
      5,
    );
  });

  it('counts a fragment bomb without expanding it', () => {
    const levels = Array.from({ length: 30 }, (_, i) => `fragment F${i} on T { ...F${i + 1} @include(if: true) ...F${i + 1} }`).join('\n');
    // Each level doubles the one below and adds one directive: 2^30 - 1 in all.
    expect(directivesOf(`{ a { ...F0 } } ${levels} fragment F30 on T { b }`)).toBe(2 ** 30 - 1);
  });
});

describe('controlCharactersIn', () => {
  it('finds control characters in variables with their path, and lets tab and line breaks through', () => {
    const { operation, fragments } = operationAndFragments('mutation ($input: In!, $other: String) { m(input: $input, other: $other) { id } }');
    const found = controlCharactersIn(operation, fragments, {
      input: { name: 'a\u0000', lines: 'x\ty\nz\r', list: ['ok', 'bell\u0007'], nested: { ['key\u001b']: 'v' } },
      other: 'del\u007f',
      unused: '\u0000',
    });
    expect(found).toEqual([
      { path: ['input', 'name'], codePoint: 0 },
      { path: ['input', 'list', '1'], codePoint: 7 },
      { path: ['input', 'nested', 'key\u001b'], codePoint: 0x1b },
      { path: ['other'], codePoint: 0x7f },
    ]);
  });

  it('finds them in string literals of arguments, directives, variable defaults and the fragments the operation uses', () => {
    const { operation, fragments } = operationAndFragments(
      'query ($v: String = "d\\u0001") { a(filter: { ids: ["x", "y\\u0000"] }) @include(if: true) { ...F } } fragment F on T { b(name: "\\u009f") } fragment Unused on T { c(name: "\\u0000") }',
    );
    expect(controlCharactersIn(operation, fragments, {}).map((at) => at.path)).toEqual([['v'], ['filter', 'ids', '1'], ['name']]);
  });
});

describe('page sizes have a known maximum', () => {
  const schema = buildSchema(`
    type Query { ok(first: Int): ThingConnection! feed(first: Int): [Thing!]! plain: [Thing!]! }
    type ThingConnection { nodes: [Thing!]! pageInfo: PageInfo! }
    type PageInfo { hasNextPage: Boolean! }
    type Thing { id: ID! }
  `);

  it('lists every field that takes first/last but neither is a connection nor declares maxPageSize', () => {
    expect(fieldsWithoutPageSizeBound(schema)).toEqual(['Query.feed']);
    schema.getQueryType()!.getFields().feed.extensions = { maxPageSize: 500 };
    expect(fieldsWithoutPageSizeBound(schema)).toEqual([]);
    schema.getQueryType()!.getFields().feed.extensions = {};
  });

  it('refuses to build the limits (and so the server to start) with such a field', () => {
    const limits = { maxDepth: 12, maxAliases: 30, maxDirectives: 50, maxCost: 100_000 };
    expect(() => new QueryLimitsValidator(schema, limits)).toThrow(/Query\.feed/);
  });
});
