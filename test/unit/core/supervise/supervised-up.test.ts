// Up on a supervised project: what it asks the supervisor for (changed spec -> rollout by the
// strategy, replica-only -> scale, dropped -> remove, the rest untouched) and how its progress
// and outcome are read from the revision file and the listing.
import assert from 'node:assert/strict';
import { emptyRevisions, patchRevision, recordRevision, setResult, type RevisionsFile } from '../../../../src/core/rollout/revisions';
import type { DesiredService, DesiredState, ObservedState } from '../../../../src/core/model/state';
import { changesForUp, describeChanges, followLimitMs, followUp, revisionBaseline } from '../../../../src/core/supervise/supervised-up';
import { desiredFrom } from '../../manifests';
import { observed, observedContainer } from '../../observed';

function manifest(webImage: string, webReplicas = 2, withWorker = true): DesiredState {
  return desiredFrom(`version: 1
project: shop
services:
  web:
    replicas: ${webReplicas}
    containers: { app: { image: ${webImage} } }
    deploy: { strategy: blue-green, healthyDeadline: 30s, drainTimeout: 5s }
${withWorker ? '  worker:\n    containers: { app: { image: shop/worker:1 } }\n' : ''}`);
}

const spec = (desired: DesiredState, name: string) => desired.services.find((s) => s.name === name) as DesiredService;

/** What runs: each service's pods at the given spec. */
function running(pods: [pod: string, spec: DesiredService][], state: 'running' | 'exited' = 'running'): ObservedState {
  return observed(
    'shop',
    pods.map(([pod, s]) => observedContainer(pod, 'app', { specHash: s.specHash, image: s.containers[0]?.image, state })),
  );
}

function recorded(file: RevisionsFile, s: DesiredService, result: 'in progress' | 'deployed' | `rolled back: ${string}`): RevisionsFile {
  const { file: next, revision } = recordRevision(file, s, 0);
  return result === 'in progress' ? next : setResult(next, s.name, revision.number, result, 0);
}

describe('Up on a supervised project', () => {
  const v1 = manifest('shop/web:1');
  const v2 = manifest('shop/web:2');
  const atV1 = running([
    ['web-1', spec(v1, 'web')],
    ['web-2', spec(v1, 'web')],
    ['worker-1', spec(v1, 'worker')],
  ]);

  it('asks for a rollout of a changed spec by its strategy and leaves unchanged services alone', () => {
    const changes = changesForUp(v2, atV1);
    assert.deepEqual(changes, [
      { service: 'web', kind: 'rollout', strategy: 'blue-green', images: ['shop/web:2'] },
      { service: 'worker', kind: 'unchanged' },
    ]);
    assert.equal(describeChanges(changes), 'web: blue-green to shop/web:2');
  });

  it('only scales a replica-only change, removes a dropped service, and says when nothing changed', () => {
    assert.deepEqual(changesForUp(manifest('shop/web:1', 3), atV1)[0], { service: 'web', kind: 'scale', from: 2, to: 3 });
    assert.deepEqual(changesForUp(manifest('shop/web:1', 2, false), atV1).at(-1), { service: 'worker', kind: 'remove', pods: 1 });
    assert.equal(describeChanges(changesForUp(v1, atV1)), 'nothing changed');
  });

  it('follows a rollout from waiting to its recorded revision, then "deployed revision N"', () => {
    const changes = changesForUp(v2, atV1);
    // Revision 1 (v1) was deployed before Up; the supervisor records the rollout as revision 2.
    const before = recorded(emptyRevisions('shop'), spec(v1, 'web'), 'deployed');
    const baseline = revisionBaseline(before, changes);
    assert.deepEqual(followUp(v2, changes, baseline, before, atV1).pending, ['web: waiting for the supervisor to start the rollout (blue-green)']);
    const started = recorded(before, spec(v2, 'web'), 'in progress');
    const mixed = running([
      ['web-1', spec(v1, 'web')],
      ['web-2', spec(v1, 'web')],
      ['web-3', spec(v2, 'web')],
      ['worker-1', spec(v1, 'worker')],
    ]);
    assert.deepEqual(followUp(v2, changes, baseline, started, mixed), { done: false, pending: ['web: rolling out revision 2 (blue-green)'], outcomes: [] });
    const deployed = setResult(started, 'web', 2, 'deployed', 0);
    const atV2 = running([
      ['web-3', spec(v2, 'web')],
      ['web-4', spec(v2, 'web')],
      ['worker-1', spec(v1, 'worker')],
    ]);
    assert.deepEqual(followUp(v2, changes, baseline, deployed, atV2), { done: true, pending: [], outcomes: [{ service: 'web', ok: true, text: 'web: deployed revision 2' }] });
  });

  it('tells a rollback with its reason, and an earlier rolled-back spec as not retried', () => {
    const changes = changesForUp(v2, atV1);
    const before = recorded(emptyRevisions('shop'), spec(v1, 'web'), 'deployed');
    const baseline = revisionBaseline(before, changes);
    const rolling = patchRevision(recorded(before, spec(v2, 'web'), 'in progress'), 'web', 2, { rollingBack: { reason: 'web-3 not healthy within 30s' } });
    assert.deepEqual(followUp(v2, changes, baseline, rolling, atV1).pending, ['web: rolling out revision 2 (blue-green), rolling back: web-3 not healthy within 30s']);
    const back = setResult(rolling, 'web', 2, 'rolled back: web-3 not healthy within 30s', 0);
    assert.deepEqual(followUp(v2, changes, baseline, back, atV1).outcomes, [{ service: 'web', ok: false, text: 'web: rolled back: web-3 not healthy within 30s' }]);
    // The same spec again: the supervisor does not retry it until the manifest changes.
    const again = followUp(v2, changes, revisionBaseline(back, changes), back, atV1);
    assert.equal(again.done, true);
    assert.match(
      again.outcomes[0]?.text ?? '',
      /^web: not rolled out again: revision 2 of this spec ended "rolled back: web-3 not healthy within 30s"; change the manifest to try again$/,
    );
  });

  it('finishes a scale when exactly the new count runs, and a removal when no pod is left', () => {
    const scaleUp = manifest('shop/web:1', 3);
    const changes = changesForUp(scaleUp, atV1);
    const file = emptyRevisions('shop');
    const baseline = revisionBaseline(file, changes);
    assert.deepEqual(followUp(scaleUp, changes, baseline, file, atV1).pending, ['web: scaling 2 → 3 (2/3 running)']);
    const three = running([
      ['web-1', spec(v1, 'web')],
      ['web-2', spec(v1, 'web')],
      ['web-3', spec(v1, 'web')],
      ['worker-1', spec(v1, 'worker')],
    ]);
    assert.deepEqual(followUp(scaleUp, changes, baseline, file, three).outcomes, [{ service: 'web', ok: true, text: 'web: scaled to 3' }]);

    const noWorker = manifest('shop/web:1', 2, false);
    const removal = changesForUp(noWorker, atV1);
    assert.deepEqual(followUp(noWorker, removal, baseline, file, atV1).pending, ['worker: removing (1 pod left)']);
    const gone = running([
      ['web-1', spec(v1, 'web')],
      ['web-2', spec(v1, 'web')],
    ]);
    assert.deepEqual(followUp(noWorker, removal, baseline, file, gone), { done: true, pending: [], outcomes: [{ service: 'worker', ok: true, text: 'worker: removed' }] });
  });

  it('follows a rollout at most two deadlines and two drains past a minute', () => {
    assert.equal(followLimitMs(v2, changesForUp(v2, atV1)), 60_000 + 2 * (30_000 + 5_000));
    assert.equal(followLimitMs(v1, changesForUp(v1, atV1)), 60_000);
  });
});
