import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { HandoverFollower, handOverDesired } from '../../../src/host/desired-handover';
import { readLiveStatus, writeLiveStatus } from '../../../src/host/live-status';
import { stateDir, stateFile, watchStateDir, writeAtomically } from '../../../src/host/state-dir';
import type { DesiredState } from '../../../src/core/model/state';
import { desiredFrom, SHOP } from '../manifests';
import { useTempStateHome } from '../state-home';

const until = async (check: () => boolean, what: string, ms = 2000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('the state directory (host/state-dir)', () => {
  useTempStateHome('state-dir');

  it('writes a file whole, leaving no temporary file and nothing readable by others', () => {
    const file = stateFile('shop', '.test.json');
    writeAtomically(file, 'one');
    writeAtomically(file, 'two', { durable: true });
    assert.equal(readFileSync(file, 'utf8'), 'two');
    assert.deepEqual(readdirSync(stateDir()), ['shop.test.json']);
    assert.equal(statSync(file).mode & 0o077, 0);
  });

  it('reports a burst of changes to a project file once, after the delay, and nothing after close', async () => {
    const seen: string[] = [];
    const watch = watchStateDir('.live.json', (project) => seen.push(project), { delayMs: 50 });
    try {
      for (let i = 0; i < 5; i++) writeAtomically(stateFile('shop', '.live.json'), `{"n":${i}}`);
      writeAtomically(stateFile('shop', '.revisions.json'), '{}');
      await until(() => seen.length > 0, 'the change');
      await new Promise((resolve) => setTimeout(resolve, 150));
      assert.deepEqual(seen, ['shop']);
    } finally {
      watch.close();
    }
    writeAtomically(stateFile('shop', '.live.json'), '{}');
    await new Promise((resolve) => setTimeout(resolve, 150));
    assert.deepEqual(seen, ['shop']);
  });

  it('carries the live status and the hand-over through it', async () => {
    writeLiveStatus({ project: 'shop', pid: process.pid, updatedAt: 1, engine: 'connected', containers: {}, pods: {}, transitions: [] });
    assert.equal(readLiveStatus('shop')?.pid, process.pid);
    const handed: DesiredState[] = [];
    const controller = new AbortController();
    new HandoverFollower('shop').follow((desired) => handed.push(desired), controller.signal);
    const desired = desiredFrom(SHOP);
    handOverDesired(desired);
    await until(() => handed.length === 1, 'the hand-over');
    assert.equal(handed[0]?.project, desired.project);
    controller.abort();
  });
});
