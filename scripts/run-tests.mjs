// Runs the named suites (unit, docker, e2e) with mocha and ends with one plain line
// "tests: N passed, N failed" that CI reads. Run through `node --import tsx` so the
// TypeScript tests load directly.
import Mocha from 'mocha';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const suites = process.argv.slice(2);
const known = { unit: 10_000, docker: 180_000, e2e: 300_000 };
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

let passed = 0;
let failed = 0;
for (const suite of suites) {
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
  passed += runner.stats.passes;
  failed += runner.stats.failures;
  if (runner.stats.tests === 0 && runner.stats.failures === 0) {
    console.error(`the ${suite} suite ran no test`);
    failed += 1;
  }
}
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
