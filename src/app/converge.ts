// The two ways a use case applies a desired state: converge it here with core `up` (nobody
// supervises), or hand it to the running supervisor, which rolls changes out by each service's
// strategy (optionally followed until each change has an outcome).

import { up as converge, type UpResult as CoreUpResult } from '../core/reconcile/up';
import type { RevisionRecord } from '../core/rollout/revisions';
import type { DesiredState } from '../core/model/state';
import { rolloutsInProgress } from '../host/rollouts-in-progress';
import type { AppEnv, RunOptions } from './env';
import { upThroughSupervisor, type HandoverResult } from './follow-handover';
import type { Supervised } from './policy';

/** A service up left to its rollout: run by a live process (pid), or interrupted (none). */
export interface LeftAlone {
  service: string;
  revision: number;
  pid?: number;
}

export interface Converged {
  kind: 'applied';
  applied: number;
  observed: CoreUpResult['observed'];
  leftAlone: LeftAlone[];
}

export interface HandedOver {
  kind: 'handed-over';
  owner: Supervised;
  /** Set when followed: each change's outcome, and what was still under way. */
  followed?: HandoverResult;
}

/** Core up here, leaving services with a rollout in progress (or interrupted) to that rollout. */
export async function convergeHere(desired: DesiredState, env: AppEnv, options: RunOptions & { concurrency?: number }): Promise<Converged> {
  const engine = await env.engine();
  const rollouts = await rolloutsInProgress(
    desired.project,
    desired.services.map((s) => s.name),
    env.revisions(desired.project),
  ).catch((error: Error) => {
    options.onEvent?.({ kind: 'revisions-unreadable', error });
    return new Map<string, RevisionRecord>();
  });
  const result = await converge(desired, engine, {
    leaveAlone: new Set(rollouts.keys()),
    signal: options.signal,
    concurrency: options.concurrency,
    observability: engine,
    onProgress: (event) => options.onEvent?.({ kind: 'plan', event }),
    onRollback: (created) => options.onEvent?.({ kind: 'up-rolling-back', created }),
  });
  const leftAlone = result.leftAlone.map((service) => {
    const record = rollouts.get(service) as RevisionRecord;
    const pid = Number(record.owner);
    const live = Number.isInteger(pid) && pid > 0 && pid !== env.ownerPid && env.ownerAlive(pid);
    return { service, revision: record.number, pid: live ? pid : undefined };
  });
  return { kind: 'applied', applied: result.applied, observed: result.observed, leftAlone };
}

/** Gives the running supervisor the desired state; with `follow`, waits for each change's outcome. */
export async function handOver(desired: DesiredState, owner: Supervised, env: AppEnv, options: RunOptions): Promise<HandedOver> {
  if (!options.follow) {
    env.supervision.handOver(desired);
    return { kind: 'handed-over', owner };
  }
  const engine = await env.engine();
  const revisions = env.revisions(desired.project);
  const followed = await upThroughSupervisor(
    desired,
    {
      engine,
      readRevisions: () => revisions.read(),
      handOver: (next) => env.supervision.handOver(next),
      supervised: () => env.supervision.owner(desired.project).kind !== 'none',
    },
    { report: (message) => options.onEvent?.({ kind: 'following', message }), signal: options.signal, clock: env.clock },
  );
  return { kind: 'handed-over', owner, followed };
}
