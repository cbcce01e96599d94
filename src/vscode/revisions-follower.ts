// Keeps each workspace project's revision file in memory for the Services view's "Rollouts"
// section, re-read when the state directory says it changed (the CLI, a supervisor or this
// window wrote it).

import { mkdirSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import * as path from 'node:path';
import { systemClock, type Clock } from '../core/clock';
import { parseRevisionsFile, type RevisionsFile } from '../core/revisions';
import { stateDir } from '../host/supervisor-lock';
import { after } from './clock-timers';

const SUFFIX = '.revisions.json';
const DEBOUNCE_MS = 150;

export class RevisionsFollower {
  private readonly files = new Map<string, RevisionsFile>();
  /** Per project: cancels its scheduled read. */
  private readonly pending = new Map<string, () => void>();
  private projects = new Set<string>();
  private watcher: FSWatcher | undefined;

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
    for (const cancel of this.pending.values()) cancel();
    this.pending.clear();
  }

  private read(project: string): void {
    const file = path.join(stateDir(), `${project}${SUFFIX}`);
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
      mkdirSync(stateDir(), { recursive: true });
      this.watcher = watch(stateDir(), (_event, name) => {
        const project = typeof name === 'string' && name.endsWith(SUFFIX) ? name.slice(0, -SUFFIX.length) : undefined;
        if (!project || !this.projects.has(project)) return;
        this.pending.get(project)?.();
        this.pending.set(project, after(this.clock, DEBOUNCE_MS, () => {
          this.pending.delete(project);
          this.read(project);
        }));
      });
      this.watcher.on('error', () => this.watcher?.close());
    } catch {
      // No state directory can be made: the section shows what was read at startup.
    }
  }
}
