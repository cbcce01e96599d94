// Supervision as a process that cannot supervise sees it (plain `flotilla` commands): another
// process supervises when it holds the lock in the state directory, and a new desired state
// reaches it through the hand-over file. Nothing is kept or started here.
// (The supervisor host replaces this adapter once it implements Supervision for the CLI.)

import { handOverDesired } from '../host/desired-handover';
import { supervisorOwner } from '../host/supervisor-lock';
import type { Supervision, SupervisorOwner } from './supervision';

export function lockSupervision(pid = process.pid): Supervision {
  return {
    owner: (project): SupervisorOwner => {
      const owner = supervisorOwner(project);
      if (owner === undefined) return { kind: 'none' };
      return owner === pid ? { kind: 'here' } : { kind: 'process', pid: owner };
    },
    handOver: (desired) => handOverDesired(desired),
    kept: () => undefined,
  };
}
