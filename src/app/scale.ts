// Scale: a replica count for now, from what runs (an edit saved but not applied is not rolled
// out by a scale). The count is held (ReplicaOverrides) until the manifest's own count for the
// service changes. A running supervisor, here or in another process, gets the scaled state
// handed over (it would otherwise scale back); with none, it is converged here.

import type { Diagnostic } from '../core/model/diagnostics';
import type { DesiredService, DesiredState } from '../core/model/state';
import { convergeHere, handOver, type Converged, type HandedOver } from './converge';
import type { AppEnv, Refusal, RunOptions } from './env';
import { applied, securityRefusal, supervisorOf, unknownServices } from './policy';
import { checkReplicas, maxReplicas, withReplicas } from './replicas';

export type ScaleResult =
  | Refusal
  | { kind: 'refused'; reason: 'bad-count'; problem: 'not-a-count' | 'too-many'; max: number }
  | ((HandedOver | Converged) & { service: string; replicas: number; manifestReplicas: number });

/** The service as it runs now (the count a picker shows), or undefined when the manifest lacks it. */
export function scaleBase(manifest: DesiredState, service: string, env: AppEnv): DesiredService | undefined {
  return applied(env, manifest).services.find((s) => s.name === service);
}

export async function scaleServiceTo(
  manifest: DesiredState,
  diagnostics: readonly Diagnostic[],
  service: string,
  count: string | number,
  env: AppEnv,
  options: RunOptions = {},
): Promise<ScaleResult> {
  const refused = securityRefusal(diagnostics) ?? unknownServices(manifest, [service]);
  if (refused) return refused;
  const base = applied(env, manifest);
  const spec = base.services.find((s) => s.name === service) as DesiredService;
  const bad = checkReplicas(String(count), maxReplicas(spec));
  if (bad) return { kind: 'refused', reason: 'bad-count', ...bad };
  const replicas = Number(String(count).trim());
  const manifestReplicas = manifest.services.find((s) => s.name === service)?.replicas ?? spec.replicas;
  env.replicas.set(manifest.project, service, replicas, manifestReplicas);
  const scaled = withReplicas(base, service, replicas);
  const owner = supervisorOf(env, manifest.project);
  const result = owner ? await handOver(scaled, owner, env, options) : await convergeHere(scaled, env, options);
  return { ...result, service, replicas, manifestReplicas };
}
