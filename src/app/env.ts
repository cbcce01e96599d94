// What every use case runs against, whichever front end calls it (the editor's window or a
// `flotilla` command): the engine, the shared revision file, who supervises, the clock, this
// process, and the replica counts Scale holds. Progress comes back as typed events; the front
// ends word them (and the outcomes), app decides.

import type { Clock } from '../core/ports/clock';
import type { DeployNote, DeployOutcome } from '../core/rollout/deploy';
import type { FlotillaError } from '../core/model/errors';
import type { CreatedObjects, ProgressEvent } from '../core/reconcile/executor';
import type { EngineEvents, EngineObservability, EnginePort, ProbeRunner } from '../core/ports/engine';
import type { RevisionStore } from '../core/rollout/revisions';
import type { ProxyNote } from '../proxy';
import type { ReplicaOverrides } from './replicas';
import type { Supervision } from './supervision';

export type AppEngine = EnginePort & EngineEvents & EngineObservability & ProbeRunner;

export interface AppEnv {
  /** Connected on first use: a hand-over to a running supervisor needs no engine. */
  engine(): Promise<AppEngine>;
  revisions(project: string): RevisionStore;
  supervision: Supervision;
  replicas: ReplicaOverrides;
  clock: Clock;
  /** This process: the owner recorded on the rollouts it runs. */
  ownerPid: number;
  ownerAlive(pid: number): boolean;
}

export type AppEvent =
  /** A step of core up or down (converging here). */
  | { kind: 'plan'; event: ProgressEvent }
  /** Up failed and removes what it created. */
  | { kind: 'up-rolling-back'; created: CreatedObjects }
  /** The revision file could not be read; up goes on without knowing the rollouts in progress. */
  | { kind: 'revisions-unreadable'; error: Error }
  /** A rollout this process runs. */
  | { kind: 'deploy'; note: DeployNote }
  /** A rollout an earlier run left, finished (or rolled back) here before the asked-for work. */
  | { kind: 'resumed'; outcome: DeployOutcome }
  /** A service port this process serves during its rollouts. */
  | { kind: 'proxy'; service: string; note: ProxyNote }
  /** Another program holds a service's port: the rollout goes on without moving its traffic. */
  | { kind: 'port-skipped'; service: string; error: FlotillaError }
  /** Following a hand-over: what the supervisor is doing now (from core/supervised-up.ts). */
  | { kind: 'following'; message: string }
  /** Waiting for the supervisor to run a restart it was asked for. */
  | { kind: 'restart-requested'; service: string; revision: number };

export interface RunOptions {
  signal?: AbortSignal;
  onEvent?: (event: AppEvent) => void;
  /** After handing over to a running supervisor, follow it until each change has an outcome. */
  follow?: boolean;
}

export type Refusal =
  /** Settings that hand the host to a container, not in `allow:`. */
  { kind: 'refused'; reason: 'security'; settings: number } | { kind: 'refused'; reason: 'unknown-service'; unknown: string[]; services: string[] };
