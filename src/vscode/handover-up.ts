// Up on a supervised project, without vscode: list what runs, hand the manifest to the
// supervisor (this window's or another process's), then follow the revision file and the
// listing until every changed service has an outcome (src/core/supervise/supervised-up.ts decides).
// Cancelling stops the following only: the supervisor goes on with the rollout.

import { changesForUp, describeChanges, followLimitMs, followUp, revisionBaseline, type ServiceChange, type UpOutcome } from '../core/supervise/supervised-up';
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
  options: { report: (message: string) => void; signal?: AbortSignal; pollMs?: number },
): Promise<HandoverResult> {
  const before = await target.engine.listProject(desired.project, options.signal);
  const changes = changesForUp(desired, before);
  const baseline = revisionBaseline(await target.readRevisions(), changes);
  // Handed over even when no spec or count changed: probe and deploy settings may have.
  target.handOver(desired);
  options.report(describeChanges(changes));
  const deadline = Date.now() + followLimitMs(desired, changes);
  let progress = { done: false, pending: [] as string[], outcomes: [] as UpOutcome[] };
  let told = '';
  while (!options.signal?.aborted && Date.now() < deadline) {
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
    await sleep(options.pollMs ?? 500, options.signal);
  }
  return { changes, outcomes: progress.outcomes, pending: progress.done ? [] : progress.pending };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
