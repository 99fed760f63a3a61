// Lint rules aimed at what breaks servers: floating promises, misused async, unchecked switches.
// Only packages/config may read process.env: everything else receives a typed Config.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'coverage/**', '.data/**'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: [] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/require-await': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through @scoreline/config.',
        },
      ],
    },
  },
  {
    // Tests are outside the workspaces' build programs; type them with tsconfig.tests.json.
    files: [
      '**/*.test.ts',
      'test-support/**/*.ts',
      '**/test-support/**/*.ts',
      '**/__fixtures__/**/*.ts',
    ],
    languageOptions: {
      parserOptions: {
        projectService: false,
        project: ['./tsconfig.tests.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Tests may pass the environment (PATH, HOME) on to the child processes they spawn.
      'no-restricted-properties': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The bot's features reach data through services (apps/tgbot/src/services, domain packages),
    // never the database: a handler stays testable with stubs. Plain value types (League, Chat)
    // may still be named. Tests seed their databases as they like.
    files: ['apps/tgbot/src/features/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@scoreline/db',
              message: 'Features use services (apps/tgbot/src/services), not the database.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // Imports in the bot run down its layers: bot.ts → features → context → services → leaves
    // (callbacks, format, i18n, input, telegram). Nothing below imports what is above it.
    files: ['apps/tgbot/src/context/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/features', '**/features/**', '**/bot', '**/role'],
              message: 'Imports in the bot run down its layers (see docs/architecture.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'apps/tgbot/src/{services,callbacks,format,i18n,input,middleware,telegram,delivery,run}/**/*.ts',
    ],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/features', '**/features/**', '**/context/**', '**/bot', '**/role'],
              message: 'Imports in the bot run down its layers (see docs/architecture.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/config/src/**/*.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        console: 'readonly',
        URL: 'readonly',
      },
    },
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration through @scoreline/config.',
        },
      ],
    },
  },
  { files: ['**/*.mjs'], languageOptions: { sourceType: 'module' } },
  prettier,
);
