// The environment use cases run in on this machine: the shared revision file in the state
// directory, the system clock, this process. Front ends add their engine and supervision.

import { systemClock } from '../core/ports/clock';
import { FileRevisionStore } from '../host/revision-store';
import { alive } from '../host/supervisor-lock';
import type { AppEngine, AppEnv } from './env';
import { HeldReplicas, type ReplicaOverrides } from './replicas';
import type { Supervision } from './supervision';

export function nodeEnv(parts: { engine: () => Promise<AppEngine>; supervision: Supervision; replicas?: ReplicaOverrides }): AppEnv {
  let engine: Promise<AppEngine> | undefined;
  return {
    engine: () => (engine ??= parts.engine()),
    revisions: (project) => new FileRevisionStore(project),
    supervision: parts.supervision,
    replicas: parts.replicas ?? new HeldReplicas(),
    clock: systemClock,
    ownerPid: process.pid,
    ownerAlive: alive,
  };
}
