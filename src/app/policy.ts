// The small decisions every use case shares: what is refused before anything starts, and which
// desired state a use case works from.

import type { Diagnostic } from '../core/model/diagnostics';
import { refusedBySecurity } from '../core/manifest/security';
import type { DesiredState } from '../core/model/state';
import type { AppEnv, Refusal } from './env';
import type { SupervisorOwner } from './supervision';

/** Settings that hand the host to a container and are not in `allow:` refuse every use case that starts containers. */
export function securityRefusal(diagnostics: readonly Diagnostic[]): Refusal | undefined {
  const settings = refusedBySecurity([...diagnostics]).length;
  return settings > 0 ? { kind: 'refused', reason: 'security', settings } : undefined;
}

export function unknownServices(desired: DesiredState, names: readonly string[]): Refusal | undefined {
  const unknown = names.filter((name) => !desired.services.some((s) => s.name === name));
  return unknown.length > 0 ? { kind: 'refused', reason: 'unknown-service', unknown, services: desired.services.map((s) => s.name) } : undefined;
}

export type Supervised = Exclude<SupervisorOwner, { kind: 'none' }>;

/** Who supervises, when anyone does: then a new desired state is that supervisor's to roll out. */
export function supervisorOf(env: AppEnv, project: string): Supervised | undefined {
  const owner = env.supervision.owner(project);
  return owner.kind === 'none' ? undefined : owner;
}

/** The manifest with the counts Scale holds: what Up, Deploy and Rollback apply. */
export function effective(env: AppEnv, manifest: DesiredState): DesiredState {
  return env.replicas.effective(manifest);
}

/**
 * What Scale and Restart work from: the state the supervisor here keeps (what runs), so an edit
 * saved but not applied with Up is not rolled out by them; else the manifest with held counts.
 */
export function applied(env: AppEnv, manifest: DesiredState): DesiredState {
  return env.supervision.kept(manifest.project) ?? effective(env, manifest);
}
