// Flat config. The architectural rules enforced here: src/core stays pure, so that the
// reconciler, validation and state machines run (and are tested) without an editor, an engine
// or a file system; inside core, a folder imports only the folders below it in CORE_STACK; and
// only src/vscode imports vscode.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const impureModules = ['vscode', 'dockerode', 'fs', 'fs/promises', 'child_process', 'net', 'http'];
const impurePatterns = impureModules.flatMap((name) => [name, `node:${name}`]);

/**
 * src/core's folders, lowest first: each may import only the folders before it (and itself).
 * model: state, labels, errors; ports: the engine, the clock; manifest: parsing to a desired
 * state; reconcile: plan and apply; health: probes; serving: service-port routes; rollout:
 * deploys and revisions; supervise: the supervisor loop and its live view; wording: every
 * sentence a note or a step is told in; status: the editor's read model.
 */
const CORE_STACK = ['model', 'ports', 'manifest', 'reconcile', 'health', 'serving', 'rollout', 'supervise', 'wording', 'status'];

const vscodeOnly = { name: 'vscode', message: 'Only src/vscode may import vscode.' };

/** The one no-restricted-imports rule of a core folder (a later config would replace, not add to, an earlier one). */
function coreImportRule(folder) {
  const above = folder === undefined ? [] : CORE_STACK.slice(CORE_STACK.indexOf(folder) + 1);
  return [
    'error',
    {
      paths: impurePatterns.map((name) => ({ name, message: 'src/core is pure: pass engines, clocks and files in through ports.' })),
      patterns: [
        { group: ['**/engine/**', '**/vscode/**', '**/cli/**', '**/proxy/**', '**/host/**', '**/app/**'], message: 'src/core must not depend on outer layers.' },
        ...(above.length > 0
          ? [
              {
                group: above.map((name) => `**/${name}/**`),
                message: `src/core/${folder} may import only the core folders below it: ${CORE_STACK.slice(0, CORE_STACK.indexOf(folder)).join(', ') || 'none'} (see CORE_STACK in eslint.config.mjs).`,
              },
            ]
          : []),
      ],
    },
  ];
}

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
  { files: ['src/core/**/*.ts'], rules: { 'no-restricted-imports': coreImportRule(undefined) } },
  ...CORE_STACK.map((folder) => ({ files: [`src/core/${folder}/**/*.ts`], rules: { 'no-restricted-imports': coreImportRule(folder) } })),
  {
    files: ['src/engine/**/*.ts', 'src/host/**/*.ts', 'src/cli/**/*.ts', 'src/proxy/**/*.ts', 'src/interop/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [vscodeOnly] }] },
  },
  {
    files: ['src/app/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [vscodeOnly],
          patterns: [{ group: ['**/cli/**', '**/vscode/**'], message: 'src/app holds the use cases for both front ends: it must not depend on either.' }],
        },
      ],
    },
  },
);
