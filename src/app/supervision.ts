// How a use case sees supervision, whichever front end runs it: who supervises a project, how a
// new desired state reaches that supervisor, and (where this process can) starting and stopping
// one here. The editor's window and `flotilla up --watch` supervise "here"; any other process
// is seen through the lock file in the state directory.

import type { DesiredState } from '../core/state';

export type SupervisorOwner = { kind: 'none' } | { kind: 'here' } | { kind: 'process'; pid: number };

export interface Supervision {
  /** Who supervises the project now. */
  owner(project: string): SupervisorOwner;
  /** Gives the running supervisor a new desired state (here: in process; another process: the handover file). */
  handOver(desired: DesiredState): void;
  /** The desired state the supervisor here keeps, if one runs here. */
  kept(project: string): DesiredState | undefined;
  /** Starts supervising here; returns who supervises afterwards (another process may hold the lock). Absent where this process cannot supervise (plain CLI commands). */
  start?(desired: DesiredState): Promise<SupervisorOwner>;
  /** Stops the supervisor here, if any. keepPorts: paused and started again at once, service ports stay open. */
  stop?(project: string, options?: { keepPorts?: boolean }): Promise<void>;
}
