// What a supervisor on this machine needs to run rollouts (src/core/supervised-rollouts.ts):
// the shared revision file, this process as the owner, and probe health for the new pods.
// Shared by `up --watch` and the editor's supervisor.

import { systemClock } from '../core/clock';
import { ProbedHealth } from '../core/deploy-health';
import type { ProbeRunner } from '../core/ports';
import type { SupervisorRollouts } from '../core/supervised-rollouts';
import { FileRevisionStore } from './revision-store';
import { alive } from './supervisor-lock';

export function supervisorRollouts(project: string, probes: ProbeRunner): { rollouts: SupervisorRollouts; dispose: () => void } {
  const health = new ProbedHealth(probes, systemClock);
  const rollouts: SupervisorRollouts = {
    store: new FileRevisionStore(project),
    owner: String(process.pid),
    ownerAlive: (owner) => {
      const pid = Number(owner);
      return Number.isInteger(pid) && pid > 0 && alive(pid);
    },
    health,
  };
  return { rollouts, dispose: () => health.dispose() };
}
