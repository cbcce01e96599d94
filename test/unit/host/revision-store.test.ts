// The revision file store on the real file system: atomic replacement (readers never see a
// partial file while another process writes), no lost updates between two writing processes.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { isFlotillaError } from '../../../src/core/model/errors';
import { historyOf, recordRevision } from '../../../src/core/rollout/revisions';
import type { DesiredService } from '../../../src/core/model/state';
import { FileRevisionStore } from '../../../src/host/revision-store';
import { desiredFrom, SHOP } from '../manifests';

const web = desiredFrom(SHOP).services.find((s) => s.name === 'web') as DesiredService;
const bigWeb: DesiredService = { ...web, deploy: { ...web.deploy, history: 1000 } };

function writer(dir: string, service: string, count: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'revision-writer.ts'), dir, 'shop', service, String(count)], {
      env: { ...process.env, FLOTILLA_TEST_SPEC: JSON.stringify(bigWeb) },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

describe('FileRevisionStore (real files)', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'flotilla-revisions-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('starts empty, persists updates, and leaves no temporary or lock file behind', async () => {
    const store = new FileRevisionStore('shop', dir);
    assert.deepEqual((await store.read()).services, {});
    await store.update((file) => recordRevision(file, web, 1).file);
    const again = await new FileRevisionStore('shop', dir).read();
    assert.equal(historyOf(again, 'web').revisions[0]?.number, 1);
    assert.deepEqual(readdirSync(dir), ['shop.revisions.json']);
  });

  it('readers only ever see whole files while two processes write; no update is lost', async () => {
    const store = new FileRevisionStore('shop', dir);
    let reads = 0;
    let writing = true;
    const reader = (async () => {
      while (writing) {
        const file = await store.read(); // throws on a torn file
        assert.equal(file.project, 'shop');
        reads++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const codes = await Promise.all([writer(dir, 'web', 25), writer(dir, 'web', 25)]);
    writing = false;
    await reader;
    assert.deepEqual(codes, [0, 0]);
    const numbers = historyOf(await store.read(), 'web').revisions.map((r) => r.number);
    assert.deepEqual(
      numbers,
      Array.from({ length: 50 }, (_, i) => i + 1),
      'both writers recorded every revision, none twice',
    );
    assert.ok(reads > 10, `the reader ran alongside the writers (${reads} reads)`);
    assert.deepEqual(readdirSync(dir), ['shop.revisions.json']);
  });

  it('reports a corrupt file with its path and leaves it alone', async () => {
    const store = new FileRevisionStore('shop', dir);
    writeFileSync(store.file, '{"version":1,');
    await assert.rejects(store.read(), (e) => isFlotillaError(e) && e.message.startsWith(`${store.file}: not valid JSON`));
    await assert.rejects(store.update((f) => f));
    assert.equal(readFileSync(store.file, 'utf8'), '{"version":1,');
  });

  it('takes over a lock left by a process that died mid-update', async () => {
    const store = new FileRevisionStore('shop', dir);
    writeFileSync(`${store.file}.lock`, '');
    const old = new Date(Date.now() - 60_000);
    const { utimesSync } = await import('node:fs');
    utimesSync(`${store.file}.lock`, old, old);
    await store.update((file) => recordRevision(file, web, 1).file);
    assert.equal(historyOf(await store.read(), 'web').revisions.length, 1);
  });
});
