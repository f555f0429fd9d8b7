// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** Shared rooms: they serve every domain and never reach into one (ARCHITECTURE.md). */
const INFRASTRUCTURE = [
  'access',
  'audit',
  'auth',
  'common',
  'config',
  'db',
  'events',
  'graphql',
  'jobs',
  'limits',
  'loaders',
  'observability',
  'rules',
  'sync',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'bench/results/**', 'test/support/summary-reporter.js', 'jest.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  importX.flatConfigs.typescript,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      // A circle makes module load order decide what is undefined at start-up.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // type-graphql and TypeORM describe types with decorated classes that may have no methods, and
      // such classes are shapes: a literal of the same shape is the same GraphQL object.
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      // Apollo's and graphql-ws's hooks are typed as returning promises; `async` says so even without an await.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // TypeORM types entities as loaded rows, but a row being built has undefined columns: the
      // "unnecessary" checks for them are the necessary ones.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // Numbers and booleans read fine in messages; objects and undefined still do not.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Type-only imports are erased at compile time; decorator metadata needs the value imports.
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    files: INFRASTRUCTURE.map((room) => `src/${room}/**/*.ts`),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!(' + INFRASTRUCTURE.join('|') + ')/)[a-z-]+/',
              message: 'Shared infrastructure never imports a domain: let the domain register with it through src/modules.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      // Tests and tools read untyped JSON responses; asserting on them is the point.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);
