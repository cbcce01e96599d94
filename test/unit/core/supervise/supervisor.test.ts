import assert from 'node:assert/strict';
import type { EngineEvent, EngineEvents, EventStreamStatus } from '../../../../src/core/ports/engine';
import type { ObservedState } from '../../../../src/core/model/state';
import { supervise, type SupervisorNote } from '../../../../src/core/supervise/supervisor';
import { up } from '../../../../src/core/reconcile/up';
import { FakeEngine } from '../../fake-engine';
import { ManualClock } from '../../manual-clock';
import { desiredFrom, SHOP } from '../../manifests';

class EventfulFakeEngine extends FakeEngine implements EngineEvents {
  emit: (event: EngineEvent) => void = () => undefined;
  watchEvents(_project: string, onEvent: (event: EngineEvent) => void, onStatus: (s: EventStreamStatus) => void): void {
    this.emit = onEvent;
    onStatus({ state: 'connected' });
  }
}

describe('supervise', () => {
  it('replaces a killed pod at once, then holds a crash loop back by the backoff schedule', async () => {
    const engine = new EventfulFakeEngine(['shop/web:1', 'shop/logdrain:1', 'shop/api:1']);
    const desired = desiredFrom(SHOP);
    const clock = new ManualClock();
    await up(desired, engine, { clock: { now: () => 0, sleep: async () => undefined } });
    const notes: SupervisorNote[] = [];
    const controller = new AbortController();
    const running = supervise(desired, engine, controller.signal, { clock, debounceMs: 100, resyncMs: 30_000, onNote: (n) => notes.push(n) });
    await clock.advance(200);
    const creations = () => engine.calls.filter((c) => c === 'create-pod api-1').length;
    const crash = async () => {
      engine.kill('api-1', 'server');
      engine.emit({ time: clock.now(), action: 'die', containerId: 'x', pod: 'api-1', container: 'server', exitCode: 137 });
      await clock.advance(200);
    };
    const before = creations();
    await crash();
    assert.equal(creations(), before + 1, 'first crash: replaced at once');
    await crash();
    assert.equal(creations(), before + 1, 'second crash: held back');
    const delayed = notes.find((n) => n.kind === 'heal-delayed');
    assert.ok(delayed && delayed.kind === 'heal-delayed' && delayed.inMs <= 10_000 && delayed.crashes === 1, JSON.stringify(delayed));
    await clock.advance(10_000);
    assert.equal(creations(), before + 2, 'replaced when the 10 s backoff ran out');
    await crash();
    await clock.advance(19_000);
    assert.equal(creations(), before + 2, 'third crash waits 20 s');
    await clock.advance(1_000);
    assert.equal(creations(), before + 3);
    controller.abort();
    await running;
  });

  it('re-lists when the list still shows a container running after its die event (the engine lags)', async () => {
    const engine = new EventfulFakeEngine(['shop/web:1', 'shop/logdrain:1', 'shop/api:1']);
    const desired = desiredFrom(SHOP);
    const clock = new ManualClock();
    await up(desired, engine, { clock: { now: () => 0, sleep: async () => undefined } });
    const controller = new AbortController();
    const running = supervise(desired, engine, controller.signal, { clock, debounceMs: 100, resyncMs: 30_000 });
    await clock.advance(200);
    const server = engine.containers.find((c) => c.pod === 'api-1')!;
    // The event arrives while the engine's list still says running.
    const creations = () => engine.calls.filter((c) => c === 'create-pod api-1').length;
    const before = creations();
    engine.emit({ time: clock.now(), action: 'die', containerId: server.id, pod: 'api-1', container: 'server', exitCode: 137 });
    await clock.advance(150);
    engine.kill('api-1', 'server');
    await clock.advance(300);
    assert.equal(creations(), before + 1, 'healed once, well before the 30 s resync');
    controller.abort();
    await running;
  });

  it('recreates a pod deleted by hand and removes an extra, on the periodic resync without events', async () => {
    const engine = new EventfulFakeEngine(['shop/web:1', 'shop/logdrain:1', 'shop/api:1']);
    const desired = desiredFrom(SHOP);
    const clock = new ManualClock();
    await up(desired, engine, { clock: { now: () => 0, sleep: async () => undefined } });
    const controller = new AbortController();
    const running = supervise(desired, engine, controller.signal, { clock, resyncMs: 30_000 });
    await clock.advance(200);
    await engine.removePod(engine.containers.filter((c) => c.pod === 'web-2').map((c) => c.id));
    await engine.createPod({ project: 'shop', service: desired.services[1]!, pod: 'api-2', revision: 1, network: 'flotilla-shop', node: 'local' });
    await clock.advance(29_000);
    assert.equal(engine.containers.filter((c) => c.pod === 'web-2').length, 0, 'no event: nothing yet');
    await clock.advance(1_500);
    assert.deepEqual([...new Set(engine.containers.map((c) => c.pod))].sort(), ['api-1', 'web-1', 'web-2']);
    controller.abort();
    await running;
  });
});

describe('supervise with probes', () => {
  it('replaces a pod whose probe fails failureThreshold times, and reports health notes', async () => {
    const engine = new EventfulFakeEngine(['i']);
    const desired = desiredFrom(`version: 1
project: p
services:
  web:
    containers: { app: { image: i } }
    health: { exec: [check], interval: 1s, failureThreshold: 2 }
`);
    const clock = new ManualClock();
    let healthy = true;
    const probes = { runProbe: async () => ({ ok: healthy, latencyMs: 1, output: healthy ? 'exit 0' : 'exit 1' }) };
    const notes: SupervisorNote[] = [];
    const controller = new AbortController();
    const running = supervise(desired, engine, controller.signal, { clock, probes, onNote: (n) => notes.push(n) });
    await clock.advance(200);
    engine.emit({ time: clock.now(), action: 'start', containerId: 'x' });
    await clock.advance(1500);
    const statuses = () => notes.flatMap((n) => (n.kind === 'health' ? [`${n.pod}/${n.container} ${n.health.status}`] : []));
    assert.deepEqual([...new Set(statuses())], ['web-1/app starting', 'web-1/app healthy']);
    const first = engine.containers[0]!.id;
    healthy = false;
    await clock.advance(2500);
    assert.ok(statuses().includes('web-1/app unhealthy'), statuses().join(', '));
    assert.equal(engine.calls.filter((c) => c === 'create-pod web-1').length, 2, 'replaced once');
    assert.notEqual(engine.containers[0]!.id, first);
    controller.abort();
    await running;
  });
});

describe('supervise and the engine list lagging behind a die event', () => {
  it('treats a container with a die event as exited even while the list still says running', async () => {
    const engine = new EventfulFakeEngine(['shop/web:1', 'shop/logdrain:1', 'shop/api:1']);
    const desired = desiredFrom(SHOP);
    const clock = new ManualClock();
    await up(desired, engine, { clock: { now: () => 0, sleep: async () => undefined } });
    const controller = new AbortController();
    const running = supervise(desired, engine, controller.signal, { clock });
    await clock.advance(200);
    const server = engine.containers.find((c) => c.pod === 'api-1')!;
    // The engine has not updated its list yet: only the event knows.
    engine.emit({ time: clock.now(), action: 'die', containerId: server.id, pod: 'api-1', container: 'server', exitCode: 137 });
    await clock.advance(200);
    assert.ok(engine.calls.includes(`remove-pod ${server.id}`), 'replaced on the event, not a resync later');
    assert.equal(engine.calls.filter((c) => c === 'create-pod api-1').length, 2);
    controller.abort();
    await running;
  });
  it('never changes a listing the engine returned: what it learned since is laid over a copy', async () => {
    // Every listing comes back frozen: writing to one (as the supervisor once did on a die event) would throw.
    class FrozenListings extends EventfulFakeEngine {
      override async listProject(project: string): Promise<ObservedState> {
        return deepFreeze(await super.listProject(project));
      }
    }
    const engine = new FrozenListings(['shop/web:1', 'shop/logdrain:1', 'shop/api:1']);
    const desired = desiredFrom(SHOP);
    const clock = new ManualClock();
    await up(desired, engine, { clock: { now: () => 0, sleep: async () => undefined } });
    const notes: SupervisorNote[] = [];
    const controller = new AbortController();
    const running = supervise(desired, engine, controller.signal, { clock, onNote: (n) => notes.push(n) });
    await clock.advance(200);
    const server = engine.containers.find((c) => c.pod === 'api-1')!;
    engine.emit({ time: clock.now(), action: 'die', containerId: server.id, pod: 'api-1', container: 'server', exitCode: 137 });
    engine.emit({ time: clock.now(), action: 'stop', containerId: engine.containers.find((c) => c.pod === 'web-1')!.id });
    await clock.advance(200);
    assert.deepEqual(
      notes.filter((n) => n.kind === 'pass-failed'),
      [],
    );
    assert.ok(engine.calls.includes(`remove-pod ${server.id}`), 'the die event still counts: the pod is replaced');
    controller.abort();
    await running;
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe('supervise and a pod that cannot be created', () => {
  it('backs off between attempts instead of retrying in a tight loop', async () => {
    const engine = new EventfulFakeEngine(['shop/web:1', 'shop/logdrain:1', 'shop/api:1']);
    engine.failingPods.add('api-1');
    const clock = new ManualClock();
    const notes: SupervisorNote[] = [];
    const controller = new AbortController();
    const running = supervise(desiredFrom(SHOP), engine, controller.signal, { clock, onNote: (n) => notes.push(n) });
    const attempts = () => engine.calls.filter((c) => c === 'create-pod api-1').length;
    await clock.advance(5_000);
    assert.equal(attempts(), 1, 'one attempt, then held');
    assert.ok(notes.some((n) => n.kind === 'heal-delayed' && n.pod === 'api-1'));
    await clock.advance(6_000);
    assert.equal(attempts(), 2, 'retried when the 10 s backoff ran out');
    assert.equal(engine.calls.filter((c) => c === 'create-pod web-1').length, 1, 'other pods are not held');
    controller.abort();
    await running;
  });
});
