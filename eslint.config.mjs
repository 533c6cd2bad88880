// @ts-check
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { defineConfig } from 'eslint/config';

// The rooms of docs/architecture.md, bottom to top, and the rooms each may import.
const rooms = {
  config: ['server/config.ts'],
  platform: ['server/platform'],
  consultation: ['server/consultation'],
  mail: ['server/mail'],
  submissions: ['server/submissions'],
  web: ['server/web'],
  features: ['server/features'],
  // The types of what routes are given (Services) and what the top holds (Portal): types only.
  services: ['server/services.ts'],
  composition: ['server/composition.ts'],
  top: ['server/main.ts', 'server/app.ts', 'server/adminRouter.ts', 'server/operatorProblem.ts', 'server/cli'],
};
// config.ts has a rule of its own below.
const below = {
  platform: ['config', 'platform'],
  consultation: ['config', 'platform', 'consultation'],
  mail: ['config', 'platform', 'mail'],
  submissions: ['config', 'platform', 'consultation', 'mail', 'submissions'],
  // services.ts is reached from here only for `import type { Services }` (rule below).
  web: ['config', 'platform', 'consultation', 'mail', 'submissions', 'web', 'services'],
  features: ['config', 'platform', 'consultation', 'mail', 'submissions', 'web', 'features', 'services'],
};
const roomZones = Object.entries(below).map(([room, allowed]) => ({
  target: rooms[room],
  from: Object.keys(rooms)
    .filter((other) => !allowed.includes(other))
    .flatMap((other) => rooms[other]),
  message: `${room} may import only ${allowed.filter((other) => other !== room).join(', ')} (docs/architecture.md).`,
}));
const featureNames = readdirSync(new URL('server/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map(({ name }) => name);
const featureZones = featureNames.map((name) => ({
  target: `server/features/${name}`,
  from: 'server/features',
  except: [name, ...featureNames.map((other) => `${other}/index.ts`)],
  message: 'A feature uses another feature only through its index.ts (docs/architecture.md).',
}));

const restricted = (names, message) => names.map((name) => ({ name, message }));

export default defineConfig(
  // public/js/portal.js is the bundle npm run build makes of client/, which is linted instead.
  { ignores: ['dist/', 'coverage/', 'data/', 'node_modules/', 'public/js/portal.js'] },
  js.configs.recommended,

  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
    rules: {
      // As tsc's noUnusedLocals: a leading underscore marks a value left out on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // `declare global { namespace Express { interface Locals … } }` is how Express's types are extended.
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }],
      // `async` is how a function promises: a throw becomes a rejection (runCommand relies on it) even with no await.
      '@typescript-eslint/require-await': 'off',
      // Input checks strip control characters on purpose, so the regexes name them.
      'no-control-regex': 'off',
    },
  },

  {
    files: ['server/**/*.ts'],
    rules: {
      // Type-only cycles (a route's `import type { Services }`) vanish at run time, and the rule skips them.
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        { basePath: import.meta.dirname, zones: [...roomZones, ...featureZones] },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: restricted(
            ['better-sqlite3'],
            'Only repositories (*Repository.ts), platform/db/ and the session store use better-sqlite3.',
          ),
        },
      ],
    },
  },
  {
    files: ['**/*Repository.ts', 'server/platform/db/**', 'server/features/accounts/sessionStore.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['server/platform/**', 'server/consultation/**', 'server/mail/**', 'server/submissions/**'],
    ignores: ['server/platform/http/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: restricted(
            ['express', 'express-session', 'multer'],
            'Only platform/http/, web/, features/ and the top know HTTP (docs/architecture.md).',
          ),
        },
      ],
    },
  },
  {
    files: ['server/web/**', 'server/features/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)services$',
              allowTypeImports: true,
              message: 'Only `import type { Services }` from services.ts: it names what a route may call.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/config.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // platform/vocabulary.ts imports nothing, so config.ts may take the languages from it.
              regex: '^\\.(?!/platform/vocabulary$)',
              message: 'config.ts is the bottom room: it imports nothing of ours but platform/vocabulary.ts.',
            },
          ],
        },
      ],
    },
  },

  {
    files: ['tests/**/*.ts'],
    languageOptions: { globals: globals.jest },
    rules: {
      // Jest's asymmetric matchers (expect.any, expect.objectContaining) are typed `any`.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },

  {
    // The client script: JavaScript checked by tsc (client/tsconfig.json), so linted with the same type-aware rules.
    files: ['client/**/*.js'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      globals: globals.browser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
  },

  prettier,
);
