// Probe health and held-back restarts of projects another process supervises (`flotilla up
// --watch`, another window): read from the live status file that supervisor publishes beside its
// lock, whenever the state directory says it changed. This window's own supervisor is not read
// back: it gives the store its live view in process.

import { mkdirSync, watch, type FSWatcher } from 'node:fs';
import { systemClock, type Clock } from '../core/clock';
import type { FlotillaStore } from '../core/store';
import { readLiveStatus } from '../host/live-status';
import { stateDir } from '../host/supervisor-lock';
import { after } from './clock-timers';

const SUFFIX = '.live.json';
const DEBOUNCE_MS = 150;

export class LiveStatusFollower {
  private readonly projects = new Set<string>();
  /** Per project: cancels its scheduled read. */
  private readonly pending = new Map<string, () => void>();
  private watcher: FSWatcher | undefined;

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
    for (const cancel of this.pending.values()) cancel();
    this.pending.clear();
  }

  private ensureWatching(): void {
    if (this.watcher) return;
    try {
      const dir = stateDir();
      mkdirSync(dir, { recursive: true });
      // The file is replaced by a rename on every write: watch the folder, not the file.
      this.watcher = watch(dir, (_event, filename) => {
        const name = filename?.toString() ?? '';
        if (!name.endsWith(SUFFIX)) return;
        const project = name.slice(0, -SUFFIX.length);
        if (!this.projects.has(project) || this.pending.has(project)) return;
        this.pending.set(project, after(this.clock, DEBOUNCE_MS, () => {
          this.pending.delete(project);
          this.read(project);
        }));
      });
      this.watcher.on('error', () => this.dispose());
    } catch {
      // No state directory to watch: health of other supervisors stays unknown, nothing breaks.
    }
  }
}
