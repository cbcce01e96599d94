import assert from 'node:assert/strict';
import { FlotillaError } from '../../../src/core/model/errors';
import type { EngineEvent, EngineEvents, EnginePort, EventStreamStatus } from '../../../src/core/ports/engine';
import { FlotillaStore } from '../../../src/core/status/store';
import { RefreshManager } from '../../../src/vscode/refresh';
import { FakeEngine } from '../fake-engine';
import { desiredFrom, SHOP } from '../manifests';

/** The fake engine with an event stream the test drives. */
class WatchableEngine extends FakeEngine implements EngineEvents {
  watchers: { project: string; onEvent: (e: EngineEvent) => void; signal: AbortSignal }[] = [];
  watchEvents(project: string, onEvent: (e: EngineEvent) => void, onStatus: (s: EventStreamStatus) => void, signal: AbortSignal): void {
    this.watchers.push({ project, onEvent, signal });
    onStatus({ state: 'connected' });
  }
  emit(action: string): void {
    for (const w of this.watchers) if (!w.signal.aborted) w.onEvent({ time: Date.now(), action, containerId: 'c1', project: w.project, pod: 'web-1', container: 'app' });
  }
  lists(): number {
    return this.calls.filter((c) => c === 'list').length;
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('refresh manager', () => {
  let engine: WatchableEngine;
  let store: FlotillaStore;
  let manager: RefreshManager;
  let failures: unknown[];

  beforeEach(() => {
    engine = new WatchableEngine();
    store = new FlotillaStore();
    failures = [];
    manager = new RefreshManager(store, { get: async () => engine as EnginePort & EngineEvents, noteFailure: (e) => failures.push(e) }, { debounceMs: 40, resyncMs: 60_000 });
  });
  afterEach(() => manager.dispose());

  it('lists each new project once while disarmed, and follows no events', async () => {
    manager.setProjects(['shop']);
    await pause(20);
    assert.equal(engine.lists(), 1);
    assert.equal(engine.watchers.length, 0);
    assert.ok(store.project('shop')?.observed);
  });

  it('armed, turns a burst of events into one debounced listing; disarmed, stops following', async () => {
    manager.setProjects(['shop']);
    manager.setArmed(true);
    await pause(20);
    const afterArming = engine.lists();
    for (const action of ['kill', 'die', 'destroy', 'create', 'start']) engine.emit(action);
    await pause(120);
    assert.equal(engine.lists() - afterArming, 1);
    assert.deepEqual(
      store
        .events('shop')
        .map((e) => e.message)
        .slice(0, 2),
      ['web-1/app started', 'web-1/app created'],
    );
    manager.setArmed(false);
    assert.ok(engine.watchers.every((w) => w.signal.aborted));
    engine.emit('die');
    await pause(80);
    assert.equal(engine.lists() - afterArming, 1);
  });

  it('lists again while the engine still lists a container running after its die event', async () => {
    const shop = desiredFrom(SHOP);
    await engine.createPod({ project: 'shop', service: shop.services[0]!, pod: 'web-1', revision: 1, network: 'flotilla-shop', node: 'local' });
    const app = () => store.project('shop')?.observed?.pods[0]?.containers.find((c) => c.id === 'c1');
    manager.setProjects(['shop']);
    manager.setArmed(true);
    await pause(20);
    // The die event arrives while the engine's list still says running (Docker commits the
    // stopped state after it sends the event).
    engine.emit('die');
    await pause(70);
    assert.equal(app()?.state, 'running');
    engine.kill('web-1', 'app');
    await pause(70);
    assert.equal(app()?.state, 'exited', 'a second listing, well before the 60 s resync');
    const lists = engine.lists();
    await pause(100);
    assert.equal(engine.lists(), lists, 'no more listings once the list agrees');
  });

  it('hands an unreachable engine to the connection and records the error, without throwing', async () => {
    const offline = new RefreshManager(store, {
      get: async () => {
        throw new FlotillaError('engine-unreachable', 'Cannot reach the Docker engine at unix:///x.sock (connection refused).');
      },
      noteFailure: (e) => failures.push(e),
    });
    offline.setProjects(['shop']);
    await offline.refresh('shop');
    offline.dispose();
    assert.equal(failures.length >= 1, true);
    assert.match(store.project('shop')?.lastError ?? '', /Cannot reach the Docker engine/);
  });
});
