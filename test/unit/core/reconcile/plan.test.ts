import assert from 'node:assert/strict';
import { computePlan, computeTeardown, type PlanAction } from '../../../../src/core/reconcile/plan';
import { formatPlan } from '../../../../src/core/wording';
import { emptyObserved } from '../../../../src/core/model/state';
import { FakeEngine } from '../../fake-engine';
import { desiredFrom, SHOP } from '../../manifests';
import { executePlan, noneCreated } from '../../../../src/core/reconcile/executor';

const kinds = (actions: { action: PlanAction }[]) => actions.map((s) => `${s.action.kind} ${'pod' in s.action ? s.action.pod : ''}`.trim());

async function applied(engine: FakeEngine, text = SHOP) {
  const desired = desiredFrom(text);
  await executePlan(computePlan(desired, await engine.listProject(desired.project)), desired, engine, noneCreated());
  return desired;
}

describe('computePlan', () => {
  it('creates network, volumes and every replica on an empty engine, in that order', () => {
    const plan = computePlan(desiredFrom(SHOP), emptyObserved('shop'));
    assert.deepEqual(kinds(plan.steps), ['create-network', 'create-volume', 'create-pod web-1', 'create-pod web-2', 'create-pod api-1']);
    assert.ok(plan.steps.every((s) => s.reason.length > 0));
    assert.match(formatPlan(plan)[2]!, /^\+ create pod web-1 \(revision 1\): web wants 2 replicas of revision 1$/);
  });

  it('plans nothing when the engine matches (re-apply is a no-op)', async () => {
    const engine = new FakeEngine();
    const desired = await applied(engine);
    assert.deepEqual(computePlan(desired, await engine.listProject('shop')).steps, []);
  });

  it('replaces only the pods of a service whose spec changed, with the next revision', async () => {
    const engine = new FakeEngine();
    await applied(engine);
    const changed = desiredFrom(SHOP.replace('shop/api:1', 'shop/api:2'));
    const plan = computePlan(changed, await engine.listProject('shop'));
    assert.deepEqual(kinds(plan.steps), ['remove-pod api-1', 'create-pod api-1']);
    assert.equal((plan.steps[1]!.action as { revision: number }).revision, 2);
    assert.match(plan.steps[0]!.reason, /spec changed/);
  });

  it('changing replicas or health does not recreate running pods', async () => {
    const engine = new FakeEngine();
    await applied(engine);
    const more = desiredFrom(SHOP.replace('replicas: 2', 'replicas: 3').replace('/healthz', '/ready'));
    assert.deepEqual(kinds(computePlan(more, await engine.listProject('shop')).steps), ['create-pod web-3']);
  });

  it('scales down by removing the highest ordinals', async () => {
    const engine = new FakeEngine();
    await applied(engine, SHOP.replace('replicas: 2', 'replicas: 4'));
    const plan = computePlan(desiredFrom(SHOP.replace('replicas: 2', 'replicas: 1')), await engine.listProject('shop'));
    assert.deepEqual(kinds(plan.steps), ['remove-pod web-2', 'remove-pod web-3', 'remove-pod web-4']);
    assert.match(plan.steps[0]!.reason, /scaled down to 1 replica$/);
  });

  it('fills the lowest free ordinal after a pod was deleted by hand', async () => {
    const engine = new FakeEngine();
    const desired = await applied(engine);
    const web1 = engine.containers.filter((c) => c.pod === 'web-1').map((c) => c.id);
    await engine.removePod(web1);
    assert.deepEqual(kinds(computePlan(desired, await engine.listProject('shop')).steps), ['create-pod web-1']);
  });

  it('replaces a whole pod when its first container died, and restarts only a dead sidecar', async () => {
    const engine = new FakeEngine();
    const desired = await applied(engine);
    engine.kill('web-1', 'app');
    engine.kill('web-2', 'log-drain', 1);
    const plan = computePlan(desired, await engine.listProject('shop'));
    assert.deepEqual(kinds(plan.steps), ['remove-pod web-1', 'create-pod web-1', 'start-containers web-2']);
    assert.match(plan.steps[0]!.reason, /first container app exited with code 137/);
  });

  it('follows the restart policy', async () => {
    const engine = new FakeEngine();
    const never = desiredFrom(SHOP.replace('  api:\n', '  api:\n    restart: never\n'));
    await applied(engine);
    engine.kill('api-1', 'server', 1);
    assert.deepEqual(kinds(computePlan(never, await engine.listProject('shop')).steps), []);
    const onFailure = desiredFrom(SHOP.replace('  api:\n', '  api:\n    restart: on-failure\n'));
    assert.deepEqual(kinds(computePlan(onFailure, await engine.listProject('shop')).steps), ['remove-pod api-1', 'create-pod api-1']);
    engine.kill('api-1', 'server', 0);
    assert.deepEqual(kinds(computePlan(onFailure, await engine.listProject('shop')).steps), []);
  });

  it('removes pods of services gone from the manifest, and incomplete pods', async () => {
    const engine = new FakeEngine();
    await applied(engine);
    const sidecar = engine.containers.find((c) => c.pod === 'web-2' && c.container === 'log-drain')!;
    await engine.removePod([sidecar.id]);
    const withoutApi = desiredFrom(SHOP.replace(/ {2}api:\n[\s\S]*?image: shop\/api:1\n/, ''));
    const plan = computePlan(withoutApi, await engine.listProject('shop'));
    assert.deepEqual(kinds(plan.steps), ['remove-pod api-1', 'remove-pod web-2', 'create-pod web-2']);
    assert.match(plan.steps[0]!.reason, /no longer in the manifest/);
    assert.match(plan.steps[1]!.reason, /incomplete/);
  });

  it('tears down pods and networks, and volumes only when asked', async () => {
    const engine = new FakeEngine();
    await applied(engine);
    const observed = await engine.listProject('shop');
    assert.deepEqual(kinds(computeTeardown(observed, { removeVolumes: false }).steps), ['remove-pod web-1', 'remove-pod web-2', 'remove-pod api-1', 'remove-network']);
    assert.ok(kinds(computeTeardown(observed, { removeVolumes: true }).steps).includes('remove-volume'));
  });
});
