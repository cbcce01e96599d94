// Up on a supervised project, for either front end: list what runs, hand the manifest to the
// supervisor (this window's or another process's), then follow the revision file and the
// listing until every changed service has an outcome (src/core/supervise/supervised-up.ts decides).
// Cancelling stops the following only: the supervisor goes on with the rollout.

import { changesForUp, describeChanges, followLimitMs, followUp, revisionBaseline, type ServiceChange, type UpOutcome } from '../core/supervise/supervised-up';
import { systemClock, type Clock } from '../core/ports/clock';
import type { EnginePort } from '../core/ports/engine';
import type { RevisionsFile } from '../core/rollout/revisions';
import type { DesiredState } from '../core/model/state';

export interface HandoverTarget {
  engine: Pick<EnginePort, 'listProject'>;
  readRevisions(): Promise<RevisionsFile>;
  /** Gives the desired state to the running supervisor. */
  handOver(desired: DesiredState): void;
  /** Whether a supervisor still runs for the project (one that stopped finishes nothing). */
  supervised(): boolean;
}

export interface HandoverResult {
  changes: ServiceChange[];
  outcomes: UpOutcome[];
  /** Lines still under way when following stopped (cancelled or past the limit). */
  pending: string[];
}

export async function upThroughSupervisor(
  desired: DesiredState,
  target: HandoverTarget,
  options: { report: (message: string) => void; signal?: AbortSignal; pollMs?: number; clock?: Clock },
): Promise<HandoverResult> {
  const clock = options.clock ?? systemClock;
  const before = await target.engine.listProject(desired.project, options.signal);
  const changes = changesForUp(desired, before);
  const baseline = revisionBaseline(await target.readRevisions(), changes);
  // Handed over even when no spec or count changed: probe and deploy settings may have.
  target.handOver(desired);
  options.report(describeChanges(changes));
  const deadline = clock.now() + followLimitMs(desired, changes);
  let progress = { done: false, pending: [] as string[], outcomes: [] as UpOutcome[] };
  let told = '';
  while (!options.signal?.aborted && clock.now() < deadline) {
    const observed = await target.engine.listProject(desired.project, options.signal).catch((error: unknown) => {
      if (options.signal?.aborted) return undefined;
      throw error;
    });
    if (!observed) break;
    progress = followUp(desired, changes, baseline, await target.readRevisions(), observed);
    if (progress.done) break;
    if (!target.supervised()) return { changes, outcomes: progress.outcomes, pending: [...progress.pending, 'the supervisor stopped before this finished; run Up again'] };
    const line = progress.pending.join('; ');
    if (line !== told) options.report(line);
    told = line;
    // Cancelling ends the wait at once (and then the loop).
    await clock.sleep(options.pollMs ?? 500, options.signal).catch(() => undefined);
  }
  return { changes, outcomes: progress.outcomes, pending: progress.done ? [] : progress.pending };
}
