// Runs the named suites (unit, docker, e2e with mocha here; vscode through its own runner in
// code-server's extension host) and ends with one plain line
// "tests: N passed, N failed" that CI reads. Run through `node --import tsx` so the
// TypeScript tests load directly. Each suite runs in a process of its own: the suites stand in
// for the 'vscode' module differently (unit: inert, docker: a working stand-in), and modules
// cached by one suite must not carry its stand-in into the next.
import Mocha from 'mocha';
import { fork, spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const suites = process.argv.slice(2);
const known = { unit: 10_000, docker: 180_000, e2e: 300_000, vscode: 0 };
if (suites.length === 0 || suites.some((suite) => !(suite in known))) {
  console.error(`usage: run-tests.mjs ${Object.keys(known).join('|')} [...]`);
  process.exit(2);
}

function testFiles(dir) {
  let files = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) files = files.concat(testFiles(path));
    else if (entry.endsWith('.test.ts')) files.push(path);
  }
  return files;
}

/** The extension-host suite has its own runner (code-server, see test/vscode/runner.ts): its closing line gives the counts. */
function runVscodeSuite() {
  return new Promise((done) => {
    const build = spawnSync(process.execPath, ['scripts/build-vscode-tests.mjs'], { stdio: 'inherit' });
    if (build.status !== 0) return done({ passed: 0, failed: 1 });
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/vscode/runner.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('exit', (code) => {
      const counts = /^vscode: (\d+) passed, (\d+) failed$/m.exec(output);
      const passed = counts ? Number(counts[1]) : 0;
      const failed = counts ? Number(counts[2]) : 1;
      done({ passed, failed: code !== 0 && failed === 0 ? 1 : failed });
    });
  });
}

/** Runs one suite in this process; returns its pass and failure counts. */
async function runSuite(suite) {
  if (suite === 'vscode') return runVscodeSuite();
  const mocha = new Mocha({ timeout: known[suite], reporter: 'spec', grep: process.env.TEST_GREP });
  const setup = resolve('test', suite, 'setup.ts');
  try {
    statSync(setup);
    mocha.addFile(setup);
  } catch {
    // a suite without shared setup
  }
  for (const file of testFiles(resolve('test', suite))) if (!file.endsWith('setup.ts')) mocha.addFile(file);
  console.log(`\n=== ${suite} tests ===`);
  await mocha.loadFilesAsync();
  const runner = await new Promise((done) => {
    const r = mocha.run(() => done(r));
  });
  let failed = runner.stats.failures;
  if (runner.stats.tests === 0 && runner.stats.failures === 0) {
    console.error(`the ${suite} suite ran no test`);
    failed += 1;
  }
  return { passed: runner.stats.passes, failed };
}

/** Runs one suite in a child process (same Node flags), which reports its counts back. */
function runSuiteInChild(suite) {
  return new Promise((done) => {
    const child = fork(fileURLToPath(import.meta.url), [suite], { env: { ...process.env, FLOTILLA_TEST_CHILD: '1' }, stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
    let counts;
    child.on('message', (message) => (counts = message));
    child.on('exit', (code, signal) => {
      if (counts) return done(counts);
      console.error(`the ${suite} suite's process ended with ${signal ?? code} before reporting`);
      done({ passed: 0, failed: 1 });
    });
  });
}

if (process.env.FLOTILLA_TEST_CHILD) {
  const counts = await runSuite(suites[0]);
  process.send(counts, () => process.exit(0));
} else {
  let passed = 0;
  let failed = 0;
  for (const suite of suites) {
    const counts = suites.length === 1 ? await runSuite(suite) : await runSuiteInChild(suite);
    passed += counts.passed;
    failed += counts.failed;
  }
  console.log(`\ntests: ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}
