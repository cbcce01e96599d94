// Deploy: roll changed services out by their deploy.strategy (blue-green or rolling), rolling
// back on failure. A running supervisor gets the manifest handed over and rolls it out (it owns
// the service ports); with none, a process that can supervise (the editor) starts supervising
// and its supervisor rolls out, and one that cannot (`flotilla deploy`) runs the rollouts itself,
// serving the ports meanwhile.

import { deployService, type DeployOutcome } from '../core/rollout/deploy';
import type { Diagnostic } from '../core/model/diagnostics';
import type { DesiredState } from '../core/model/state';
import { handOver, type HandedOver } from './converge';
import type { AppEnv, Refusal, RunOptions } from './env';
import { effective, securityRefusal, supervisorOf, unknownServices } from './policy';
import { withRolloutSession, type RolloutRun } from './rollout-session';
import type { SupervisorOwner } from './supervision';

export type DeployResult = Refusal | HandedOver | { kind: 'supervising'; owner: SupervisorOwner } | ({ kind: 'deployed' } & RolloutRun);

export interface DeployUseOptions extends RunOptions {
  /** Supersede a rollout another live process runs. */
  force?: boolean;
}

/** Deploys the named services (default: all of the manifest's). */
export async function deployProject(
  manifest: DesiredState,
  diagnostics: readonly Diagnostic[],
  services: readonly string[] | undefined,
  env: AppEnv,
  options: DeployUseOptions = {},
): Promise<DeployResult> {
  const refused = securityRefusal(diagnostics) ?? unknownServices(manifest, services ?? []);
  if (refused) return refused;
  const desired = effective(env, manifest);
  const owner = supervisorOf(env, desired.project);
  if (owner) return handOver(desired, owner, env, options);
  if (env.supervision.start) return { kind: 'supervising', owner: await env.supervision.start(desired) };
  const names = services && services.length > 0 ? services : desired.services.map((s) => s.name);
  const run = await withRolloutSession(desired, env, options, async (ctx, deployOptions) => {
    const outcomes: DeployOutcome[] = [];
    for (const name of names) outcomes.push(await deployService(desired, name, ctx, deployOptions));
    return outcomes;
  });
  return { kind: 'deployed', ...run };
}
