// Hands a new desired state to the project's running supervisor: `flotilla up` (or `deploy`)
// in another process writes `<project>.desired.json` beside the supervisor's lock (temporary
// file, then rename), and the supervisor follows that file and rolls the change out by each
// service's deploy strategy instead of the other process recreating pods under it.

import { existsSync, readFileSync } from 'node:fs';
import type { DesiredState } from '../core/model/state';
import type { DesiredUpdates } from '../core/supervise/supervisor';
import { removeQuietly, stateFile, watchStateDir, writeAtomically } from './state-dir';

const SUFFIX = '.desired.json';

interface Handover {
  project: string;
  /** Who wrote it, and a sequence that makes each handover distinct. */
  from: number;
  at: number;
  desired: DesiredState;
}

export function handoverFile(project: string): string {
  return stateFile(project, SUFFIX);
}

export function handOverDesired(desired: DesiredState): void {
  const handover: Handover = { project: desired.project, from: process.pid, at: Date.now(), desired };
  writeAtomically(handoverFile(desired.project), JSON.stringify(handover));
}

/** What a supervisor follows: new handovers for its project, from when it starts. */
export class HandoverFollower implements DesiredUpdates {
  constructor(
    private readonly project: string,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {}

  follow(onDesired: (desired: DesiredState) => void, signal: AbortSignal): void {
    const file = handoverFile(this.project);
    // One left by an earlier supervisor's life is not for this one.
    removeQuietly(file);
    let last = '';
    const check = () => {
      if (!existsSync(file)) return;
      let handover: Handover;
      try {
        handover = JSON.parse(readFileSync(file, 'utf8')) as Handover;
      } catch (error) {
        // A rename is atomic, so this is a broken file, not a half-written one.
        this.onError(new Error(`could not read the handed-over manifest ${file}: ${(error as Error).message}`));
        return;
      }
      const key = `${handover.from}:${handover.at}`;
      if (key === last || handover.project !== this.project) return;
      last = key;
      onDesired(handover.desired);
    };
    const watcher = watchStateDir(
      SUFFIX,
      (project) => {
        if (project === this.project) check();
      },
      { onError: this.onError },
    );
    signal.addEventListener(
      'abort',
      () => {
        watcher.close();
        removeQuietly(file);
      },
      { once: true },
    );
  }
}
