// Up: converge the project on the manifest, or, when a supervisor runs (this window, or another
// process such as `flotilla up --watch`), hand the manifest to it: it rolls changed services out
// by their strategy instead of this process recreating pods under it. Services with a rollout in
// progress are left to it. Where this process can supervise (the editor), it starts supervising
// after converging.

import type { Diagnostic } from '../core/model/diagnostics';
import type { DesiredState } from '../core/model/state';
import { convergeHere, handOver, type Converged, type HandedOver } from './converge';
import type { AppEnv, Refusal, RunOptions } from './env';
import { effective, securityRefusal, supervisorOf } from './policy';
import type { SupervisorOwner } from './supervision';

export type UpResult = Refusal | HandedOver | (Converged & { desired: DesiredState; supervisor?: SupervisorOwner });

export interface UpOptions extends RunOptions {
  concurrency?: number;
  /** Start supervising here afterwards, where this process can (Supervision.start). */
  supervise?: boolean;
}

export async function upProject(manifest: DesiredState, diagnostics: readonly Diagnostic[], env: AppEnv, options: UpOptions = {}): Promise<UpResult> {
  const refused = securityRefusal(diagnostics);
  if (refused) return refused;
  const desired = effective(env, manifest);
  const owner = supervisorOf(env, desired.project);
  if (owner) return handOver(desired, owner, env, options);
  const converged = await convergeHere(desired, env, options);
  const supervisor = options.supervise && env.supervision.start ? await env.supervision.start(desired) : undefined;
  return { ...converged, desired, supervisor };
}
