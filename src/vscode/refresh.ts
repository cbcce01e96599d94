// Keeps the store's picture of each project fresh without polling fast (vscode-containers'
// RefreshManager): engine events are hints that schedule one re-list (debounced 500 ms, so a burst
// costs one listProject call), a fallback resync runs every 60 s for anything the stream dropped.
// Armed only while a Flotilla view or a manifest is visible; disarmed it costs nothing. A project
// this window supervises is neither listed nor watched here: its supervisor lists and watches it,
// and feeds the store itself (one read model). No vscode import: driven by ctx.ts, testable with
// a fake engine and a manual clock.

import { systemClock, type Clock } from '../core/ports/clock';
import type { EngineEvents, EnginePort } from '../core/ports/engine';
import type { ObservedState } from '../core/model/state';
import type { FlotillaStore } from '../core/status/store';
import { after, every } from './clock-timers';

export const REFRESH_DEBOUNCE_MS = 500;
export const FALLBACK_RESYNC_MS = 60_000;
/**
 * Docker sends `die` before its list shows the container stopped (100-300 ms on a loaded
 * engine, more at times): a listing that still shows a died container running is repeated
 * after another debounce, for at most this long, instead of waiting for the 60 s resync.
 */
export const DIED_RECHECK_LIMIT_MS = 5_000;

export interface RefreshEngineSource {
  get(): Promise<EnginePort & EngineEvents>;
  noteFailure(error: unknown): void;
}

interface Watch {
  abort: AbortController;
  stopResync: () => void;
}

export interface RefreshOptions {
  debounceMs?: number;
  resyncMs?: number;
  clock?: Clock;
  /** Projects whose supervisor runs in this window: it lists and watches them, not the refresh. */
  supervisedHere?: (project: string) => boolean;
}

export class RefreshManager {
  private readonly projects = new Set<string>();
  private readonly watches = new Map<string, Watch>();
  /** Per project: cancels its scheduled listing. */
  private readonly pending = new Map<string, () => void>();
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Per project: containers that died by the events, with the time, until a listing agrees. */
  private readonly died = new Map<string, Map<string, number>>();
  /** Projects left to this window's supervisor at the last supervisionChanged. */
  private readonly leftToSupervisor = new Set<string>();
  private armed = false;

  constructor(
    private readonly store: FlotillaStore,
    private readonly engines: RefreshEngineSource,
    private readonly options: RefreshOptions = {},
  ) {}

  private get clock(): Clock {
    return this.options.clock ?? systemClock;
  }

  private supervisedHere(project: string): boolean {
    return this.options.supervisedHere?.(project) ?? false;
  }

  /** The projects of the workspace's manifests; each is listed once when it appears. */
  setProjects(projects: Iterable<string>): void {
    const next = new Set(projects);
    for (const project of [...this.projects]) {
      if (!next.has(project)) {
        this.projects.delete(project);
        this.unwatch(project);
        this.store.forget(project);
      }
    }
    for (const project of next) {
      if (this.projects.has(project)) continue;
      this.projects.add(project);
      if (this.armed) this.watch(project);
      else void this.refresh(project);
    }
  }

  /** Armed: follow events and resync. Called when view visibility or supervision changes. */
  setArmed(armed: boolean): void {
    if (armed === this.armed) return;
    this.armed = armed;
    for (const project of this.projects) {
      if (armed) this.watch(project);
      else this.unwatch(project);
    }
  }

  /** After a reconnect: new event streams on the new engine, and a fresh listing now. */
  restart(): void {
    for (const project of this.projects) {
      this.unwatch(project);
      if (this.armed) this.watch(project);
      else void this.refresh(project);
    }
  }

  /**
   * A supervisor started or stopped in this window: a project it supervises is left to it; one
   * it no longer supervises is listed (and followed, when armed) here again.
   */
  supervisionChanged(): void {
    for (const project of this.projects) {
      if (this.supervisedHere(project)) {
        this.unwatch(project);
        this.leftToSupervisor.add(project);
      } else if (this.leftToSupervisor.delete(project)) {
        if (this.armed) this.watch(project);
        else void this.refresh(project);
      }
    }
  }

  /**
   * Re-lists now (Refresh command); concurrent calls for one project share the call. Not a
   * project this window supervises: its supervisor's passes list it.
   */
  refresh(project: string): Promise<void> {
    if (this.supervisedHere(project)) return Promise.resolve();
    const running = this.inFlight.get(project);
    if (running) return running;
    const work = (async () => {
      try {
        const engine = await this.engines.get();
        const observed = await engine.listProject(project);
        this.store.setObserved(observed);
        this.recheckIfLagging(project, observed);
      } catch (error) {
        this.engines.noteFailure(error);
        this.store.setError(project, (error as Error).message);
      } finally {
        this.inFlight.delete(project);
      }
    })();
    this.inFlight.set(project, work);
    return work;
  }

  refreshAll(): Promise<void> {
    return Promise.all([...this.projects].map((p) => this.refresh(p))).then(() => undefined);
  }

  dispose(): void {
    for (const project of [...this.watches.keys()]) this.unwatch(project);
  }

  private schedule(project: string): void {
    if (this.pending.has(project)) return;
    this.pending.set(
      project,
      after(this.clock, this.options.debounceMs ?? REFRESH_DEBOUNCE_MS, () => {
        this.pending.delete(project);
        void this.refresh(project);
      }),
    );
  }

  private watch(project: string): void {
    if (this.watches.has(project) || this.supervisedHere(project)) return;
    const abort = new AbortController();
    const stopResync = every(this.clock, this.options.resyncMs ?? FALLBACK_RESYNC_MS, () => void this.refresh(project));
    this.watches.set(project, { abort, stopResync });
    void this.refresh(project);
    this.engines.get().then(
      (engine) => {
        if (abort.signal.aborted) return;
        engine.watchEvents(
          project,
          (event) => {
            this.store.applyEngineEvent(project, event);
            if (event.action === 'die') this.diedIn(project).set(event.containerId, this.clock.now());
            this.schedule(project);
          },
          (status) => {
            this.store.setEventStream(project, status);
            // After a reconnect of the stream, what happened meanwhile is found by a listing.
            if (status.state === 'connected') this.schedule(project);
          },
          abort.signal,
        );
      },
      () => undefined, // shown through the store; Retry reconnects
    );
  }

  private diedIn(project: string): Map<string, number> {
    let died = this.died.get(project);
    if (!died) this.died.set(project, (died = new Map()));
    return died;
  }

  private recheckIfLagging(project: string, observed: ObservedState): void {
    const died = this.died.get(project);
    if (!died || died.size === 0) return;
    const running = new Set(observed.pods.flatMap((p) => p.containers.filter((c) => c.state === 'running').map((c) => c.id)));
    let lagging = false;
    for (const [id, at] of died) {
      if (running.has(id) && this.clock.now() - at < DIED_RECHECK_LIMIT_MS) lagging = true;
      else died.delete(id);
    }
    if (lagging && this.watches.has(project)) this.schedule(project);
  }

  private unwatch(project: string): void {
    const watch = this.watches.get(project);
    if (!watch) return;
    watch.abort.abort();
    watch.stopResync();
    this.watches.delete(project);
    this.died.delete(project);
    this.pending.get(project)?.();
    this.pending.delete(project);
  }
}
