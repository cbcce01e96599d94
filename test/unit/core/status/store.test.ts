import assert from 'node:assert/strict';
import type { Clock } from '../../../../src/core/ports/clock';
import type { EngineEvent } from '../../../../src/core/ports/engine';
import { observed, observedContainer } from '../../observed';
import { LiveView } from '../../../../src/core/supervise/live-view';
import { FlotillaStore, type StoreChange } from '../../../../src/core/status/store';
import type { SupervisorNote } from '../../../../src/core/supervise/supervisor';
import { describeBackoff } from '../../../../src/core/wording';

const clockAt = (time: { now: number }): Clock => ({ now: () => time.now, sleep: async () => undefined });

const event = (action: string, pod: string, container: string, extra: Partial<EngineEvent> = {}): EngineEvent => ({
  time: 1000,
  action,
  containerId: `${pod}-${container}-id`,
  pod,
  container,
  service: 'web',
  project: 'shop',
  ...extra,
});

describe('store', () => {
  let time: { now: number };
  let store: FlotillaStore;
  let changes: StoreChange[];

  beforeEach(() => {
    time = { now: 1_000_000 };
    store = new FlotillaStore(clockAt(time), 5);
    changes = [];
    store.onDidChange((c) => changes.push(c));
  });

  /** As the editor's supervisor feeds the store: the note's event, then its live view's state. */
  function ownSupervisor(): (note: SupervisorNote) => void {
    store.setSupervision('shop', { mode: 'editor' });
    const view = new LiveView('shop', 1, clockAt(time));
    return (note) => {
      view.apply(note);
      store.applySupervisorNote('shop', note);
      store.applyLiveSnapshot('shop', view.snapshot());
    };
  }

  it('keeps the latest listing per project and says it changed', () => {
    store.setObserved(observed('shop', [observedContainer('web-1', 'app')]));
    store.setObserved(observed('shop', [observedContainer('web-1', 'app'), observedContainer('web-2', 'app')]));
    assert.equal(store.project('shop')?.observed?.pods.length, 2);
    assert.deepEqual(
      changes.map((c) => [c.project, [...c.kinds]]),
      [
        ['shop', ['observed', 'events']],
        ['shop', ['observed', 'events']],
      ],
    );
  });

  it('records health from supervisor notes, with an event only when the status changes', () => {
    const health = (status: 'starting' | 'healthy' | 'unhealthy', failingStreak = 0, ok = true) => ({
      kind: 'health' as const,
      containerId: 'c1',
      service: 'web',
      pod: 'web-1',
      container: 'app',
      health: { status, failingStreak, lastProbe: { at: time.now, ok, latencyMs: 3, output: ok ? '' : 'connection refused' } },
    });
    const note = ownSupervisor();
    changes.length = 0;
    note(health('healthy'));
    note(health('healthy'));
    note(health('unhealthy', 3, false));
    assert.equal(store.project('shop')?.health.get('c1')?.failingStreak, 3);
    assert.equal(store.project('shop')?.supervision.mode, 'editor', "the window's own live view keeps it the window's");
    assert.deepEqual(
      store.events().map((e) => e.message),
      ['web-1/app: healthy -> unhealthy: connection refused (3 failed)', 'web-1/app: healthy (3 ms)'],
    );
    assert.equal(store.events()[0]?.severity, 'warning');
    // Each note: its event (when the status changed), then the live view's state.
    assert.deepEqual(
      changes.map((c) => [...c.kinds].sort().join('+')),
      ['events', 'backoff+health+supervision', 'backoff+health+supervision', 'events', 'backoff+health+supervision'],
    );
    assert.deepEqual(changes[3]?.pods, ['web-1']);
  });

  it('drops health of containers that are gone from the listing', () => {
    const note = ownSupervisor();
    note({ kind: 'health', containerId: 'web-1-app-id', service: 'web', pod: 'web-1', container: 'app', health: { status: 'healthy', failingStreak: 0 } });
    note({ kind: 'health', containerId: 'old', service: 'web', pod: 'web-1', container: 'app', health: { status: 'healthy', failingStreak: 0 } });
    store.setObserved(observed('shop', [observedContainer('web-1', 'app')]));
    assert.deepEqual([...(store.project('shop')?.health.keys() ?? [])], ['web-1-app-id']);
  });

  it("keeps a pod restart backoff from its supervisor's live view, with one event per crash", () => {
    const note = ownSupervisor();
    note({ kind: 'heal-delayed', pod: 'web-1', crashes: 3, inMs: 40_000 });
    time.now += 1000;
    note({ kind: 'heal-delayed', pod: 'web-1', crashes: 3, inMs: 39_000 });
    const backoff = store.project('shop')?.backoff.get('web-1');
    assert.deepEqual(backoff, { crashes: 3, until: time.now + 39_000 });
    assert.deepEqual(
      store.events().map((e) => e.message),
      ['web-1: restarting in 40s (crash 4)'],
    );
    // Cleared once the pod runs again after the backoff.
    time.now += 41_000;
    store.setObserved(observed('shop', [observedContainer('web-1', 'app')]));
    assert.equal(store.project('shop')?.backoff.has('web-1'), false);
  });

  it('counts restarts from listings: a pod replaced or a container running again, not a deploy or a new up', () => {
    const list = (...containers: Parameters<typeof observedContainer>[]) =>
      store.setObserved(
        observed(
          'shop',
          containers.map((c) => observedContainer(...c)),
        ),
      );
    list(['web-1', 'app'], ['web-1', 'side'], ['web-2', 'app'], ['web-3', 'app']);
    store.applyEngineEvent('shop', event('oom', 'web-1', 'app'));
    store.applyEngineEvent('shop', event('die', 'web-1', 'app', { exitCode: 137, time: 1050 }));
    // web-1 is healed: removed (one listing misses it), then created again with new containers.
    list(['web-2', 'app'], ['web-3', 'app']);
    list(['web-1', 'app', { id: 'new-app' }], ['web-1', 'side', { id: 'new-side' }], ['web-2', 'app'], ['web-3', 'app', { revision: 2, id: 'deployed' }]);
    // web-2's container is started again in place by the supervisor between two listings.
    store.applyEngineEvent('shop', event('die', 'web-2', 'app', { exitCode: 1, time: 1300 }));
    store.applySupervisorNote('shop', {
      kind: 'progress',
      event: {
        type: 'done',
        index: 1,
        total: 1,
        ms: 5,
        step: { action: { kind: 'start-containers', service: 'web', pod: 'web-2', containerIds: ['web-2-app-id'], containers: ['app'] }, reason: 'app exited', heal: true },
      },
    });
    list(['web-1', 'app', { id: 'new-app' }], ['web-1', 'side', { id: 'new-side' }], ['web-2', 'app'], ['web-3', 'app', { revision: 2, id: 'deployed' }]);
    const snapshot = store.project('shop');
    assert.deepEqual(
      [...snapshot!.restarts],
      [
        ['web-1', 1],
        ['web-2', 1],
      ],
    );
    assert.deepEqual(snapshot?.lastExit.get('web-1/app'), { exitCode: 137, oomKilled: true, at: 1050 });
    assert.deepEqual(
      store
        .events()
        .filter((e) => e.pod === 'web-1')
        .map((e) => e.message),
      ['web-1 restarted (restart 1)', 'web-1/app died (exit 137, out of memory)', 'web-1/app was killed: out of memory'],
    );
    // A die event followed by a listing that still says running is not a restart.
    store.applyEngineEvent('shop', event('die', 'web-3', 'app', { containerId: 'deployed', exitCode: 1 }));
    list(['web-1', 'app', { id: 'new-app' }], ['web-1', 'side', { id: 'new-side' }], ['web-2', 'app'], ['web-3', 'app', { revision: 2, id: 'deployed' }]);
    assert.equal(store.project('shop')?.restarts.has('web-3'), false);
    // Down (no pods, no network), then up: new pods, not restarts.
    store.setObserved({ ...observed('shop', []), networks: [] });
    list(['web-1', 'app', { id: 'after-up' }]);
    assert.equal(store.project('shop')?.restarts.get('web-1'), 1);
  });

  it('keeps the event log bounded, newest first, and ignores noise', () => {
    for (let i = 1; i <= 7; i++) store.applyEngineEvent('shop', event('create', `web-${i}`, 'app'));
    store.applyEngineEvent('shop', event('exec_start: sh', 'web-1', 'app'));
    assert.equal(store.events().length, 5);
    assert.equal(store.events()[0]?.message, 'web-7/app created');
    assert.equal(store.events()[4]?.message, 'web-3/app created');
    assert.ok(store.events()[0]!.seq > store.events()[1]!.seq);
  });

  it('reports the engine going away and coming back once each', () => {
    store.setEngineStatus({ state: 'unreachable', endpoint: 'unix:///nope.sock', message: 'connection refused' });
    store.setEngineStatus({ state: 'unreachable', endpoint: 'unix:///nope.sock', message: 'connection refused' });
    store.setEngineStatus({ state: 'reachable', endpoint: 'unix:///nope.sock' });
    assert.deepEqual(
      store.events().map((e) => e.message),
      ['Engine reachable again at unix:///nope.sock', 'Engine unreachable at unix:///nope.sock: connection refused'],
    );
    assert.equal(changes.length, 2);
    assert.ok(changes.every((c) => c.kinds.has('engine') && c.project === undefined));
  });

  it('records a failed reconcile pass as the project error until the next listing', () => {
    store.applySupervisorNote('shop', { kind: 'pass-failed', error: new Error('Image "x" is not on the engine') });
    assert.equal(store.project('shop')?.lastError, 'Image "x" is not on the engine');
    store.setObserved(observed('shop', []));
    assert.equal(store.project('shop')?.lastError, undefined);
  });

  it('marks a pod the supervisor is replacing until its new pod is created', () => {
    const remove = {
      action: { kind: 'remove-pod' as const, service: 'web', pod: 'web-1', containerIds: ['a'], graceMs: 0 },
      reason: 'its first container app exited with code 137',
      heal: true,
    };
    const create = { action: { kind: 'create-pod' as const, service: 'web', pod: 'web-1', revision: 1 }, reason: 'replacing pod web-1 (restart: always)', heal: true };
    const progress = (event: object) => store.applySupervisorNote('shop', { kind: 'progress', event: event as never });
    progress({ type: 'begin', step: remove, index: 1, total: 2 });
    assert.deepEqual([...store.project('shop')!.healing], ['web-1']);
    progress({ type: 'done', step: remove, index: 1, total: 2, ms: 5 });
    progress({ type: 'begin', step: create, index: 2, total: 2 });
    assert.ok(store.project('shop')!.healing.has('web-1'));
    progress({ type: 'done', step: create, index: 2, total: 2, ms: 5 });
    assert.equal(store.project('shop')!.healing.size, 0);
    assert.deepEqual(
      store.events().map((e) => e.message),
      ['web-1: restarting: its first container app exited with code 137'],
    );
  });

  it("takes probe health and backoff from another supervisor's live snapshot, and forgets them when it stops", () => {
    const health = { status: 'unhealthy' as const, failingStreak: 3 };
    store.applyLiveSnapshot('shop', {
      project: 'shop',
      pid: 4242,
      updatedAt: time.now,
      engine: 'connected',
      transitions: [],
      containers: { c1: { service: 'web', pod: 'web-1', container: 'app', health } },
      pods: { 'web-1': { restarts: 3, restartAt: time.now + 40_000, crash: 4 }, 'web-2': { restarts: 0 } },
    });
    const snapshot = store.project('shop')!;
    assert.deepEqual(snapshot.supervision, { mode: 'other', ownerPid: 4242 });
    assert.deepEqual(snapshot.health.get('c1'), health);
    const backoff = snapshot.backoff.get('web-1')!;
    assert.equal(describeBackoff('web-1', backoff.crashes + 1, backoff.until - time.now), 'web-1: restarting in 40s (crash 4)');
    assert.equal(snapshot.backoff.has('web-2'), false);
    store.applyLiveSnapshot('shop', undefined);
    assert.deepEqual(store.project('shop')!.supervision, { mode: 'none' });
    assert.equal(store.project('shop')!.health.size, 0);
    // This window's own supervisor stays this window's, whatever its snapshot says.
    store.setSupervision('shop', { mode: 'editor' });
    store.applyLiveSnapshot('shop', { project: 'shop', pid: 1, updatedAt: 0, engine: 'connected', transitions: [], containers: {}, pods: {} });
    store.applyLiveSnapshot('shop', undefined);
    assert.deepEqual(store.project('shop')!.supervision, { mode: 'editor' });
  });
});
