// Runs inside the extension host: code-server loads this bundle as the window's
// extensionTestsPath and awaits run(). Mocha runs the bundled suite (suite.js) and each result is
// appended, one JSON line per test, to the file the outer runner (runner.ts) reads; the run ends
// with a line of counts. Nothing is printed: the extension host's console is not the terminal's.
// run() rejects when a test failed or none ran, which is the exit code any VS Code test runner reads.
import { appendFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface TestLine {
  kind: 'test';
  title: string;
  state: 'passed' | 'failed';
  durationMs: number;
  error?: string;
}
export interface EndLine {
  kind: 'end';
  passed: number;
  failed: number;
}

export async function run(): Promise<void> {
  // Without a results file (another runner, e.g. @vscode/test-electron) only run()'s outcome tells.
  const results = process.env.FLOTILLA_VSCODE_RESULTS;
  if (results) writeFileSync(results, '');
  const write = (line: TestLine | EndLine) => (results ? appendFileSync(results, `${JSON.stringify(line)}\n`) : undefined);
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, reporter: Mocha.reporters.Base, grep: process.env.TEST_GREP });
  // The suite registers with describe/it when it loads: make them global first, as mocha's CLI does.
  mocha.suite.emit('pre-require', globalThis, 'suite.js', mocha);
  // A path esbuild cannot follow, so the suite stays its own bundle, loaded only now.
  const suite = path.join(__dirname, 'suite.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the extension host loads CommonJS; an import() would bypass its 'vscode' module
  require(suite);
  let passed = 0;
  let failed = 0;
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', (test) => {
      passed += 1;
      write({ kind: 'test', title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 });
    });
    runner.on('fail', (test, error: Error) => {
      failed += 1;
      write({ kind: 'test', title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0, error: error.stack ?? String(error) });
    });
  });
  write({ kind: 'end', passed, failed });
  if (failed > 0 || passed === 0) throw new Error(failed > 0 ? `${failed} test(s) failed` : 'no test ran');
}
