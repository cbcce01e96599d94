// One read model: a project this window supervises is listed and watched by its supervisor only.
// The refresh neither lists nor follows it; the store shows what the supervisor publishes in
// process (its listings, its engine events, its live view's health and held-back restarts).
// Fake engine, manual clock: every pass is driven by the test.
import assert from 'node:assert/strict';
import type { EngineEvent, EngineEvents, EnginePort, EventStreamStatus } from '../../../src/core/ports/engine';
import { FlotillaStore } from '../../../src/core/status/store';
import { RefreshManager } from '../../../src/vscode/refresh';
import { Supervisors } from '../../../src/vscode/supervision';
import { QuietEngine } from '../fake-engine';
import { ManualClock } from '../manual-clock';
import { desiredFrom } from '../manifests';
import { useTempStateHome } from '../state-home';

/** The quiet fake, with an event stream the test drives (to every watcher: the supervisor's and the refresh's). */
class EventfulEngine extends QuietEngine {
  watchers: { onEvent: (e: EngineEvent) => void; signal: AbortSignal }[] = [];
  override watchEvents(_project: string, onEvent: (e: EngineEvent) => void, onStatus: (s: EventStreamStatus) => void, signal?: AbortSignal): void {
    this.watchers.push({ onEvent, signal: signal as AbortSignal });
    onStatus({ state: 'connected' });
  }
  emit(event: EngineEvent): void {
    for (const w of this.watchers) if (!w.signal.aborted) w.onEvent(event);
  }
  lists(): number {
    return this.calls.filter((c) => c === 'list').length;
  }
}

const PROJECT = 'readmodel';
const manifest = (services: string) => desiredFrom(`version: 1\nproject: ${PROJECT}\nservices:\n${services}`);
const WEB = `  web:
    containers: { app: { image: web:1 } }
    health: { exec: ["true"], interval: 10s }
`;
const FLAKY = `  flaky:
    containers: { main: { image: bad:1 } }
`;

describe('one read model for a project this window supervises', () => {
  useTempStateHome('readmodel');
  let clock: ManualClock;
  let engine: EventfulEngine;
  let store: FlotillaStore;
  let supervisors: Supervisors;
  let refresh: RefreshManager;
  /** Listings the refresh asked for (the supervisor's go to the engine directly). */
  let refreshLists: number;

  beforeEach(async () => {
    clock = new ManualClock();
    engine = new EventfulEngine(['web:1', 'bad:1']);
    engine.crashingImages.add('bad:1');
    store = new FlotillaStore(clock);
    supervisors = new Supervisors(store, () => undefined, clock);
    refreshLists = 0;
    const seenByRefresh = {
      listProject: (project: string) => {
        refreshLists++;
        return engine.listProject(project);
      },
      watchEvents: engine.watchEvents.bind(engine),
    } as unknown as EnginePort & EngineEvents;
    refresh = new RefreshManager(store, { get: async () => seenByRefresh, noteFailure: () => undefined }, { clock, supervisedHere: (p) => supervisors.isSupervising(p) });
    supervisors.onDidChange(() => refresh.supervisionChanged());
    refresh.setProjects([PROJECT]);
    refresh.setArmed(true);
    await clock.advance(0);
  });

  afterEach(async () => {
    await supervisors.stopAll();
    refresh.dispose();
  });

  it('lists once per supervisor pass, never from the refresh, and shows the observed state and health', async () => {
    const armedLists = engine.lists();
    assert.equal(armedLists, 1, 'before supervising, the armed refresh lists the project once');
    const supervision = supervisors.supervision(async () => engine);
    assert.deepEqual(supervision.owner(PROJECT), { kind: 'none' });
    supervisors.start(manifest(WEB), engine);
    assert.deepEqual(supervision.owner(PROJECT), { kind: 'here' }, 'use cases see this window supervising');
    await clock.advance(100); // the first pass (after the supervisor's 100 ms debounce)
    assert.equal(engine.lists() - armedLists, 1, 'one pass, one listing');
    assert.equal(engine.watchers.filter((w) => !w.signal.aborted).length, 1, "only the supervisor follows the project's events");

    // The next passes: an engine event (the refresh would have listed after its 500 ms
    // debounce too), then the 30 s resync (the refresh's is 60 s).
    await clock.advance(1000);
    const before = engine.lists();
    const app = engine.containers.find((c) => c.pod === 'web-1')!;
    engine.emit({ time: clock.now(), action: 'start', containerId: app.id, project: PROJECT, pod: 'web-1', container: 'app' });
    await clock.advance(1000);
    assert.equal(engine.lists() - before, 1, 'an event: one pass, one listing');
    await clock.advance(30_000);
    assert.equal(engine.lists() - before, 2, 'the resync: one more');
    await clock.advance(60_000);
    assert.equal(engine.lists() - before, 4, 'two more resyncs');
    assert.equal(refreshLists, armedLists, 'nothing listed by the refresh while the supervisor runs');

    const snapshot = store.project(PROJECT)!;
    assert.deepEqual(
      snapshot.observed?.pods.map((p) => [p.name, p.containers[0]?.state]),
      [['web-1', 'running']],
    );
    assert.equal(snapshot.health.get(app.id)?.status, 'healthy', "the supervisor's probes, through its live view");
    assert.deepEqual(snapshot.supervision, { mode: 'editor' });
    assert.ok(
      store.events(PROJECT).some((e) => e.message === 'web-1/app started'),
      "the supervisor's engine events reach the event log",
    );
    assert.equal(store.events(PROJECT).filter((e) => e.message === 'web-1/app started').length, 1, 'recorded once');

    // Supervision stops: the refresh follows the project again.
    await supervisors.stop(PROJECT);
    await clock.advance(1000); // its listing at once, and the one after its event stream connects
    const after = engine.lists();
    assert.ok(after > before + 4, 'listed by the refresh once no longer supervised here');
    await clock.advance(60_000);
    assert.equal(engine.lists(), after + 1, "the refresh's 60 s resync is back");
  });

  it("shows a held-back restart from the supervisor's live view, still without a refresh listing", async () => {
    supervisors.start(manifest(FLAKY), engine);
    const refreshListsAtStart = refreshLists;
    // The pod crashes at every start: restarted at once, then after 10 s, 20 s, 40 s of backoff;
    // with passes every 30 s, the restart answering crash 5 is held back.
    for (let i = 0; i < 10 && !store.project(PROJECT)?.backoff.has('flaky-1'); i++) await clock.advance(30_000);
    const backoff = store.project(PROJECT)?.backoff.get('flaky-1');
    assert.ok(backoff && backoff.until > clock.now(), 'the held-back restart is in the store');
    assert.equal(store.project(PROJECT)?.observed?.pods[0]?.containers[0]?.state, 'exited');
    assert.ok(
      store.events(PROJECT).some((e) => e.kind === 'backoff' && /^flaky-1: restarting in \d+s \(crash \d+\)$/.test(e.message)),
      store
        .events(PROJECT)
        .map((e) => e.message)
        .join('\n'),
    );
    assert.equal(refreshLists, refreshListsAtStart, 'the refresh listed nothing');
  });
});
