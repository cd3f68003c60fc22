// Lint rules that keep the architecture honest (docs/adr/0001): no import cycles, lib/ is pure,
// db/ depends on nothing of the app, routes never touch the database, modules talk through index.ts.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const throughIndexOnly = (prefix) => ({
  regex: `^${prefix.replaceAll('.', '\\.')}(?!\\.\\.)[^/]+/(?!index\\.ts$)`,
  message: 'Use another module only through its index.ts.',
});

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', '.cache/', 'bench/node_modules/', 'bench/duckdb/node_modules/', 'bench/.data/', 'docs/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', crypto: 'readonly', performance: 'readonly', TextDecoder: 'readonly', Blob: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
    plugins: { 'import-x': importX },
    settings: { 'import-x/extensions': ['.ts', '.js'], 'import-x/resolver': { node: { extensions: ['.ts', '.js'] } } },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './src/lib', from: './src', except: ['./lib'], message: 'lib/ is pure: it imports nothing of the app.' },
            { target: './src/db', from: './src', except: ['./db'], message: 'db/ imports only drivers and its own files.' },
            { target: './src/modules/*/*-routes.ts', from: './src/db', message: 'Routes never import db/: go through a service.' },
            { target: './src', from: './test', message: 'Application code never imports tests.' },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/modules/*/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [throughIndexOnly('../')] }] },
  },
  {
    files: ['src/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [throughIndexOnly('./modules/')] }] },
  },
  {
    files: ['src/cli/*.ts', 'src/web/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [throughIndexOnly('../modules/')] }] },
  },
);
