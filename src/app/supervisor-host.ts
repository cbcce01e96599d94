// One supervisor, hosted in this process: what `flotilla up --watch` and the editor's window both
// run. It takes the project's lock, runs core `supervise` with probes, service ports, rollouts
// and the hand-over (the file other processes write, and in-process pushes), folds every note into
// a LiveView and publishes it beside the lock for `flotilla status` and other windows. Its caller
// gets the typed notes, the live snapshot and every listing the supervisor made, and words them.

import type { BackoffPolicy } from '../core/reconcile/backoff';
import { systemClock, type Clock } from '../core/ports/clock';
import { LiveView, type LiveSnapshot } from '../core/supervise/live-view';
import type { EngineEvents, EnginePort, ProbeRunner } from '../core/ports/engine';
import type { ServicePortHost } from '../core/serving/router';
import type { DesiredState, ObservedState } from '../core/model/state';
import { supervise, type SupervisorNote } from '../core/supervise/supervisor';
import { HandoverFollower } from '../host/desired-handover';
import { LiveStatusPublisher } from '../host/live-status';
import { acquireSupervisorLock } from '../host/supervisor-lock';
import { supervisorRollouts } from '../host/supervisor-rollouts';

/** What a supervisor needs: the engine, its events, and probes run through it. */
export type SupervisedEngine = EnginePort & EngineEvents & ProbeRunner;

export interface SupervisorTiming {
  backoff?: BackoffPolicy;
  resyncMs?: number;
}

export interface SupervisorHooks {
  /** Every note, after the live view folded it, with the transitions it told (empty when none). */
  onNote?(note: SupervisorNote, told: readonly string[]): void;
  /** Every listing the supervisor made, as the engine returned it (a copy the supervisor does not touch). */
  onListing?(observed: ObservedState): void;
  /** Trouble that does not stop supervising: the live status not published, a handover file unreadable. */
  onTrouble?(message: string): void;
}

export interface HostedSupervisor {
  readonly project: string;
  /** The desired state it keeps: the one it started with or the last handed over. */
  readonly desired: DesiredState;
  /** Resolves once it follows the engine's events (a crash before that waits for the resync). */
  readonly watching: Promise<void>;
  /** Settles when it stopped: resolves after stop(), rejects when supervising failed. */
  readonly done: Promise<void>;
  /** Gives it a new desired state, in process; it rolls changed services out by their strategy. */
  handOver(desired: DesiredState): void;
  snapshot(): LiveSnapshot;
  /** Stops supervising (the containers keep running) and releases the lock. */
  stop(): Promise<void>;
}

export type HostStart = { held: true; supervisor: HostedSupervisor } | { held: false; ownerPid: number };

export interface HostOptions {
  servicePorts: ServicePortHost;
  hooks?: SupervisorHooks;
  timing?: SupervisorTiming;
  clock?: Clock;
}

/** Supervises the project here, unless another live process holds its lock. */
export function hostSupervisor(desired: DesiredState, engine: SupervisedEngine, options: HostOptions): HostStart {
  const lock = acquireSupervisorLock(desired.project);
  if (!lock.held) return { held: false, ownerPid: lock.ownerPid };
  const hooks = options.hooks ?? {};
  const trouble = (message: string) => hooks.onTrouble?.(message);
  const abort = new AbortController();
  const view = new LiveView(desired.project, process.pid, options.clock ?? systemClock);
  const publisher = new LiveStatusPublisher(
    desired.project,
    () => view.snapshot(),
    (error) => trouble(`could not publish the live status: ${error.message}`),
  );
  let connected: () => void = () => undefined;
  const watching = new Promise<void>((resolve) => (connected = resolve));
  const fromFile = new HandoverFollower(desired.project, (error) => trouble(error.message));
  let pushed: (next: DesiredState) => void = () => undefined;
  let kept = desired;
  const done = supervise(desired, withListings(engine, hooks.onListing), abort.signal, {
    ...options.timing,
    clock: options.clock,
    probes: engine,
    servicePorts: options.servicePorts,
    rollouts: supervisorRollouts(desired.project),
    // Other processes (`flotilla up`, `flotilla deploy`) hand over through a file; this one in process.
    desiredUpdates: {
      follow: (onDesired, signal) => {
        fromFile.follow((next) => {
          kept = next;
          onDesired(next);
        }, signal);
        pushed = onDesired;
      },
    },
    onNote: (note) => {
      if (note.kind === 'stream' && note.status.state === 'connected') connected();
      const told = view.apply(note);
      publisher.changed();
      hooks.onNote?.(note, told);
    },
  }).finally(() => {
    publisher.close();
    lock.release();
  });
  const supervisor: HostedSupervisor = {
    project: desired.project,
    get desired() {
      return kept;
    },
    watching,
    done,
    handOver: (next) => {
      kept = next;
      pushed(next);
    },
    snapshot: () => view.snapshot(),
    stop: async () => {
      abort.abort();
      await done.catch(() => undefined);
    },
  };
  return { held: true, supervisor };
}

/** The engine, with every project listing also given to onListing (a copy, taken before the supervisor overlays it). */
function withListings(engine: SupervisedEngine, onListing: ((observed: ObservedState) => void) | undefined): SupervisedEngine {
  if (!onListing) return engine;
  return new Proxy(engine, {
    get(target, key) {
      if (key === 'listProject') {
        return async (project: string, signal?: AbortSignal) => {
          const observed = await target.listProject(project, signal);
          onListing(structuredClone(observed));
          return observed;
        };
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
