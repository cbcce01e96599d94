// Probe health and held-back restarts of projects another process supervises (`flotilla up
// --watch`, another window): read from the live status file that supervisor publishes beside its
// lock, whenever the state directory says it changed. This window's own supervisor is not read
// back: it gives the store its live view in process.

import { systemClock, type Clock } from '../core/ports/clock';
import type { FlotillaStore } from '../core/status/store';
import { LIVE_STATUS_SUFFIX, readLiveStatus } from '../host/live-status';
import { watchStateDir, type StateDirWatch } from '../host/state-dir';

const DEBOUNCE_MS = 150;

export class LiveStatusFollower {
  private readonly projects = new Set<string>();
  private watcher: StateDirWatch | undefined;

  constructor(
    private readonly store: FlotillaStore,
    private readonly ownedByThisWindow: (project: string) => boolean,
    private readonly clock: Clock = systemClock,
  ) {}

  setProjects(projects: Iterable<string>): void {
    this.projects.clear();
    for (const project of projects) {
      this.projects.add(project);
      this.read(project);
    }
    if (this.projects.size > 0) this.ensureWatching();
  }

  read(project: string): void {
    if (this.ownedByThisWindow(project)) return;
    this.store.applyLiveSnapshot(project, readLiveStatus(project));
  }

  dispose(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }

  private ensureWatching(): void {
    if (this.watcher) return;
    try {
      this.watcher = watchStateDir(
        LIVE_STATUS_SUFFIX,
        (project) => {
          if (this.projects.has(project)) this.read(project);
        },
        { delayMs: DEBOUNCE_MS, onError: () => this.dispose(), clock: this.clock },
      );
    } catch {
      // No state directory to watch: health of other supervisors stays unknown, nothing breaks.
    }
  }
}
