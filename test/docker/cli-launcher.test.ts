// The `flotilla` launcher: the CLI bundles load through V8's code cache kept in the temporary
// folder; a broken cache is replaced, never fatal, and FLOTILLA_NO_CODE_CACHE turns it off.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildCli, flotilla, workspace } from './cli-harness';
import { TEST_IMAGE, uniqueProject } from './helpers';

describe('flotilla launcher code cache (built CLI)', () => {
  before(() => buildCli());
  let temp: string;
  let ws: ReturnType<typeof workspace>;
  const cacheDir = () => path.join(temp, `flotilla-code-cache-${process.getuid?.() ?? 'user'}`);
  const cached = (bundle: string) => (existsSync(cacheDir()) ? readdirSync(cacheDir()).filter((f) => f.startsWith(`${bundle}-`) && f.endsWith('.bin')) : []);

  beforeEach(() => {
    temp = mkdtempSync(path.join(tmpdir(), 'flotilla-cc-'));
    ws = workspace(`version: 1\nproject: ${uniqueProject('launcher')}\nservices:\n  web:\n    containers:\n      app: { image: ${TEST_IMAGE} }\n`);
  });
  afterEach(() => {
    ws.dispose();
    rmSync(temp, { recursive: true, force: true });
  });

  it('writes the cache on the first run, uses it on the next, and replaces a corrupt one', () => {
    const first = flotilla(ws.dir, ['validate'], { TMPDIR: temp });
    assert.equal(first.code, 0, first.stderr);
    const [file] = cached('cli-main.js');
    assert.ok(file, `no cache of cli-main.js in ${cacheDir()}`);
    const written = statSync(path.join(cacheDir(), file)).mtimeMs;

    const second = flotilla(ws.dir, ['validate'], { TMPDIR: temp });
    assert.deepEqual([second.code, second.stdout, second.stderr], [0, first.stdout, first.stderr]);
    assert.equal(statSync(path.join(cacheDir(), file)).mtimeMs, written, 'an accepted cache is not rewritten');

    writeFileSync(path.join(cacheDir(), file), 'not a code cache');
    const third = flotilla(ws.dir, ['validate'], { TMPDIR: temp });
    assert.deepEqual([third.code, third.stdout, third.stderr], [0, first.stdout, first.stderr]);
    assert.notEqual(readFileSync(path.join(cacheDir(), file), 'utf8'), 'not a code cache');

    // The engine bundle is cached once a command uses the engine.
    const status = flotilla(ws.dir, ['status'], { TMPDIR: temp });
    assert.equal(status.code, 0, status.stderr);
    assert.equal(cached('engine.js').length, 1);
  });

  it('leaves no cache when FLOTILLA_NO_CODE_CACHE is set', () => {
    const result = flotilla(ws.dir, ['validate'], { TMPDIR: temp, FLOTILLA_NO_CODE_CACHE: '1' });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(existsSync(cacheDir()), false);
  });
});
