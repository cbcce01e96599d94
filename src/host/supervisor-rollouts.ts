// What a supervisor on this machine needs to run rollouts (src/core/rollout/supervised-rollouts.ts):
// the shared revision file and this process as the owner. Health comes from the supervisor's
// own probes (SupervisorProbeHealth), so nothing is probed twice. Shared by `up --watch` and
// the editor's supervisor.

import type { SupervisorRollouts } from '../core/rollout/supervised-rollouts';
import { FileRevisionStore } from './revision-store';
import { alive } from './supervisor-lock';

export function supervisorRollouts(project: string): SupervisorRollouts {
  return {
    store: new FileRevisionStore(project),
    owner: String(process.pid),
    ownerAlive: (owner) => {
      const pid = Number(owner);
      return Number.isInteger(pid) && pid > 0 && alive(pid);
    },
  };
}
