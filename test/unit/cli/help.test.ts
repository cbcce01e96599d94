// Per-command help: `flotilla COMMAND --help` prints that command's usage and succeeds, without
// reading a manifest or reaching an engine; `flotilla --help` lists every command.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import type { Output } from '../../../src/cli/output';

function capture(): Output & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, color: false, out: (line = '') => lines.push(line), err: (line) => errors.push(line) };
}

describe('flotilla COMMAND --help', () => {
  const cwd = process.cwd();
  let empty: string;
  // A folder with no manifest: help must not need one.
  beforeEach(() => process.chdir((empty = mkdtempSync(path.join(tmpdir(), 'flotilla-help-')))));
  afterEach(() => {
    process.chdir(cwd);
    rmSync(empty, { recursive: true, force: true });
  });

  it("prints each command's own usage and exits 0", async () => {
    const all = capture();
    assert.equal(await main(['--help'], all), 0);
    const names = all.lines.filter((l) => /^ {2}[a-z]/.test(l)).map((l) => l.trim().split(/\s/)[0]!);
    assert.ok(names.length >= 9, all.lines.join('\n'));
    for (const name of names) {
      for (const flag of ['--help', '-h']) {
        const output = capture();
        assert.equal(await main([name, flag], output), 0, `${name} ${flag}: ${output.errors.join('\n')}`);
        assert.equal(output.lines.length, 1);
        assert.match(output.lines[0]!, new RegExp(`^usage: flotilla ${name}\\b`));
        assert.deepEqual(output.errors, []);
      }
    }
  });

  it('still refuses an unknown option with exit 2', async () => {
    const output = capture();
    assert.equal(await main(['up', '--nope'], output), 2);
    assert.match(output.errors.join('\n'), /^flotilla up: Unknown option '--nope'/);
  });
});
