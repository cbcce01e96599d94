// A rolling restart through the deploy driver (fakes): a revision of the same spec whose pods
// replace the earlier revision's by the strategy, draining each old pod, and the one rollback
// target rule (by spec hash) that the CLI, the editor's picker and a supervisor's hand-over share.
import assert from 'node:assert/strict';
import type { HealthSource } from '../../../src/core/rollout/health-source';
import { deployService, restartService, resumeRollouts, type DeployContext } from '../../../src/core/rollout/deploy';
import { isFlotillaError } from '../../../src/core/model/errors';
import {
  emptyRevisions,
  findRevision,
  previousRevision,
  recordRevision,
  rollbackCandidates,
  rollbackTarget,
  setResult,
  type RevisionsFile,
} from '../../../src/core/rollout/revisions';
import type { DesiredState } from '../../../src/core/model/state';
import { desiredWithRevision } from '../../../src/core/rollout/supervised-rollouts';
import { desiredFrom } from '../manifests';
import { DelayedHealth, MemoryStore, RecordingTraffic, SimClock, TimedEngine } from './rollout/deploy-fakes';

function manifest(image: string, strategy: 'blue-green' | 'rolling', replicas = 2): DesiredState {
  return desiredFrom(`version: 1
project: shop
services:
  web:
    replicas: ${replicas}
    containers: { app: { image: ${image} } }
    expose: { port: 8080, hostPort: 18080 }
    deploy: { strategy: ${strategy}, minHealthyTime: 1s, healthyDeadline: 30s, drainTimeout: 2s }
`);
}

function setup() {
  const clock = new SimClock();
  const engine = new TimedEngine(clock, ['shop/web:1', 'shop/web:2']);
  const traffic = new RecordingTraffic();
  const store = new MemoryStore('shop');
  const health = new DelayedHealth(2000);
  const ctx: DeployContext = { engine, health, traffic, store, clock, owner: 'p1', ownerAlive: () => false };
  return { clock, engine, traffic, store, health, ctx, options: { tickMs: 250 } };
}

describe('rolling restart (deploy driver, fakes)', () => {
  for (const strategy of ['rolling', 'blue-green'] as const) {
    it(`${strategy}: every pod is replaced by one of a new revision of the same spec, each old pod drained first`, async () => {
      const t = setup();
      const v1 = manifest('shop/web:1', strategy, 3);
      assert.equal((await deployService(v1, 'web', t.ctx, t.options)).result, 'deployed');
      const before = t.engine.podsOf('web');
      t.traffic.drains = [];
      const outcome = await restartService(v1, 'web', t.ctx, t.options);
      assert.deepEqual(outcome, { service: 'web', revision: 2, result: 'deployed' });
      const after = t.engine.podsOf('web');
      assert.equal(after.length, 3);
      assert.ok(
        after.every((p) => p.revision === 2 && p.image === 'shop/web:1'),
        'same spec, new revision',
      );
      assert.deepEqual(
        after.filter((p) => before.some((b) => b.id === p.id)),
        [],
        'no pod of before is left',
      );
      assert.deepEqual(t.traffic.drains.sort(), before.map((p) => p.name).sort(), 'each old pod drained before it went');
      for (const route of t.traffic.routes) assert.ok(route.length >= (strategy === 'rolling' ? 2 : 3), `the port always had pods to send to: ${route.join(',')}`);
      assert.equal(findRevision(t.store.file, 'web', 2)?.restart, true);
    });
  }

  it('a restart whose new pods never get healthy fails without rolling back: the old pods keep serving', async () => {
    const t = setup();
    const v1 = manifest('shop/web:1', 'rolling', 2);
    await deployService(v1, 'web', t.ctx, t.options);
    const before = t.engine.podsOf('web').map((p) => p.id);
    // The old pods stay healthy; the restart's pods (revision 2) never pass their probe.
    const health: HealthSource = {
      podHealth: (spec, pods, now) => {
        const reports = t.health.podHealth(spec, pods, now);
        for (const pod of pods) if (pod.revision === 2) reports.set(pod.name, { status: 'starting' });
        return reports;
      },
    };
    const outcome = await restartService(v1, 'web', { ...t.ctx, health }, t.options);
    assert.match(String(outcome.result), /^failed: /);
    const serving = t.engine.podsOf('web').filter((p) => before.includes(p.id));
    assert.equal(serving.length, 2, 'both old pods still run (rolling keeps them until a new one is available)');
    assert.ok(
      t.traffic.current.every((pod) => serving.some((p) => p.name === pod)),
      'and only they are routed',
    );
  });

  it('old pods this process has not probed yet (a fresh probe scheduler says starting) are drained, not removed as dead', async () => {
    const t = setup();
    const v1 = manifest('shop/web:1', 'rolling', 2);
    await deployService(v1, 'web', t.ctx, t.options);
    t.traffic.drains = [];
    const health: HealthSource = {
      podHealth: (spec, pods, now) => {
        const reports = t.health.podHealth(spec, pods, now);
        for (const pod of pods) if (pod.revision === 1) reports.set(pod.name, { status: 'starting' });
        return reports;
      },
    };
    const notes: string[] = [];
    const outcome = await restartService(v1, 'web', { ...t.ctx, health }, { ...t.options, onNote: (n) => n.kind === 'action' && notes.push(n.action.reason) });
    assert.equal(outcome.result, 'deployed');
    assert.equal(t.traffic.drains.length, 2, notes.join('\n'));
    assert.ok(!notes.some((reason) => /serves nothing/.test(reason)), notes.join('\n'));
  });

  it('an unowned restart record (a request to a supervisor) is run by whoever resumes rollouts', async () => {
    const t = setup();
    const v1 = manifest('shop/web:1', 'rolling', 2);
    await deployService(v1, 'web', t.ctx, t.options);
    const spec = v1.services[0]!;
    await t.store.update((file) => recordRevision(file, spec, t.clock.now(), { atLeast: 2, restart: true }).file);
    const [outcome] = await resumeRollouts(v1, t.ctx, t.options);
    assert.deepEqual(outcome, { service: 'web', revision: 2, result: 'deployed' });
    assert.ok(t.engine.podsOf('web').every((p) => p.revision === 2));
  });
});

describe('the rollback target (one rule)', () => {
  function history(...entries: [image: string, result: 'deployed' | 'failed: x'][]): { file: RevisionsFile; desired: DesiredState } {
    let file = emptyRevisions('shop');
    for (const [image, result] of entries) {
      const recorded = recordRevision(file, manifest(image, 'rolling').services[0]!, 1);
      file = setResult(recorded.file, 'web', recorded.revision.number, result, 2);
    }
    return { file, desired: manifest('shop/web:2', 'rolling') };
  }

  it('candidates are deployed revisions of another spec than the current, newest first; the first is the default', () => {
    // 1 v1, 2 v2, 3 v1 (failed), 4 v2 (a restart of v2: same spec as the current)... current is 4.
    const { file } = history(['shop/web:1', 'deployed'], ['shop/web:2', 'deployed'], ['shop/web:1', 'failed: x'], ['shop/web:2', 'deployed']);
    assert.deepEqual(
      rollbackCandidates(file, 'web').map((r) => r.number),
      [1],
      'revision 2 runs the current spec: going back to it changes nothing',
    );
    assert.equal(previousRevision(file, 'web')?.number, 1);
    assert.equal(rollbackTarget(file, 'web').number, 1);
    assert.equal(rollbackTarget(file, 'web', 3).number, 3, '--to names any kept revision');
  });

  it('refuses with what is kept, and a supervisor hand-over uses the same target', () => {
    const { file, desired } = history(['shop/web:2', 'deployed']);
    assert.throws(
      () => rollbackTarget(file, 'web'),
      (e) => isFlotillaError(e, 'refused') && /No earlier deployed revision of web to roll back to \(kept: 1 \(deployed\)\)/.test(e.message),
    );
    assert.throws(
      () => rollbackTarget(file, 'web', 7),
      (e) => isFlotillaError(e, 'refused') && /Revision 7 of web is not kept/.test(e.message),
    );
    const two = history(['shop/web:1', 'deployed'], ['shop/web:2', 'deployed']);
    const { desired: back, revision } = desiredWithRevision(desired, two.file, 'web');
    assert.equal(revision.number, rollbackTarget(two.file, 'web').number);
    assert.equal(back.services[0]?.containers[0]?.image, 'shop/web:1');
  });
});
