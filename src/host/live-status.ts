// The running supervisor's live view (probe health, restarts, backoff), published as a small
// JSON file beside its lock so that `flotilla status`, a separate process, can show it; the
// CLI's `up --watch` and the editor's supervisor both publish it.
// Written atomically (temporary file, then rename); read only while its writer is alive.

import { readFileSync } from 'node:fs';
import type { LiveSnapshot } from '../core/supervise/live-view';
import { removeQuietly, stateFile, writeAtomically } from './state-dir';
import { alive } from './supervisor-lock';

/** Coalesces bursts of notes (a pod's containers report together) into one write. */
const WRITE_DELAY_MS = 100;

export const LIVE_STATUS_SUFFIX = '.live.json';

export function liveStatusFile(project: string): string {
  return stateFile(project, LIVE_STATUS_SUFFIX);
}

export function writeLiveStatus(snapshot: LiveSnapshot): void {
  writeAtomically(liveStatusFile(snapshot.project), JSON.stringify(snapshot));
}

/** The live view of a project's supervisor, or undefined when none runs. */
export function readLiveStatus(project: string): LiveSnapshot | undefined {
  let snapshot: LiveSnapshot;
  try {
    snapshot = JSON.parse(readFileSync(liveStatusFile(project), 'utf8')) as LiveSnapshot;
  } catch {
    return undefined;
  }
  return snapshot.project === project && Number.isInteger(snapshot.pid) && alive(snapshot.pid) ? snapshot : undefined;
}

/** Publishes snapshots at most once per WRITE_DELAY_MS; close() writes nothing more and removes the file. */
export class LiveStatusPublisher {
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly project: string,
    private readonly snapshot: () => LiveSnapshot,
    private readonly onError: (error: Error) => void,
  ) {}

  changed(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      try {
        writeLiveStatus(this.snapshot());
      } catch (error) {
        this.onError(error as Error);
      }
    }, WRITE_DELAY_MS);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    removeQuietly(liveStatusFile(this.project));
  }
}
