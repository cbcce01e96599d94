// Bundles the extension-host suite (test/vscode) into out/vscode-tests/: index.js, the entry the
// extension host loads as extensionTestsPath (mocha bundled in), and suite.js, every
// test/vscode/*.test.ts, which index.js requires once mocha's describe/it are global. dockerode
// and yaml stay external: the host resolves them from the checkout's node_modules.
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';

const tests = readdirSync('test/vscode')
  .filter((name) => name.endsWith('.test.ts'))
  .sort();
if (tests.length === 0) throw new Error('test/vscode has no *.test.ts');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  logLevel: 'warning',
  // mocha's parallel mode (worker files it resolves at run time) is never used here.
  logOverride: { 'require-resolve-not-external': 'silent' },
  external: ['vscode', 'dockerode', 'yaml'],
};

await Promise.all([
  build({ ...common, entryPoints: ['test/vscode/index.ts'], outfile: 'out/vscode-tests/index.js' }),
  build({
    ...common,
    stdin: { contents: tests.map((name) => `import './${name}';`).join('\n'), resolveDir: 'test/vscode', sourcefile: 'suite.ts', loader: 'ts' },
    outfile: 'out/vscode-tests/suite.js',
  }),
]);
