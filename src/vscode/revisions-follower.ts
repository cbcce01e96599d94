// Keeps each workspace project's revision file in memory for the Services view's "Rollouts"
// section, re-read when the state directory says it changed (the CLI, a supervisor or this
// window wrote it).

import { mkdirSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import * as path from 'node:path';
import { parseRevisionsFile, type RevisionsFile } from '../core/rollout/revisions';
import { stateDir } from '../host/supervisor-lock';

const SUFFIX = '.revisions.json';
const DEBOUNCE_MS = 150;

export class RevisionsFollower {
  private readonly files = new Map<string, RevisionsFile>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private projects = new Set<string>();
  private watcher: FSWatcher | undefined;

  constructor(private readonly changed: () => void) {}

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
    for (const timer of this.pending.values()) clearTimeout(timer);
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
        clearTimeout(this.pending.get(project));
        this.pending.set(project, setTimeout(() => {
          this.pending.delete(project);
          this.read(project);
        }, DEBOUNCE_MS));
      });
      this.watcher.on('error', () => this.watcher?.close());
    } catch {
      // No state directory can be made: the section shows what was read at startup.
    }
  }
}
