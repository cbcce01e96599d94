// The editor's supervisors: after Up, this window keeps the project converged through the one
// supervisor host (src/app), under the one-supervisor-per-project lock the CLI uses too. When
// another process holds the lock (`flotilla up --watch`), this window only observes. A later Up or
// Deploy hands the manifest to the running supervisor (handOver), which rolls changes out by each
// service's strategy. Saving the manifest alone changes nothing that runs: the supervisor keeps the
// state it was last given, and the output says what Up would roll out. Replica overrides (Scale
// Service) hold until the manifest's own count for that service changes.
//
// The store reads a project this window supervises from its supervisor only: the supervisor's
// listings, its engine events, and its live view (health, held-back restarts), in process.

import { systemClock, type Clock } from '../core/ports/clock';
import type { DesiredState } from '../core/model/state';
import type { FlotillaStore } from '../core/status/store';
import type { SupervisorNote } from '../core/supervise/supervisor';
import { describeNote, describeProxyNote } from '../core/wording';
import { LocalSupervisors } from '../app/local-supervisors';
import { HeldReplicas } from '../app/replicas';
import type { Supervision, SupervisorOwner } from '../app/supervision';
import type { SupervisedEngine } from '../app/supervisor-host';
export { withReplicas } from '../app/replicas';

/** Notes the output channel tells (the Events view and the tree show the rest). */
const LOGGED = new Set<SupervisorNote['kind']>(['deploy-outcome', 'deploy-error', 'serving', 'port-closed', 'port-failed']);
/** Notes that change what the live view knows (health, backoff, restarts, serving). */
const LIVE = new Set<SupervisorNote['kind']>(['health', 'heal-delayed', 'progress', 'serving', 'port-closed', 'event']);

export class Supervisors {
  private readonly local: LocalSupervisors;
  /** The counts Scale Service holds (the policy is the use cases', src/app/replicas.ts). */
  readonly replicas = new HeldReplicas();
  /** project -> the last manifest difference told, so a save is told once. */
  private readonly told = new Map<string, string>();

  constructor(
    private readonly store: FlotillaStore,
    private readonly log: (line: string) => void,
    clock: Clock = systemClock,
  ) {
    this.local = new LocalSupervisors({
      clock,
      timing: { resyncMs: 30_000 },
      onNote: (project, note) => this.noted(project, note),
      onListing: (_project, observed) => this.store.setObserved(observed),
      onProxyNote: (_project, service, note) => {
        const line = describeProxyNote(service, note);
        if (line) this.log(line);
      },
      onTrouble: (_project, message) => this.log(message),
      onFailed: (project, error) => this.log(`Supervisor of ${project} stopped: ${error.message}`),
    });
  }

  onDidChange(listener: () => void): { dispose(): void } {
    return this.local.onDidChange(listener);
  }

  isSupervising(project: string): boolean {
    return this.local.isRunning(project);
  }

  /**
   * Supervision as the use cases see it from this window: here when this window supervises, else
   * the lock file's owner, else none. start() supervises on the window's engine.
   */
  supervision(engine: () => Promise<SupervisedEngine>): Supervision {
    return {
      owner: (project) => this.local.owner(project),
      handOver: (desired) => this.handOver(desired),
      kept: (project) => this.kept(project),
      start: async (desired) => {
        const mode = this.start(desired, await engine());
        return mode === 'editor' ? { kind: 'here' } : this.local.owner(desired.project);
      },
      stop: (project, options) => this.stop(project, options),
    };
  }

  /** The manifest's desired state with this window's replica overrides applied. */
  effective(desired: DesiredState): DesiredState {
    return this.replicas.effective(desired);
  }

  setReplicas(project: string, service: string, replicas: number, manifestReplicas: number): void {
    this.replicas.set(project, service, replicas, manifestReplicas);
  }

  /** The desired state this window's supervisor of the project keeps, if it supervises it. */
  kept(project: string): DesiredState | undefined {
    return this.local.kept(project);
  }

  /**
   * What Scale and Restart work from: the state this window's supervisor keeps (what runs), so
   * an edit saved but not yet applied with Up is not rolled out by them; else the manifest's.
   */
  applied(manifest: DesiredState): DesiredState {
    return this.kept(manifest.project) ?? this.effective(manifest);
  }

  /**
   * Gives a running supervisor a new desired state: this window's in process, another
   * process's through the handover file. It rolls changed services out by their strategy.
   */
  handOver(desired: DesiredState): void {
    this.told.delete(desired.project);
    this.local.handOver(desired);
  }

  /**
   * The manifest was saved. Nothing that runs changes (a save is not a deploy: containers are
   * replaced only by Up or Deploy); the output says which services now differ from what this
   * window's supervisor keeps, once per difference.
   */
  manifestChanged(desired: DesiredState): void {
    const kept = this.kept(desired.project);
    if (!kept) return;
    const differ = differingServices(kept, this.effective(desired));
    const key = differ.join(',');
    if (key === (this.told.get(desired.project) ?? '')) return;
    this.told.set(desired.project, key);
    if (differ.length > 0)
      this.log(`The manifest of ${desired.project} changed (${differ.join(', ')}); nothing was replaced. Up or Deploy rolls the change out by each service's deploy strategy.`);
  }

  /** Starts supervising (or observing, when another process supervises). */
  start(desired: DesiredState, engine: SupervisedEngine): 'editor' | 'other' {
    const project = desired.project;
    if (this.local.isRunning(project)) return 'editor';
    // Set first: the supervisor's first notes and listing belong to this window's own project.
    this.store.setSupervision(project, { mode: 'editor' });
    let owner: SupervisorOwner;
    try {
      owner = this.local.startOn(this.effective(desired), engine);
    } catch (error) {
      this.store.setSupervision(project, { mode: 'none' });
      throw error;
    }
    if (owner.kind === 'process') {
      this.store.setSupervision(project, { mode: 'other', ownerPid: owner.pid });
      this.log(`Project ${project} is supervised by process ${owner.pid}; this window only observes it.`);
      return 'other';
    }
    this.log(`Supervising ${project}: crashed or deleted pods are replaced while this window is open.`);
    return 'editor';
  }

  /** Resolves when the project's supervisor follows engine events (at once when none runs). */
  watching(project: string): Promise<void> {
    return this.local.watching(project);
  }

  /**
   * Stops the project's supervisor. keepPorts: it is paused and started again at once (Restart
   * Service), so its service ports stay open meanwhile.
   */
  async stop(project: string, options: { keepPorts?: boolean } = {}): Promise<void> {
    if (!this.local.isRunning(project)) return;
    await this.local.stop(project, options);
    this.store.setSupervision(project, { mode: 'none' });
  }

  async stopAll(): Promise<void> {
    const projects = this.local.projects();
    await this.local.stopAll();
    for (const project of projects) this.store.setSupervision(project, { mode: 'none' });
  }

  /** A note of this window's supervisor: into the store (events, then the live view's state), and a line for some. */
  private noted(project: string, note: SupervisorNote): void {
    if (LOGGED.has(note.kind)) {
      const worded = describeNote(note);
      if (worded) this.log(worded.text);
    }
    if (note.kind === 'event') this.store.applyEngineEvent(project, note.event);
    else this.store.applySupervisorNote(project, note);
    if (LIVE.has(note.kind)) this.store.applyLiveSnapshot(project, this.local.snapshot(project));
  }
}

/** Services whose spec or replica count differ between two desired states, or that only one has. */
export function differingServices(kept: DesiredState, next: DesiredState): string[] {
  const names = [...new Set([...kept.services, ...next.services].map((s) => s.name))];
  return names.filter((name) => {
    const a = kept.services.find((s) => s.name === name);
    const b = next.services.find((s) => s.name === name);
    return !a || !b || a.specHash !== b.specHash || a.replicas !== b.replicas || JSON.stringify(a.expose) !== JSON.stringify(b.expose);
  });
}
