import assert from 'node:assert/strict';
import { isFlotillaError } from '../../../../src/core/model/errors';
import {
  currentRevision,
  emptyRevisions,
  findRevision,
  historyOf,
  inProgressRevision,
  parseRevisionsFile,
  previousRevision,
  recordRevision,
  setResult,
  type RevisionsFile,
} from '../../../../src/core/rollout/revisions';
import type { DesiredService } from '../../../../src/core/model/state';
import { desiredFrom, SHOP } from '../../manifests';

function webWith(image: string, history = 10): DesiredService {
  const web = desiredFrom(SHOP.replace('shop/web:1', image)).services.find((s) => s.name === 'web') as DesiredService;
  return { ...web, deploy: { ...web.deploy, history } };
}

function deploy(file: RevisionsFile, spec: DesiredService, now: number, result: 'deployed' | `failed: ${string}` = 'deployed'): RevisionsFile {
  const recorded = recordRevision(file, spec, now);
  return setResult(recorded.file, spec.name, recorded.revision.number, result, now + 1);
}

describe('revisions (pure)', () => {
  it('records the expanded spec, its hash and images under numbers 1, 2, 3', () => {
    let file = emptyRevisions('shop');
    const first = recordRevision(file, webWith('shop/web:1'), 1000);
    assert.equal(first.revision.number, 1);
    assert.equal(first.revision.result, 'in progress');
    assert.deepEqual(first.revision.images, ['shop/web:1', 'shop/logdrain:1']);
    assert.equal(first.revision.specHash, webWith('shop/web:1').specHash);
    file = setResult(first.file, 'web', 1, 'deployed', 2000);
    assert.equal(findRevision(file, 'web', 1)?.finishedAt, 2000);
    file = deploy(file, webWith('shop/web:2'), 3000);
    file = deploy(file, webWith('shop/web:3'), 4000, 'failed: pods crash-looped');
    assert.deepEqual(
      historyOf(file, 'web').revisions.map((r) => [r.number, r.result]),
      [
        [1, 'deployed'],
        [2, 'deployed'],
        [3, 'failed: pods crash-looped'],
      ],
    );
    assert.equal(currentRevision(file, 'web')?.number, 2);
    assert.equal(previousRevision(file, 'web')?.number, 1);
    assert.equal(historyOf(file, 'api').revisions.length, 0, 'services have separate histories');
  });

  it('keeps at most deploy.history records, and numbers keep growing past dropped ones', () => {
    let file = emptyRevisions('shop');
    for (let i = 1; i <= 5; i++) file = deploy(file, webWith(`shop/web:${i}`, 3), i * 1000);
    assert.deepEqual(
      historyOf(file, 'web').revisions.map((r) => r.number),
      [3, 4, 5],
    );
    assert.equal(historyOf(file, 'web').nextNumber, 6);
  });

  it('never drops a revision still in progress when trimming', () => {
    let file = recordRevision(emptyRevisions('shop'), webWith('shop/web:1', 2), 0).file;
    for (let i = 2; i <= 4; i++) file = deploy(file, webWith(`shop/web:${i}`, 2), i);
    assert.deepEqual(
      historyOf(file, 'web').revisions.map((r) => [r.number, r.result]),
      [
        [1, 'in progress'],
        [4, 'deployed'],
      ],
    );
    assert.equal(inProgressRevision(file, 'web')?.number, 1);
  });

  it('numbers are monotonic even when every pod is gone, and can be lifted past labels seen on the engine', () => {
    let file = deploy(emptyRevisions('shop'), webWith('shop/web:1'), 0);
    // `down` removes containers, not this history: the next deploy is 2, not 1 again.
    assert.equal(recordRevision(file, webWith('shop/web:1'), 1).revision.number, 2);
    file = recordRevision(file, webWith('shop/web:2'), 2, { atLeast: 7 }).file;
    assert.equal(inProgressRevision(file, 'web')?.number, 7);
    assert.equal(historyOf(file, 'web').nextNumber, 8);
  });

  it('a rollback is a new revision that names the one it redeploys', () => {
    let file = deploy(emptyRevisions('shop'), webWith('shop/web:1'), 0);
    file = deploy(file, webWith('shop/web:2'), 1);
    const old = findRevision(file, 'web', 1)!;
    const { revision } = recordRevision(file, old.spec, 2, { rollbackOf: 1 });
    assert.equal(revision.number, 3);
    assert.equal(revision.rollbackOf, 1);
    assert.equal(revision.specHash, old.specHash);
  });

  it('round-trips through JSON and rejects a file of another shape with its location', () => {
    const file = deploy(emptyRevisions('shop'), webWith('shop/web:1'), 0);
    assert.deepEqual(parseRevisionsFile(JSON.parse(JSON.stringify(file)), 'shop', '/state/shop.revisions.json'), JSON.parse(JSON.stringify(file)));
    const bad = (value: unknown, message: RegExp) =>
      assert.throws(
        () => parseRevisionsFile(value, 'shop', '/state/shop.revisions.json'),
        (e) => isFlotillaError(e) && /^\/state\/shop\.revisions\.json: /.test(e.message) && message.test(e.message),
      );
    bad([], /JSON object/);
    bad({ version: 2, project: 'shop', services: {} }, /unknown version 2/);
    bad({ version: 1, project: 'other', services: {} }, /belongs to project "other"/);
    bad({ version: 1, project: 'shop', services: { web: { nextNumber: 1, revisions: [{ number: 1 }] } } }, /services\.web\.revisions\[0\]/);
  });
});
