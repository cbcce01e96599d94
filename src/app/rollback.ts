// Rollback: redeploy a kept revision of a service (default: the deployed one before the
// current; the one rule is core/revisions.ts rollbackTarget). A running supervisor gets the
// manifest with that service's spec set to the revision and rolls it out by the strategy,
// keeping it until the manifest changes; with none, the editor starts supervising with it and
// `flotilla rollback` runs the rollout itself, serving the ports meanwhile.

import { rollbackService as rollbackHere } from '../core/rollout/deploy';
import type { Diagnostic } from '../core/model/diagnostics';
import { currentRevision, rollbackCandidates, type RevisionRecord } from '../core/rollout/revisions';
import type { DesiredState } from '../core/model/state';
import { desiredWithRevision } from '../core/rollout/supervised-rollouts';
import { handOver, type HandedOver } from './converge';
import type { AppEnv, Refusal, RunOptions } from './env';
import { effective, securityRefusal, supervisorOf, unknownServices } from './policy';
import { withRolloutSession, type RolloutRun } from './rollout-session';
import type { SupervisorOwner } from './supervision';

export type RollbackResult =
  Refusal | (HandedOver & { revision: RevisionRecord }) | { kind: 'supervising'; owner: SupervisorOwner; revision: RevisionRecord } | ({ kind: 'rolled-out' } & RolloutRun);

/** What a picker offers: the revision now serving and the ones a rollback may go to, newest first. */
export async function rollbackChoices(project: string, service: string, env: AppEnv): Promise<{ current?: RevisionRecord; candidates: RevisionRecord[] }> {
  const file = await env.revisions(project).read();
  return { current: currentRevision(file, service), candidates: rollbackCandidates(file, service) };
}

export async function rollbackServiceTo(
  manifest: DesiredState,
  diagnostics: readonly Diagnostic[],
  service: string,
  to: number | undefined,
  env: AppEnv,
  options: RunOptions & { force?: boolean } = {},
): Promise<RollbackResult> {
  const refused = securityRefusal(diagnostics) ?? unknownServices(manifest, [service]);
  if (refused) return refused;
  const desired = effective(env, manifest);
  const owner = supervisorOf(env, desired.project);
  if (owner || env.supervision.start) {
    const { desired: back, revision } = desiredWithRevision(desired, await env.revisions(desired.project).read(), service, to);
    if (owner) return { ...(await handOver(back, owner, env, options)), revision };
    const start = env.supervision.start as (d: DesiredState) => Promise<SupervisorOwner>;
    return { kind: 'supervising', owner: await start(back), revision };
  }
  const run = await withRolloutSession(desired, env, options, async (ctx, deployOptions) => [await rollbackHere(desired, service, to, ctx, deployOptions)]);
  return { kind: 'rolled-out', ...run };
}
