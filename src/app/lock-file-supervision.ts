// Supervision for a process that never supervises (plain CLI commands): whoever holds the
// project's lock file supervises it, and a new desired state reaches it through the handover file.

import { handOverDesired } from '../host/desired-handover';
import { supervisorOwner } from '../host/supervisor-lock';
import type { Supervision, SupervisorOwner } from './supervision';

export function lockFileSupervision(): Supervision {
  return {
    owner: (project): SupervisorOwner => {
      const pid = supervisorOwner(project);
      return pid === undefined ? { kind: 'none' } : { kind: 'process', pid };
    },
    handOver: (desired) => handOverDesired(desired),
    kept: () => undefined,
  };
}
