// Supervision for a process that does not supervise the project itself (plain CLI commands, and
// what a supervising process sees of the others): whoever holds the project's lock file
// supervises it, and a new desired state reaches it through the handover file. A lock held by
// this very process is "here".

import { handOverDesired } from '../host/desired-handover';
import { supervisorOwner } from '../host/supervisor-lock';
import type { Supervision, SupervisorOwner } from './supervision';

export function lockFileSupervision(pid = process.pid): Supervision {
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
