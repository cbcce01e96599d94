// Which services `up` leaves to their rollout: read from a real revision file.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { recordRevision, setResult } from '../../../src/core/rollout/revisions';
import type { DesiredService } from '../../../src/core/model/state';
import { FileRevisionStore } from '../../../src/host/revision-store';
import { rolloutsInProgress } from '../../../src/host/rollouts-in-progress';
import { desiredFrom, SHOP } from '../manifests';

const services = desiredFrom(SHOP).services;
const spec = (name: string) => services.find((s) => s.name === name) as DesiredService;

describe('rolloutsInProgress (real files)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'flotilla-rollouts-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the services whose latest rollout is in progress, not those deployed; none without a file', async () => {
    const store = new FileRevisionStore('shop', dir);
    assert.deepEqual(await rolloutsInProgress('shop', ['web', 'api'], store), new Map());
    await store.update((file) => {
      const web = recordRevision(file, spec('web'), 1000, { owner: '4242' });
      const api = recordRevision(web.file, spec('api'), 1000);
      return setResult(api.file, 'api', api.revision.number, 'deployed', 2000);
    });
    const open = await rolloutsInProgress('shop', ['web', 'api'], store);
    assert.deepEqual(
      [...open].map(([service, record]) => [service, record.number, record.result, record.owner]),
      [['web', 1, 'in progress', '4242']],
    );
  });

  it('throws on a broken file, for the caller to report', async () => {
    writeFileSync(path.join(dir, 'shop.revisions.json'), '{ not json');
    await assert.rejects(rolloutsInProgress('shop', ['web'], new FileRevisionStore('shop', dir)), /not valid JSON/);
  });
});
