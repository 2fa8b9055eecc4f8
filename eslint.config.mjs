// Lint for bugs, not style (no formatter runs here): the type-aware rules of typescript-eslint, plus
// the ones CONVENTIONS asks for. Tests and benchmarks read HTTP bodies and query rows as `any` by
// nature, so the no-unsafe-* family is off there.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', '**/*.js', '**/*.mjs', '**/*.cjs', 'apps/web/src/lib/api/schema.d.ts', 'apps/web/vite.config.mts', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'import-x/no-cycle': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Style, not bugs: async methods that satisfy an async interface, `as T` on query results.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    // Business history has one write path, which knows every type's label.
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    ignores: ['libs/businesses/src/business-history.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name=/^(insert|save|create|upsert)$/][arguments.0.name='BusinessHistoryEntry']",
          message: 'Write business history through recordBusinessHistory (libs/businesses/src/business-history.ts).',
        },
      ],
    },
  },
  {
    // The launcher and the benchmarks load compiled code at run time.
    files: ['scripts/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
