import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'screenshots', 'src/api/bindings'] },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      globals: globals.browser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // The facade is the only door to the backend.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@tauri-apps/api/core', message: 'Call the backend through src/api (the typed facade).' },
            { name: '@tauri-apps/api/event', message: 'Listen to the backend through src/api (the typed facade).' },
            { name: '@tauri-apps/plugin-dialog', message: 'Open dialogs through src/api (the typed facade).' },
          ],
        },
      ],
    },
  },
  {
    // Tests reject the way Tauri does: with plain values, not Error objects.
    files: ['src/**/*.test.{ts,tsx}'],
    rules: { '@typescript-eslint/only-throw-error': 'off' },
  },
  {
    files: ['src/api/index.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Node scripts; the screenshot script also passes functions to run in the page.
    files: ['**/*.{js,mjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
