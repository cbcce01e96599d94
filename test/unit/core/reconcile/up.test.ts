import assert from 'node:assert/strict';
import type { Clock } from '../../../../src/core/ports/clock';
import { down } from '../../../../src/core/reconcile/down';
import { isFlotillaError } from '../../../../src/core/model/errors';
import type { EnginePort } from '../../../../src/core/ports/engine';
import { up } from '../../../../src/core/reconcile/up';
import { FakeEngine } from '../../fake-engine';
import { desiredFrom, SHOP } from '../../manifests';

const IMAGES = ['shop/web:1', 'shop/logdrain:1', 'shop/api:1'];
const instant: Clock = { now: () => 0, sleep: async () => undefined };

describe('up and down over the engine port', () => {
  it('converges an empty engine, then re-applies with one list call and no change', async () => {
    const engine = new FakeEngine(IMAGES);
    const desired = desiredFrom(SHOP);
    const first = await up(desired, engine, { clock: instant });
    assert.equal(first.applied, 5);
    assert.equal(first.observed.pods.length, 3);
    engine.calls = [];
    const again = await up(desired, engine, { clock: instant });
    assert.equal(again.applied, 0);
    assert.deepEqual(engine.calls, ['list-containers']);
  });

  it('lists networks and volumes too when the containers do not show them all, and creates what is missing', async () => {
    const engine = new FakeEngine([...IMAGES, 'shop/cache:1']);
    await up(desiredFrom(SHOP), engine, { clock: instant });
    engine.calls = [];
    const withCache = SHOP.replace(
      'volumes:\n  logs: {}',
      '  cache:\n    containers:\n      redis:\n        image: shop/cache:1\n        volumes: [ { name: data, path: /data } ]\nvolumes:\n  logs: {}\n  data: {}',
    );
    const result = await up(desiredFrom(withCache), engine, { clock: instant });
    assert.deepEqual(engine.calls.slice(0, 2), ['list-containers', 'list']);
    assert.ok(engine.calls.includes('create-volume flotilla-shop-data'), engine.calls.join(', '));
    assert.equal(result.applied, 2);
    engine.calls = [];
    await engine.removePod(engine.containers.map((c) => c.id));
    engine.calls = [];
    // No container left to show the network: the full list finds it, so it is not created again.
    await up(desiredFrom(withCache), engine, { clock: instant });
    assert.deepEqual(engine.calls.slice(0, 2), ['list-containers', 'list']);
    assert.ok(!engine.calls.some((c) => c.startsWith('create-network')), engine.calls.join(', '));
  });

  it('refuses before creating anything when an image is missing, naming every missing image', async () => {
    const engine = new FakeEngine(['shop/web:1']);
    await assert.rejects(up(desiredFrom(SHOP), engine, { clock: instant }), (error) => {
      assert.ok(isFlotillaError(error, 'image-missing'));
      assert.match(error.message, /"shop\/logdrain:1", "shop\/api:1" are not on the engine/);
      return true;
    });
    assert.deepEqual(engine.mutations(), []);
  });

  it('rolls back everything it created when a pod fails to start', async () => {
    const engine = new FakeEngine(IMAGES);
    engine.failingPods.add('api-1');
    await assert.rejects(up(desiredFrom(SHOP), engine, { clock: instant, concurrency: 1 }), (error) => isFlotillaError(error, 'port-in-use'));
    assert.deepEqual(engine.containers, []);
    assert.equal(engine.networks.size, 0);
    assert.equal(engine.volumes.size, 0);
  });

  it('keeps what existed before when a later up fails', async () => {
    const engine = new FakeEngine(IMAGES);
    const desired = desiredFrom(SHOP);
    await up(desired, engine, { clock: instant });
    engine.failingPods.add('web-3');
    await assert.rejects(up(desiredFrom(SHOP.replace('replicas: 2', 'replicas: 3')), engine, { clock: instant }));
    assert.deepEqual([...new Set(engine.containers.map((c) => c.pod))].sort(), ['api-1', 'web-1', 'web-2']);
    assert.equal(engine.networks.size, 1);
    assert.equal(engine.volumes.size, 1);
  });

  it('fails with the exit code when a container exits right after start, and rolls back', async () => {
    const engine = new FakeEngine(IMAGES);
    engine.crashingImages.add('shop/api:1');
    await assert.rejects(up(desiredFrom(SHOP), engine, { clock: instant }), (error) => {
      assert.ok(isFlotillaError(error, 'container-exited'));
      assert.match(error.message, /api-1\/server exited with code 1 right after it started/);
      return true;
    });
    assert.deepEqual(engine.containers, []);
  });

  it('stops launching work when cancelled, and rolls back', async () => {
    const engine = new FakeEngine(IMAGES);
    const controller = new AbortController();
    const originalCreate = engine.createPod.bind(engine);
    engine.createPod = async (request) => {
      const ids = await originalCreate(request);
      controller.abort();
      return ids;
    };
    await assert.rejects(up(desiredFrom(SHOP), engine, { clock: instant, signal: controller.signal, concurrency: 1 }), (error) => isFlotillaError(error, 'cancelled'));
    assert.deepEqual(engine.containers, []);
    assert.equal(engine.calls.filter((c) => c.startsWith('create-pod')).length, 1);
  });

  it('leaves the pods of a service a rollout owns as they are, and still creates a service that has none', async () => {
    const engine = new FakeEngine([...IMAGES, 'shop/web:2']);
    await up(desiredFrom(SHOP), engine, { clock: instant });
    const webBefore = engine.containers.filter((c) => c.service === 'web').map((c) => c.id);
    engine.calls = [];
    const changed = desiredFrom(SHOP.replace('shop/web:1', 'shop/web:2'));
    const result = await up(changed, engine, { clock: instant, leaveAlone: new Set(['web']) });
    assert.deepEqual(result.leftAlone, ['web']);
    assert.deepEqual(engine.mutations(), [], 'the stale web pods were not replaced');
    assert.deepEqual(
      engine.containers.filter((c) => c.service === 'web').map((c) => c.id),
      webBefore,
    );

    const empty = new FakeEngine([...IMAGES, 'shop/web:2']);
    const fresh = await up(changed, empty, { clock: instant, leaveAlone: new Set(['web']) });
    assert.deepEqual(fresh.leftAlone, [], 'no pods to leave: created as usual');
    assert.equal(fresh.observed.pods.filter((p) => p.service === 'web').length, 2);
  });

  it('down removes pods and network and keeps named volumes unless asked', async () => {
    const engine = new FakeEngine(IMAGES);
    const desired = desiredFrom(SHOP);
    await up(desired, engine, { clock: instant });
    const kept = await down('shop', engine, { removeVolumes: false, desired });
    assert.deepEqual(kept, { pods: 3, networks: 1, volumesRemoved: 0, volumesKept: 1 });
    assert.deepEqual(engine.containers, []);
    assert.equal(engine.networks.size, 0);
    assert.equal(engine.volumes.size, 1);
    const removed = await down('shop', engine, { removeVolumes: true });
    assert.equal(removed.volumesRemoved, 1);
    assert.equal(engine.volumes.size, 0);
  });

  it("creates pods a bounded few at a time but removes them all at once, each with its service's grace period", async () => {
    const engine = new FakeEngine(IMAGES);
    const desired = desiredFrom(SHOP.replace('replicas: 2', 'replicas: 9').replace('  api:\n', '  api:\n    stopGracePeriod: 3s\n'));
    let inFlight = 0;
    const most = { create: 0, remove: 0 };
    const graces: number[] = [];
    /** Holds every call for a few turns of the event loop, so calls the executor issues together overlap. */
    const overlapping =
      <A extends unknown[], R>(kind: 'create' | 'remove', call: (...args: A) => Promise<R>) =>
      async (...args: A) => {
        most[kind] = Math.max(most[kind], ++inFlight);
        for (let turn = 0; turn < 5; turn++) await new Promise(setImmediate);
        inFlight--;
        return call(...args);
      };
    const port: EnginePort = engine;
    port.createPod = overlapping('create', engine.createPod.bind(engine));
    const remove = engine.removePod.bind(engine);
    port.removePod = overlapping('remove', (ids: string[], graceMs: number) => (graces.push(graceMs), remove(ids)));
    await up(desired, engine, { clock: instant, concurrency: 2 });
    await down('shop', engine, { removeVolumes: false, desired, concurrency: 2 });
    assert.deepEqual(most, { create: 2, remove: 10 });
    assert.deepEqual(
      graces.sort((a, b) => a - b),
      [3000, ...Array<number>(9).fill(10_000)],
    );
    assert.deepEqual(engine.containers, []);
  });
});
