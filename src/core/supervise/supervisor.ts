// Keeps a project at its desired state while it runs (`flotilla up --watch`, later the editor).
// Level-based: engine events only mark the project dirty; each pass re-lists and re-plans. A
// full resync runs every resyncMs for anything the event stream dropped. Restarts of crashed
// pods wait out their backoff, so a crash loop never turns into a tight loop. With a probe
// runner, running containers are probed (health/probe-scheduler.ts); a container that turns unhealthy
// marks the project dirty, and the plan replaces its pod like a crashed one. With service
// ports, exposed services are served while it runs and routed to their ready pods (serving/router.ts).
// With rollouts, a changed service is rolled out by its strategy, not replaced at once
// (rollout/supervised-rollouts.ts), and a new desired state can be handed to it while it runs.

import type { BackoffPolicy } from '../reconcile/backoff';
import type { Clock } from '../ports/clock';
import type { ProgressEvent } from '../reconcile/executor';
import type { EngineEvent, EngineEvents, EnginePort, EventStreamStatus, ProbeRunner } from '../ports/engine';
import type { ServicePortHost, ServingNote } from '../serving/router';
import type { RolloutNote, SupervisorRollouts } from '../rollout/supervised-rollouts';
import type { ContainerHealth, DesiredState } from '../model/state';
import { SupervisorLoop } from './supervisor-loop';

export type SupervisorNote =
  | { kind: 'event'; event: EngineEvent }
  | { kind: 'stream'; status: EventStreamStatus }
  | { kind: 'heal-delayed'; pod: string; crashes: number; inMs: number }
  | { kind: 'progress'; event: ProgressEvent }
  | { kind: 'pass-failed'; error: Error }
  /** A probed container's health changed (or a probe result arrived). */
  | { kind: 'health'; containerId: string; service: string; pod: string; container: string; health: ContainerHealth }
  | ServingNote
  | RolloutNote
  /** A new desired state was handed over (flotilla up while this supervisor runs). */
  | { kind: 'desired-changed'; services: string[] };

/** New desired states handed to a running supervisor (e.g. by `flotilla up` in another process). */
export interface DesiredUpdates {
  follow(onDesired: (desired: DesiredState) => void, signal: AbortSignal): void;
}

export interface SupervisorOptions {
  clock?: Clock;
  resyncMs?: number;
  /** Events come in bursts (a pod's containers die together): one pass per burst. */
  debounceMs?: number;
  backoff?: BackoffPolicy;
  concurrency?: number;
  /** Runs the manifest's health probes; without it nothing is probed. */
  probes?: ProbeRunner;
  /** Serves the exposed services' host ports while supervising (closed when it stops). */
  servicePorts?: ServicePortHost;
  /** Rolls changed services out by their strategy and leaves other processes' rollouts alone. */
  rollouts?: SupervisorRollouts;
  desiredUpdates?: DesiredUpdates;
  onNote?: (note: SupervisorNote) => void;
}

export async function supervise(desired: DesiredState, engine: EnginePort & EngineEvents, signal: AbortSignal, options: SupervisorOptions = {}): Promise<void> {
  await new SupervisorLoop(desired, engine, signal, options).run();
}
