// The use cases' policy decisions over an in-memory engine and a Supervision whose owner the
// test sets: what is refused, what is handed to a running supervisor, what is converged here,
// and the one rule each front end used to decide for itself.
import assert from 'node:assert/strict';
import { deployProject } from '../../../src/app/deploy';
import { downProject } from '../../../src/app/down';
import { restartServiceOf } from '../../../src/app/restart';
import { rollbackChoices, rollbackServiceTo } from '../../../src/app/rollback';
import { scaleServiceTo } from '../../../src/app/scale';
import { upProject } from '../../../src/app/up';
import { loadManifest } from '../../../src/core/manifest/load';
import { findRevision, inProgressRevision, recordRevision, setResult } from '../../../src/core/rollout/revisions';
import type { DesiredState } from '../../../src/core/model/state';
import { desiredFrom } from '../manifests';
import { fakeEnv } from './fake-env';

const IMAGES = ['shop/web:1', 'shop/web:2', 'shop/api:1'];

function shop(image = 'shop/web:1', replicas = 2): DesiredState {
  return desiredFrom(`version: 1
project: shop
services:
  web:
    replicas: ${replicas}
    containers: { app: { image: ${image} } }
    deploy: { strategy: rolling, minHealthyTime: 0s, healthyDeadline: 30s, drainTimeout: 1s }
  api:
    containers: { server: { image: shop/api:1 } }
`);
}

/** Records `image` of web as a deployed revision. */
async function deployed(t: ReturnType<typeof fakeEnv>, image: string): Promise<number> {
  const spec = shop(image).services[0]!;
  const file = await t.store.update((f) => {
    const { file: next, revision } = recordRevision(f, spec, 1);
    return setResult(next, 'web', revision.number, 'deployed', 2);
  });
  return file.services.web!.revisions.at(-1)!.number;
}

describe('use cases: security refusals', () => {
  const privileged = loadManifest(
    `version: 1
project: shop
services:
  web:
    containers: { app: { image: shop/web:1, privileged: true } }
`,
    { manifestDir: '/p', defaultProject: 'shop' },
  );

  it('Up, Deploy, Rollback, Restart and Scale refuse a manifest that hands the host to a container, touching nothing', async () => {
    const t = fakeEnv(IMAGES);
    t.supervision.current = { kind: 'process', pid: 777 };
    const desired = privileged.desired!;
    const d = privileged.diagnostics;
    const results = [
      await upProject(desired, d, t.env),
      await deployProject(desired, d, undefined, t.env),
      await rollbackServiceTo(desired, d, 'web', undefined, t.env),
      await restartServiceOf(desired, d, 'web', t.env),
      await scaleServiceTo(desired, d, 'web', 3, t.env),
    ];
    for (const result of results) assert.deepEqual(result, { kind: 'refused', reason: 'security', settings: 1 });
    assert.deepEqual(t.supervision.handed, []);
    assert.equal(t.engineUsed(), false);
  });
});

describe('use cases: a running supervisor gets the change', () => {
  it('Up and Deploy hand the manifest (with held Scale counts) to another process without touching the engine', async () => {
    const t = fakeEnv(IMAGES);
    t.supervision.current = { kind: 'process', pid: 777 };
    t.env.replicas.set('shop', 'web', 5, 2);
    const up = await upProject(shop(), [], t.env);
    const deploy = await deployProject(shop(), [], undefined, t.env);
    assert.deepEqual([up.kind, deploy.kind], ['handed-over', 'handed-over']);
    assert.deepEqual(
      t.supervision.handed.map((d) => d.services[0]?.replicas),
      [5, 5],
    );
    assert.equal(t.engineUsed(), false);
  });

  it('Deploy with nobody supervising: the editor starts supervising, the CLI runs the rollout itself', async () => {
    const editor = fakeEnv(IMAGES);
    assert.equal((await deployProject(shop(), [], undefined, editor.env)).kind, 'supervising');
    assert.equal(editor.supervision.startedWith.length, 1);
    const cli = fakeEnv(IMAGES, { canSupervise: false });
    const result = await deployProject(shop(), [], ['web'], cli.env);
    assert.equal(result.kind, 'deployed');
    assert.deepEqual(result.kind === 'deployed' && result.outcomes.map((o) => [o.service, o.result]), [['web', 'deployed']]);
  });

  it('Up converges here when nobody supervises, leaving a live rollout alone, and starts supervising where it can', async () => {
    const t = fakeEnv(IMAGES, { canSupervise: false });
    const first = await upProject(shop(), [], t.env, { onEvent: t.onEvent });
    assert.equal(first.kind === 'applied' && first.supervisor, undefined, 'a process that cannot supervise does not');
    assert.ok(t.events.some((e) => e.kind === 'plan'));
    // Process 777 (alive) is rolling web out: Up with a changed image leaves web's pods to it.
    await t.store.update((f) => recordRevision(f, shop('shop/web:2').services[0]!, 1, { owner: '777' }).file);
    const editor = fakeEnv(IMAGES);
    editor.engine.containers = t.engine.containers;
    editor.store.file = t.store.file;
    const result = await upProject(shop('shop/web:2'), [], editor.env, { supervise: true });
    assert.equal(result.kind, 'applied');
    if (result.kind !== 'applied') return;
    assert.deepEqual(result.leftAlone, [{ service: 'web', revision: 1, pid: 777 }]);
    assert.ok(
      editor.engine.containers.filter((c) => c.service === 'web').every((c) => c.image === 'shop/web:1'),
      'web untouched',
    );
    assert.deepEqual(result.supervisor, { kind: 'here' });
  });
});

describe('use cases: Down while another process supervises (one rule)', () => {
  it('refuses while another process supervises, nothing removed', async () => {
    const t = fakeEnv(IMAGES, { canSupervise: false });
    await upProject(shop(), [], t.env);
    t.supervision.current = { kind: 'process', pid: 777 };
    const result = await downProject(shop(), t.env);
    assert.deepEqual(result, { kind: 'refused', reason: 'supervised-elsewhere', pid: 777 });
    assert.equal((await t.engine.listProject('shop')).pods.length, 3);
  });

  it('stops the supervisor here first, then removes the pods', async () => {
    const t = fakeEnv(IMAGES);
    await upProject(shop(), [], t.env, { supervise: true });
    const result = await downProject(shop(), t.env);
    assert.equal(result.kind, 'down');
    assert.deepEqual(t.supervision.stopped, ['shop']);
    assert.equal((await t.engine.listProject('shop')).pods.length, 0);
  });
});

describe('use cases: Rollback (one target rule)', () => {
  it('offers revisions of another spec than the current and hands the default target to a running supervisor', async () => {
    const t = fakeEnv(IMAGES);
    await deployed(t, 'shop/web:1');
    await deployed(t, 'shop/web:2');
    await deployed(t, 'shop/web:2');
    const choices = await rollbackChoices('shop', 'web', t.env);
    assert.deepEqual([choices.current?.number, choices.candidates.map((r) => r.number)], [3, [1]]);
    t.supervision.current = { kind: 'here' };
    const result = await rollbackServiceTo(shop('shop/web:2'), [], 'web', undefined, t.env);
    assert.equal(result.kind, 'handed-over');
    assert.equal(result.kind === 'handed-over' && result.revision.number, 1);
    assert.equal(t.supervision.handed[0]?.services[0]?.containers[0]?.image, 'shop/web:1');
  });
});

describe('use cases: Scale', () => {
  it('scales what runs (not an unapplied edit), holds the count for later Ups until the manifest count changes', async () => {
    const t = fakeEnv(IMAGES);
    await upProject(shop(), [], t.env, { supervise: true });
    // An edit saved but not applied: the supervisor here keeps v1.
    const edited = shop('shop/web:2');
    const result = await scaleServiceTo(edited, [], 'web', '3', t.env);
    assert.equal(result.kind, 'handed-over');
    const handed = t.supervision.handed[0]!;
    assert.deepEqual([handed.services[0]?.replicas, handed.services[0]?.containers[0]?.image], [3, 'shop/web:1']);
    assert.equal(t.env.replicas.effective(edited).services[0]?.replicas, 3, 'held while the manifest says 2');
    assert.equal(t.env.replicas.effective(shop('shop/web:2', 4)).services[0]?.replicas, 4, 'the manifest wins once its count changes');
  });

  it('converges the count here when nobody supervises, and refuses a count that is not one', async () => {
    const t = fakeEnv(IMAGES, { canSupervise: false });
    await upProject(shop(), [], t.env);
    const result = await scaleServiceTo(shop(), [], 'web', 1, t.env);
    assert.equal(result.kind, 'applied');
    assert.equal((await t.engine.listProject('shop')).pods.filter((p) => p.service === 'web').length, 1);
    assert.deepEqual(await scaleServiceTo(shop(), [], 'web', 'two', t.env), { kind: 'refused', reason: 'bad-count', problem: 'not-a-count', max: 50 });
    assert.deepEqual(await scaleServiceTo(shop(), [], 'web', 51, t.env), { kind: 'refused', reason: 'bad-count', problem: 'too-many', max: 50 });
  });
});

describe('use cases: Restart', () => {
  it('with nobody supervising, runs a rolling restart here: new pods of the same spec, a restart revision', async () => {
    const t = fakeEnv(IMAGES, { canSupervise: false });
    await upProject(shop(), [], t.env);
    const before = (await t.engine.listProject('shop')).pods.filter((p) => p.service === 'web').map((p) => p.containers[0]!.id);
    const result = await restartServiceOf(shop(), [], 'web', t.env, { onEvent: t.onEvent });
    assert.equal(result.kind, 'restarted');
    if (result.kind !== 'restarted') return;
    assert.equal(result.outcomes[0]?.result, 'deployed');
    const after = (await t.engine.listProject('shop')).pods.filter((p) => p.service === 'web');
    assert.equal(after.length, 2);
    assert.ok(
      after.every((p) => !before.includes(p.containers[0]!.id)),
      'every pod replaced',
    );
    assert.ok(t.events.some((e) => e.kind === 'deploy' && e.note.kind === 'started' && e.note.restart));
  });

  it('with a supervisor, asks it through an unowned restart record, hands over what it keeps, and waits for the outcome', async () => {
    const t = fakeEnv(IMAGES);
    await upProject(shop(), [], t.env, { supervise: true });
    t.supervision.onHandOver = () => {
      // The supervisor's next pass takes the request up and finishes it.
      const open = inProgressRevision(t.store.file, 'web');
      assert.ok(open?.restart && open.owner === undefined, 'an unowned restart record is waiting');
      void t.store.update((f) => setResult(f, 'web', open.number, 'deployed', 5));
    };
    const result = await restartServiceOf(shop('shop/web:2'), [], 'web', t.env);
    assert.equal(result.kind, 'restarted-by-supervisor');
    if (result.kind !== 'restarted-by-supervisor') return;
    assert.equal(result.outcome?.result, 'deployed');
    assert.equal(findRevision(t.store.file, 'web', result.revision)?.spec.containers[0]?.image, 'shop/web:1', 'what runs, not the unapplied edit');
    assert.equal(t.supervision.handed[0], t.supervision.keptState, 'woken with the state it keeps');
  });

  it('refuses a restart that would deploy: the service (or, beside another process, any service) runs another spec', async () => {
    const t = fakeEnv(IMAGES, { canSupervise: false });
    await upProject(shop(), [], t.env);
    const edited = shop('shop/web:2');
    assert.deepEqual(await restartServiceOf(edited, [], 'web', t.env), { kind: 'refused', reason: 'not-applied', services: ['web'] });
    assert.equal((await restartServiceOf(edited, [], 'api', t.env)).kind, 'restarted', 'api runs the manifest spec: its restart deploys nothing');
    t.supervision.current = { kind: 'process', pid: 777 };
    assert.deepEqual(
      await restartServiceOf(edited, [], 'api', t.env),
      { kind: 'refused', reason: 'not-applied', services: ['web'] },
      'the other supervisor would get the whole manifest',
    );
    assert.deepEqual(t.supervision.handed, []);
  });

  it('refuses a service with no pods, and a restart while another rollout of it is under way', async () => {
    const t = fakeEnv(IMAGES);
    assert.deepEqual(await restartServiceOf(shop(), [], 'web', t.env), { kind: 'refused', reason: 'no-pods', service: 'web' });
    await upProject(shop(), [], t.env, { supervise: true });
    await t.store.update((f) => recordRevision(f, shop('shop/web:2').services[0]!, 1, { owner: '777' }).file);
    const result = await restartServiceOf(shop(), [], 'web', t.env);
    assert.equal(result.kind === 'refused' && result.reason, 'rollout-in-progress');
  });
});
