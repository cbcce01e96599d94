import assert from 'node:assert/strict';
import { KUBELET_BACKOFF, restartDelay, RestartBackoff } from '../../../src/core/backoff';
import type { Clock } from '../../../src/core/clock';
import type { EngineEvent, EngineEvents, EventStreamStatus } from '../../../src/core/ports';
import { supervise, type SupervisorNote } from '../../../src/core/supervisor';
import { up } from '../../../src/core/up';
import { FakeEngine } from '../fake-engine';
import { desiredFrom, SHOP } from '../manifests';

/** A clock that only moves when the test moves it; sleeps resolve when their time comes. */
class ManualClock implements Clock {
  private time = 0;
  private sleepers: { at: number; resolve: () => void }[] = [];
  now(): number {
    return this.time;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      this.sleepers.push({ at: this.time + ms, resolve });
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  }
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await new Promise((r) => setImmediate(r));
      const next = this.sleepers.filter((s) => s.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.time = Math.max(this.time, next.at);
      this.sleepers.splice(this.sleepers.indexOf(next), 1);
      next.resolve();
    }
    this.time = target;
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  }
}

class EventfulFakeEngine extends FakeEngine implements EngineEvents {
  emit: (event: EngineEvent) => void = () => undefined;
  watchEvents(_project: string, onEvent: (event: EngineEvent) => void, onStatus: (s: EventStreamStatus) => void): void {
    this.emit = onEvent;
    onStatus({ state: 'connected' });
  }
}

describe('restart backoff', () => {
  it('follows kubelet: immediate, then 10 s doubling to 5 min, forgotten after 10 min', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 10].map((n) => restartDelay(KUBELET_BACKOFF, n)), [0, 10_000, 20_000, 40_000, 80_000, 300_000]);
    const backoff = new RestartBackoff();
    backoff.recordRestart('web-1', 0);
    assert.equal(backoff.nextAllowedAt('web-1', 1000), 10_000);
    backoff.recordRestart('web-1', 10_000);
    assert.equal(backoff.nextAllowedAt('web-1', 10_000), 30_000);
    assert.equal(backoff.nextAllowedAt('web-1', 10_000 + 600_000), 610_000, 'reset after ten minutes');
  });
});

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
    engine.emit({ time: clock.now(), action: 'die', containerId: server.id, pod: 'api-1', container: 'server', exitCode: 137 });
    await clock.advance(150);
    const creations = () => engine.calls.filter((c) => c === 'create-pod api-1').length;
    const before = creations();
    engine.kill('api-1', 'server');
    await clock.advance(300);
    assert.equal(creations(), before + 1, 'healed by a re-list well before the 30 s resync');
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
