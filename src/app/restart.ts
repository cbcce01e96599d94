// Restart: a rolling restart of a service through the rollout machine (core/deploy.ts
// restartService): new pods of the same spec replace the old ones by the service's strategy,
// each old pod drained before it goes, so the service port keeps serving. Whoever serves the
// port does it: with no supervisor, this process (serving the port meanwhile); with one, here or
// in another process, that supervisor, asked through a restart record in the revision file
// (its next pass resumes it like an interrupted rollout) and woken by a hand-over.

import { restartService as restartHere, type DeployOutcome } from '../core/rollout/deploy';
import type { Diagnostic } from '../core/model/diagnostics';
import { findRevision, inProgressRevision, recordRevision, rememberDeployed, type RevisionStore } from '../core/rollout/revisions';
import type { DesiredService, DesiredState, ObservedPod } from '../core/model/state';
import type { AppEnv, Refusal, RunOptions } from './env';
import { applied, securityRefusal, supervisorOf, unknownServices, type Supervised } from './policy';
import { withRolloutSession, type RolloutRun } from './rollout-session';

export type RestartResult =
  | Refusal
  | { kind: 'refused'; reason: 'no-pods'; service: string }
  /** These services run another spec than the manifest's: a restart would deploy it (Up or Deploy first). */
  | { kind: 'refused'; reason: 'not-applied'; services: string[] }
  /** Another rollout of the service is under way: a restart waits for it. */
  | { kind: 'refused'; reason: 'rollout-in-progress'; service: string; revision: number }
  | ({ kind: 'restarted'; pods: number } & RolloutRun)
  /** The supervisor ran it: its outcome, or none when it stopped (or following ended) first. */
  | { kind: 'restarted-by-supervisor'; owner: Supervised; pods: number; outcome?: DeployOutcome; revision: number };

export async function restartServiceOf(manifest: DesiredState, diagnostics: readonly Diagnostic[], service: string, env: AppEnv, options: RunOptions = {}): Promise<RestartResult> {
  const refused = securityRefusal(diagnostics) ?? unknownServices(manifest, [service]);
  if (refused) return refused;
  // What runs, not an edit saved since: a restart replaces pods, it does not deploy.
  const desired = applied(env, manifest);
  const spec = desired.services.find((s) => s.name === service) as DesiredService;
  const engine = await env.engine();
  const observed = await engine.listProject(desired.project, options.signal);
  const pods = observed.pods.filter((p) => p.service === service);
  if (pods.length === 0) return { kind: 'refused', reason: 'no-pods', service };
  const store = env.revisions(desired.project);
  const open = inProgressRevision(await store.read(), service);
  const owner = supervisorOf(env, desired.project);
  // The state a restart rolls out must be what runs: here the service's spec; beside another
  // process's supervisor, which is handed the whole manifest, every service's.
  if (owner?.kind !== 'here') {
    const checked = owner ? desired.services : [spec];
    const services = checked.filter((s) => observed.pods.some((p) => p.service === s.name && p.specHash !== s.specHash)).map((s) => s.name);
    if (services.length > 0 && !open) return { kind: 'refused', reason: 'not-applied', services };
  }
  if (open && (owner || (open.owner !== undefined && env.ownerAlive(Number(open.owner)))))
    return { kind: 'refused', reason: 'rollout-in-progress', service, revision: open.number };
  const now = env.clock.now();
  const atLeast = pods.reduce((max, p) => Math.max(max, p.revision + 1), 0);
  await rememberRunning(store, spec, pods, now);
  if (!owner) {
    const run = await withRolloutSession(desired, env, options, async (ctx, deployOptions) => [await restartHere(desired, service, ctx, deployOptions)]);
    return { kind: 'restarted', pods: pods.length, ...run };
  }
  // Recorded with no owner: the supervisor's next pass takes it up as an interrupted rollout and runs it.
  let revision = 0;
  await store.update((file) => {
    const recorded = recordRevision(file, spec, now, { atLeast, restart: true });
    revision = recorded.revision.number;
    return recorded.file;
  });
  options.onEvent?.({ kind: 'restart-requested', service, revision });
  env.supervision.handOver(env.supervision.kept(desired.project) ?? desired);
  const outcome = await followRecord(desired, spec, revision, env, options);
  return { kind: 'restarted-by-supervisor', owner, pods: pods.length, outcome, revision };
}

/** The spec the pods run, remembered as deployed when the history does not know it yet (pods started by up). */
async function rememberRunning(store: RevisionStore, spec: DesiredService, pods: ObservedPod[], now: number): Promise<void> {
  if (pods.some((p) => p.specHash !== spec.specHash)) return;
  const atLeast = Math.max(...pods.map((p) => p.revision));
  await store.update((file) => rememberDeployed(file, spec, atLeast, now));
}

/** Waits until the record has a result (bounded by the rollout's own deadlines), the supervisor stops, or the signal aborts. */
async function followRecord(desired: DesiredState, spec: DesiredService, revision: number, env: AppEnv, options: RunOptions): Promise<DeployOutcome | undefined> {
  const store = env.revisions(desired.project);
  const limit = env.clock.now() + (spec.deploy.healthyDeadlineMs + spec.deploy.drainTimeoutMs) * (spec.replicas + 1) + 30_000;
  while (!options.signal?.aborted && env.clock.now() < limit) {
    const record = findRevision(await store.read(), spec.name, revision);
    if (!record) return undefined;
    if (record.result !== 'in progress') return { service: spec.name, revision, result: record.result };
    if (env.supervision.owner(desired.project).kind === 'none') return undefined;
    await env.clock.sleep(300, options.signal).catch(() => undefined);
  }
  return undefined;
}
