// ESLint: typescript-eslint's recommended type-checked rules (https://typescript-eslint.io/users/configs).
// Formatting is Prettier's job (`npm run format`), so no stylistic rule is enabled here.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'dist-bench/**', 'coverage/**', '.data/**', 'node_modules/**', 'clients/typescript/src/schema.d.ts', '**/*.js', '**/*.cjs', '**/*.mjs'],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A leading underscore marks a value that is deliberately left unused (a destructured-away field, an
      // argument a signature requires).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests read supertest's `response.body`, which is `any` by design: the contract check (test/setup) validates every
    // body against the OpenAPI document instead, so the no-unsafe-* rules would only add casts.
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Tests parse CSV and JSON fixtures into declared shapes (`parse(text) as Row[]`): the assertion is the
      // documentation of what the fixture holds. Callbacks handed to test APIs are async whether or not they await,
      // and cells of parsed rows are stringified on purpose.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
);
