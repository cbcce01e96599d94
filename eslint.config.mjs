// Flat config. The one architectural rule enforced here: src/core stays pure, so that the
// reconciler, validation and state machines run (and are tested) without an editor, an engine
// or a file system.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const impureModules = ['vscode', 'dockerode', 'fs', 'fs/promises', 'child_process', 'net', 'http'];
const impurePatterns = impureModules.flatMap((name) => [name, `node:${name}`]);

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.tools/**', 'test-output/**', 'src/**/*.generated.js'] },
  { languageOptions: { globals: { ...globals.node } } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: impurePatterns.map((name) => ({
            name,
            message: 'src/core is pure: pass engines, clocks and files in through ports.',
          })),
          patterns: [
            { group: ['**/engine/**', '**/vscode/**', '**/cli/**', '**/proxy/**'], message: 'src/core must not depend on outer layers.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/engine/**/*.ts', 'src/cli/**/*.ts', 'src/proxy/**/*.ts', 'src/interop/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Only src/vscode may import vscode.' }] }],
    },
  },
);
