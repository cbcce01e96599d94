// Rollouts run in this process when no supervisor runs (`flotilla deploy`, a rollback or a
// restart with nobody supervising): this process serves the exposed services' host ports for
// the length of the rollout, so traffic moves and drains as it goes, and probes the new pods.
// A port another program holds is left to it (that service's rollout goes on without moving its
// traffic, and an event says so); a port that cannot be served at all (an address this machine
// lacks, a privileged port) stops the use case before anything starts.

import { resumeRollouts, type DeployContext, type DeployOptions, type DeployOutcome } from '../core/rollout/deploy';
import { ProbedHealth } from '../core/rollout/health-source';
import { isFlotillaError } from '../core/model/errors';
import type { DesiredState } from '../core/model/state';
import { ServicePorts } from '../proxy';
import type { AppEnv, RunOptions } from './env';

export interface RolloutRun {
  /** Rollouts an earlier run left, finished (or rolled back) first. */
  resumed: DeployOutcome[];
  outcomes: DeployOutcome[];
}

/**
 * Serves the ports, first finishes (or rolls back) what an interrupted run left, then does
 * `work`; the ports close and probing stops when it ends.
 */
export async function withRolloutSession(
  desired: DesiredState,
  env: AppEnv,
  options: RunOptions & { force?: boolean },
  work: (ctx: DeployContext, deployOptions: DeployOptions) => Promise<DeployOutcome[]>,
): Promise<RolloutRun> {
  const engine = await env.engine();
  const onEvent = options.onEvent ?? (() => undefined);
  const ports = new ServicePorts((service, note) => onEvent({ kind: 'proxy', service, note }));
  for (const service of desired.services) {
    try {
      await ports.openOne(service);
    } catch (error) {
      if (!isFlotillaError(error, 'port-in-use')) {
        await ports.close();
        throw error;
      }
      onEvent({ kind: 'port-skipped', service: service.name, error });
    }
  }
  const health = new ProbedHealth(engine, env.clock);
  const ctx: DeployContext = {
    engine,
    health,
    traffic: ports,
    store: env.revisions(desired.project),
    clock: env.clock,
    owner: String(env.ownerPid),
    ownerAlive: (owner) => {
      const pid = Number(owner);
      return Number.isInteger(pid) && pid > 0 && env.ownerAlive(pid);
    },
  };
  const deployOptions: DeployOptions = { signal: options.signal, force: options.force, onNote: (note) => onEvent({ kind: 'deploy', note }) };
  try {
    const resumed = await resumeRollouts(desired, ctx, deployOptions);
    for (const outcome of resumed) onEvent({ kind: 'resumed', outcome });
    return { resumed, outcomes: await work(ctx, deployOptions) };
  } finally {
    health.dispose();
    await ports.close();
  }
}
