// Keeps each workspace project's revision file in memory for the Services view's "Rollouts"
// section, re-read when the state directory says it changed (the CLI, a supervisor or this
// window wrote it).

import { readFileSync } from 'node:fs';
import { systemClock, type Clock } from '../core/ports/clock';
import { parseRevisionsFile, type RevisionsFile } from '../core/rollout/revisions';
import { stateFile, watchStateDir, type StateDirWatch } from '../host/state-dir';

const SUFFIX = '.revisions.json';
const DEBOUNCE_MS = 150;

export class RevisionsFollower {
  private readonly files = new Map<string, RevisionsFile>();
  private projects = new Set<string>();
  private watcher: StateDirWatch | undefined;

  constructor(
    private readonly changed: () => void,
    private readonly clock: Clock = systemClock,
  ) {}

  revisions(project: string): RevisionsFile | undefined {
    return this.files.get(project);
  }

  setProjects(projects: Iterable<string>): void {
    this.projects = new Set(projects);
    for (const project of [...this.files.keys()]) if (!this.projects.has(project)) this.files.delete(project);
    for (const project of this.projects) this.read(project);
    if (this.projects.size > 0 && !this.watcher) this.watch();
  }

  dispose(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }

  private read(project: string): void {
    const file = stateFile(project, SUFFIX);
    let next: RevisionsFile | undefined;
    try {
      next = parseRevisionsFile(JSON.parse(readFileSync(file, 'utf8')), project, file);
    } catch {
      next = undefined; // none yet, or unreadable: `flotilla history` reports what is wrong
    }
    if (JSON.stringify(next) === JSON.stringify(this.files.get(project))) return;
    if (next) this.files.set(project, next);
    else this.files.delete(project);
    this.changed();
  }

  private watch(): void {
    try {
      this.watcher = watchStateDir(
        SUFFIX,
        (project) => {
          if (this.projects.has(project)) this.read(project);
        },
        { delayMs: DEBOUNCE_MS, clock: this.clock },
      );
    } catch {
      // No state directory can be made: the section shows what was read at startup.
    }
  }
}
