// What the store shows of a project and announces when it changes: the read model's types,
// shared by the store (store.ts) and the editor's views.

import type { EventStreamStatus } from '../ports/engine';
import type { ContainerHealth, ObservedState } from '../model/state';

export type EngineStatus = { state: 'unknown' } | { state: 'reachable'; endpoint: string } | { state: 'unreachable'; endpoint: string; message: string };

export interface PodBackoff {
  /** Crashes so far; the pending restart is crash number crashes + 1. */
  crashes: number;
  /** When the held-back restart is due (ms since the epoch). */
  until: number;
}

/** How a container last ended, from die and oom events. */
export interface LastExit {
  exitCode?: number;
  oomKilled: boolean;
  at: number;
}

export type Supervision = { mode: 'none' } | { mode: 'editor' } | { mode: 'other'; ownerPid: number };

export interface ProjectSnapshot {
  project: string;
  observed?: ObservedState;
  /** By container id. */
  health: ReadonlyMap<string, ContainerHealth>;
  /** By pod name. */
  backoff: ReadonlyMap<string, PodBackoff>;
  /** By pod name: restarts seen while this editor watched. */
  restarts: ReadonlyMap<string, number>;
  /** Pods this window's supervisor is replacing right now. */
  healing: ReadonlySet<string>;
  /** By `pod/container`. */
  lastExit: ReadonlyMap<string, LastExit>;
  supervision: Supervision;
  /** The last failure of a reconcile pass or a listing, until the next success. */
  lastError?: string;
  eventStream?: EventStreamStatus;
}

export type StoreEventKind = 'created' | 'started' | 'died' | 'oom' | 'removed' | 'restarted' | 'health' | 'backoff' | 'failed' | 'stream' | 'engine';

export interface StoreEvent {
  /** Increasing; a stable id for views. */
  seq: number;
  time: number;
  project?: string;
  pod?: string;
  container?: string;
  kind: StoreEventKind;
  message: string;
  severity: 'info' | 'warning' | 'error';
}

export type ChangeKind = 'observed' | 'health' | 'backoff' | 'events' | 'engine' | 'supervision';

export interface StoreChange {
  /** Undefined for changes not tied to one project (the engine connection). */
  project?: string;
  kinds: ReadonlySet<ChangeKind>;
  /** Pods whose display changed; undefined means possibly all of the project. */
  pods?: readonly string[];
}
