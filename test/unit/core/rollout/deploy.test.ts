// The deploy driver over fakes: a simulated clock, an in-memory engine, pods that become healthy
// after a delay, a traffic switch that records routes, an in-memory revision store.
import assert from 'node:assert/strict';
import { deployService, resumeRollouts, rollbackService, type DeployContext, type DeployNote } from '../../../../src/core/rollout/deploy';
import { isFlotillaError } from '../../../../src/core/model/errors';
import { findRevision, historyOf, inProgressRevision, recordRevision } from '../../../../src/core/rollout/revisions';
import type { DesiredState } from '../../../../src/core/model/state';
import { desiredFrom } from '../../manifests';
import { DelayedHealth, MemoryStore, RecordingTraffic, SimClock, TimedEngine } from './deploy-fakes';

const IMAGES = ['shop/web:1', 'shop/web:2', 'shop/web:bad'];

function manifest(image: string, strategy: 'blue-green' | 'rolling', replicas = 2, deploy = ''): DesiredState {
  return desiredFrom(`version: 1
project: shop
services:
  web:
    replicas: ${replicas}
    containers:
      app:
        image: ${image}
        volumes: [ { name: data, path: /data } ]
    expose: { port: 8080, hostPort: 18080 }
    deploy: { strategy: ${strategy}, minHealthyTime: 1s, healthyDeadline: 30s, drainTimeout: 2s${deploy} }
volumes:
  data: {}
`);
}

function setup() {
  const clock = new SimClock();
  const engine = new TimedEngine(clock, IMAGES);
  const health = new DelayedHealth(2000);
  const traffic = new RecordingTraffic();
  const store = new MemoryStore('shop');
  const notes: DeployNote[] = [];
  const ctx: DeployContext = { engine, health, traffic, store, clock, owner: 'p1', ownerAlive: () => false };
  return { clock, engine, health, traffic, store, notes, ctx, options: { tickMs: 250, onNote: (n: DeployNote) => notes.push(n) } };
}

/** v1 running, recorded as revision 1 and serving. */
/** Deploys v2 blue-green and stops it, as a killed or reloaded process would, at the first note `when` matches. */
async function interruptV2(t: ReturnType<typeof setup>, when: (note: DeployNote) => boolean, why: string): Promise<void> {
  const controller = new AbortController();
  const interrupted = deployService(manifest('shop/web:2', 'blue-green'), 'web', t.ctx, {
    ...t.options,
    signal: controller.signal,
    onNote: (n) => when(n) && controller.abort(new Error(why)),
  });
  await assert.rejects(interrupted, (e) => isFlotillaError(e, 'cancelled'));
}

async function withV1(t: ReturnType<typeof setup>, strategy: 'blue-green' | 'rolling', replicas = 2) {
  const first = await deployService(manifest('shop/web:1', strategy, replicas), 'web', t.ctx, t.options);
  assert.equal(first.result, 'deployed');
  const pods = t.engine.podsOf('web');
  assert.deepEqual(
    [...t.traffic.current].sort(),
    pods.map((p) => p.name),
    'a first deploy leaves its pods routed',
  );
  t.traffic.routes = [];
  return pods;
}

describe('deploy driver (fakes)', () => {
  it('blue-green: full new set beside the old, one switch, old set drained then removed, never half-switched', async () => {
    const t = setup();
    const v1 = await withV1(t, 'blue-green');
    assert.deepEqual(
      v1.map((p) => [p.name, p.revision]),
      [
        ['web-1', 1],
        ['web-2', 1],
      ],
    );
    const outcome = await deployService(manifest('shop/web:2', 'blue-green'), 'web', t.ctx, t.options);
    assert.deepEqual(outcome, { service: 'web', revision: 2, result: 'deployed' });
    assert.deepEqual(
      t.engine.podsOf('web').map((p) => [p.name, p.revision, p.image]),
      [
        ['web-3', 2, 'shop/web:2'],
        ['web-4', 2, 'shop/web:2'],
      ],
    );
    assert.equal(t.engine.maxPods, 4, 'the whole new set ran beside the old one');
    const old = new Set(v1.map((p) => p.name));
    for (const route of t.traffic.routes) {
      const olds = route.filter((p) => old.has(p)).length;
      assert.ok(olds === 0 || olds === route.length, `a route mixes old and new pods: ${route.join(',')}`);
    }
    assert.deepEqual(t.traffic.routes.at(-1), ['web-3', 'web-4']);
    assert.deepEqual(t.traffic.drains.sort(), ['web-1', 'web-2']);
    assert.ok(!t.engine.calls.some((c) => c.startsWith('remove-volume')), 'named volumes are never removed');
    assert.ok(findRevision(t.store.file, 'web', 2)?.switchedAt, 'the switch is recorded');
  });

  it('rolling: never above replicas + maxSurge, never below replicas - maxUnavailable routed, ends on the new spec', async () => {
    const t = setup();
    await withV1(t, 'rolling', 4);
    t.engine.maxPods = 0;
    const outcome = await deployService(manifest('shop/web:2', 'rolling', 4), 'web', t.ctx, t.options);
    assert.equal(outcome.result, 'deployed');
    assert.equal(t.engine.maxPods, 5, '25% of 4 rounds up to a surge of 1');
    for (const route of t.traffic.routes) assert.ok(route.length >= 3, `25% of 4 rounds down to 1 unavailable: ${route.join(',')}`);
    assert.deepEqual(
      t.engine.podsOf('web').map((p) => p.image),
      ['shop/web:2', 'shop/web:2', 'shop/web:2', 'shop/web:2'],
    );
    assert.deepEqual(
      [...t.traffic.current].sort(),
      t.engine.podsOf('web').map((p) => p.name),
      'every new pod is routed at the end',
    );
    assert.equal(t.traffic.drains.length, 4);
  });

  it('rolls back by itself when the new pods are not healthy by the deadline: old pods untouched, new ones removed', async () => {
    const t = setup();
    const v1 = await withV1(t, 'blue-green');
    t.health.neverReady.add('shop/web:bad');
    const outcome = await deployService(manifest('shop/web:bad', 'blue-green'), 'web', t.ctx, t.options);
    assert.match(String(outcome.result), /^rolled back: pod web-[34] was not healthy within the healthy deadline of 30s/);
    assert.deepEqual(t.engine.podsOf('web'), v1, 'the very same old pods still run');
    assert.ok(
      t.traffic.routes.every((r) => r.every((p) => p === 'web-1' || p === 'web-2')),
      'traffic never left the old set',
    );
    assert.equal(historyOf(t.store.file, 'web').revisions.at(-1)?.result, outcome.result);
    assert.ok(t.notes.some((n) => n.kind === 'rolling-back'));
  });

  it('rolls back a crash-looping rolling deploy and brings the old spec back to full strength', async () => {
    const t = setup();
    await withV1(t, 'rolling', 2);
    t.engine.crashingImages.add('shop/web:bad');
    const outcome = await deployService(manifest('shop/web:bad', 'rolling', 2, ', maxSurge: 0, maxUnavailable: 1'), 'web', t.ctx, t.options);
    assert.match(String(outcome.result), /^rolled back: pod web-\d crash-looped \(crashed 3 times, last exit code 1\)/);
    const after = t.engine.podsOf('web');
    assert.deepEqual(
      after.map((p) => p.image),
      ['shop/web:1', 'shop/web:1'],
      'a pod of the old spec was re-created in place of the retired one',
    );
    assert.ok(
      after.every((p) => p.revision === 1),
      'the old pods carry the old revision number',
    );
  });

  it('fails without rolling back when autoRollback is off', async () => {
    const t = setup();
    await withV1(t, 'blue-green');
    t.health.neverReady.add('shop/web:bad');
    const outcome = await deployService(manifest('shop/web:bad', 'blue-green', 2, ', autoRollback: false'), 'web', t.ctx, t.options);
    assert.match(String(outcome.result), /^failed: pod web-\d was not healthy/);
    assert.equal(t.engine.podsOf('web').length, 4, 'both sets are left for the user to look at');
  });

  it('an interrupted deploy (both revisions present) is resumed by the next process and completes', async () => {
    const t = setup();
    await withV1(t, 'blue-green');
    await interruptV2(t, (n) => n.kind === 'waiting', 'editor reload');
    assert.equal(inProgressRevision(t.store.file, 'web')?.number, 2);
    assert.deepEqual(new Set(t.engine.podsOf('web').map((p) => p.revision)), new Set([1, 2]), 'pods of both revisions are on the engine');
    // A new process: fresh health memory, a rebuilt proxy with no routes yet.
    const traffic = new RecordingTraffic();
    const outcomes = await resumeRollouts(manifest('shop/web:2', 'blue-green'), { ...t.ctx, traffic, owner: 'p2', health: new DelayedHealth(2000) }, t.options);
    assert.deepEqual(outcomes, [{ service: 'web', revision: 2, result: 'deployed' }]);
    assert.deepEqual(
      t.engine.podsOf('web').map((p) => p.revision),
      [2, 2],
    );
    assert.deepEqual(
      traffic.routes,
      [
        ['web-1', 'web-2'],
        ['web-3', 'web-4'],
      ],
      'old set until the switch, then the new set: never half',
    );
  });

  it('a resumed rollout replaces a new pod its dead creator left created but never started, and completes', async () => {
    const t = setup();
    await withV1(t, 'blue-green');
    await interruptV2(t, (n) => n.kind === 'waiting', 'SIGKILL');
    // Killed between creating web-4 and starting it.
    for (const c of t.engine.containers) if (c.pod === 'web-4') Object.assign(c, { state: 'created', status: 'Created' });
    const stranded = t.engine.podsOf('web').find((p) => p.name === 'web-4')?.id;
    const notes: DeployNote[] = [];
    // Threshold 1: a stranded pod counted as a crash would roll the deploy back at once.
    const outcomes = await resumeRollouts(
      manifest('shop/web:2', 'blue-green'),
      { ...t.ctx, owner: 'p2', health: new DelayedHealth(2000) },
      { ...t.options, crashLoopThreshold: 1, onNote: (n) => notes.push(n) },
    );
    assert.deepEqual(outcomes, [{ service: 'web', revision: 2, result: 'deployed' }]);
    assert.deepEqual(
      t.engine.podsOf('web').map((p) => [p.name, p.revision]),
      [
        ['web-3', 2],
        ['web-4', 2],
      ],
    );
    assert.notEqual(t.engine.podsOf('web').find((p) => p.name === 'web-4')?.id, stranded, 'web-4 was replaced');
    assert.ok(notes.some((n) => n.kind === 'action' && n.action.kind === 'replace-crashed' && /web-4 was created but never started/.test(n.action.reason)));
  });

  it('deploying the spec of an interrupted rollout carries that rollout on under its number', async () => {
    const t = setup();
    await withV1(t, 'blue-green');
    await interruptV2(t, (n) => n.kind === 'waiting', 'crash');
    const notes: DeployNote[] = [];
    const again = await deployService(manifest('shop/web:2', 'blue-green'), 'web', { ...t.ctx, owner: 'p2' }, { ...t.options, onNote: (n) => notes.push(n) });
    assert.deepEqual(again, { service: 'web', revision: 2, result: 'deployed' });
    assert.ok(notes.some((n) => n.kind === 'started' && n.resumed && n.revision === 2));
    assert.deepEqual(
      t.engine.podsOf('web').map((p) => [p.name, p.revision]),
      [
        ['web-3', 2],
        ['web-4', 2],
      ],
      'the pods it had created were kept, no new ones',
    );
  });

  it('a deploy interrupted after the switch resumes on the new set, never switching back', async () => {
    const t = setup();
    await withV1(t, 'blue-green');
    await interruptV2(t, (n) => n.kind === 'action' && n.action.kind === 'route' && n.action.switch === true, 'engine restart');
    const traffic = new RecordingTraffic();
    await resumeRollouts(manifest('shop/web:2', 'blue-green'), { ...t.ctx, traffic, owner: 'p2', health: new DelayedHealth(0) }, t.options);
    assert.deepEqual(traffic.routes, [['web-3', 'web-4']]);
    assert.deepEqual(
      t.engine.podsOf('web').map((p) => p.name),
      ['web-3', 'web-4'],
    );
  });

  it('refuses a second deploy of the service while a live process runs one; --force supersedes it', async () => {
    const t = setup();
    await withV1(t, 'blue-green');
    t.store.file = recordRevision(t.store.file, manifest('shop/web:2', 'blue-green').services[0]!, t.clock.now(), { owner: 'p9' }).file;
    const ctx = { ...t.ctx, ownerAlive: (owner: string) => owner === 'p9' };
    await assert.rejects(deployService(manifest('shop/web:2', 'blue-green'), 'web', ctx, t.options), (e) => {
      assert.ok(isFlotillaError(e, 'refused'));
      assert.match(e.message, /A deploy of web \(revision 2\) is already running in process p9; .* --force/);
      return true;
    });
    const forced = await deployService(manifest('shop/web:2', 'blue-green'), 'web', ctx, { ...t.options, force: true });
    assert.deepEqual(forced, { service: 'web', revision: 3, result: 'deployed' });
    assert.match(findRevision(t.store.file, 'web', 2)?.result ?? '', /^superseded: /);
  });

  it('--force against a live rollout waits until it has stopped, then takes over: no clash on the engine', async () => {
    const t = setup();
    await withV1(t, 'blue-green');
    t.health.neverReady.add('shop/web:bad');
    const log: string[] = [];
    const both = { ...t.ctx, ownerAlive: (owner: string) => owner === 'p1' || owner === 'p2' };
    const first = deployService(manifest('shop/web:bad', 'blue-green'), 'web', both, {
      ...t.options,
      onNote: (n) => log.push(`p1 ${n.kind}${n.kind === 'action' ? ` ${n.action.kind}` : ''}`),
    });
    while (!log.includes('p1 waiting')) await t.clock.sleep(100);
    const second = deployService(
      manifest('shop/web:2', 'blue-green'),
      'web',
      { ...both, owner: 'p2' },
      {
        ...t.options,
        force: true,
        onNote: (n) => log.push(`p2 ${n.kind}${n.kind === 'action' ? ` ${n.action.kind}` : ''}`),
      },
    );
    const superseded = await first;
    log.push('p1 returned');
    const forced = await second;
    assert.match(String(superseded.result), /^superseded: a forced deploy replaced it/);
    assert.deepEqual(forced, { service: 'web', revision: 3, result: 'deployed' });
    assert.ok(log.indexOf('p1 returned') < log.indexOf('p2 action create-pod'), log.join('; '));
    assert.deepEqual(
      t.engine.podsOf('web').map((p) => p.image),
      ['shop/web:2', 'shop/web:2'],
    );
    assert.ok(!t.notes.some((n) => n.kind === 'rolling-back'), 'nothing failed on the way');
  });

  it('rollback redeploys an earlier revision with its strategy, as a new revision; re-deploying the same spec changes nothing', async () => {
    const t = setup();
    await withV1(t, 'blue-green');
    await deployService(manifest('shop/web:2', 'blue-green'), 'web', t.ctx, t.options);
    const again = await deployService(manifest('shop/web:2', 'blue-green'), 'web', t.ctx, t.options);
    assert.deepEqual(again, { service: 'web', revision: 2, result: 'unchanged' });
    const back = await rollbackService(manifest('shop/web:2', 'blue-green'), 'web', undefined, t.ctx, t.options);
    assert.deepEqual(back, { service: 'web', revision: 3, result: 'deployed' });
    assert.equal(findRevision(t.store.file, 'web', 3)?.rollbackOf, 1);
    assert.deepEqual(
      t.engine.podsOf('web').map((p) => [p.image, p.revision]),
      [
        ['shop/web:1', 3],
        ['shop/web:1', 3],
      ],
    );
    await assert.rejects(
      rollbackService(manifest('shop/web:2', 'blue-green'), 'web', 7, t.ctx, t.options),
      /Revision 7 of web is not kept \(kept: 1 \(deployed\), 2 \(deployed\), 3 \(deployed\)\)/,
    );
  });

  it("deploying an earlier revision's spec (a rollback handed to a supervisor, an edit undone) is recorded as a rollback to it", async () => {
    const t = setup();
    await withV1(t, 'blue-green');
    await deployService(manifest('shop/web:2', 'blue-green'), 'web', t.ctx, t.options);
    const back = await deployService(manifest('shop/web:1', 'blue-green'), 'web', t.ctx, t.options);
    assert.deepEqual(back, { service: 'web', revision: 3, result: 'deployed' });
    assert.equal(findRevision(t.store.file, 'web', 3)?.rollbackOf, 1);
    assert.equal(findRevision(t.store.file, 'web', 2)?.rollbackOf, undefined, 'a new spec is no rollback');
    await deployService(manifest('shop/web:bad', 'blue-green'), 'web', t.ctx, t.options);
    assert.equal(findRevision(t.store.file, 'web', 4)?.rollbackOf, undefined, 'a spec never deployed is no rollback either');
  });
});

describe('deploy driver: engine errors', () => {
  it('keeps the code of an engine error that ends a rollout, beside the recorded reason', async () => {
    const t = setup();
    await withV1(t, 'blue-green');
    t.engine.failingPods.add('web-3');
    const outcome = await deployService(manifest('shop/web:2', 'blue-green', 2, ', autoRollback: false'), 'web', t.ctx, t.options);
    assert.equal(outcome.result, 'failed: creating pod web-3 failed: Host port for web-3 is already in use.');
    assert.ok(isFlotillaError(outcome.error, 'port-in-use'), String(outcome.error));
    assert.equal(findRevision(await t.store.read(), 'web', 2)?.result, outcome.result);
  });

  it('a rolled-back rollout carries the error too; a deploy that succeeds carries none', async () => {
    const t = setup();
    await withV1(t, 'blue-green');
    t.engine.failingPods.add('web-4');
    const outcome = await deployService(manifest('shop/web:2', 'blue-green'), 'web', t.ctx, t.options);
    assert.equal(outcome.result, 'rolled back: creating pod web-4 failed: Host port for web-4 is already in use.');
    assert.ok(isFlotillaError(outcome.error, 'port-in-use'));
    t.engine.failingPods.clear();
    const again = await deployService(manifest('shop/web:2', 'blue-green'), 'web', t.ctx, t.options);
    assert.equal(again.result, 'deployed');
    assert.equal('error' in again, false);
  });
});
