// The editor's supervisors: after Up, this window keeps the project converged with core
// `supervise`, under the one-supervisor-per-project lock the CLI uses too. When another process
// holds the lock (`flotilla up --watch`), this window only observes. A later Up or Deploy hands
// the manifest to the running supervisor (handOver), which rolls changes out by each service's
// strategy. Saving the manifest alone changes nothing that runs: the supervisor keeps the state
// it was last given, and the output says what Up would roll out. Replica overrides (Scale
// Service) hold until the manifest's own count for that service changes.

import type { EngineEvents, EnginePort, ProbeRunner } from '../core/ports/engine';

/** What the editor's supervisor needs: the engine, its events, and probes run through it. */
type SupervisedEngine = EnginePort & EngineEvents & ProbeRunner;
import type { DesiredState } from '../core/model/state';
import { HeldReplicas } from '../app/replicas';
export { withReplicas } from '../app/replicas';
import type { FlotillaStore } from '../core/status/store';
import { supervise } from '../core/supervise/supervisor';
import { systemClock } from '../core/ports/clock';
import { LiveView } from '../core/supervise/live-view';
import { LiveStatusPublisher } from '../host/live-status';
import { acquireSupervisorLock } from '../host/supervisor-lock';
import { describeProxyNote, ServicePorts } from '../proxy';
import type { ServicePortHost } from '../core/serving/router';
import { describePortClosed, describeServing } from '../core/supervise/live-view';
import { HandoverFollower, handOverDesired } from '../host/desired-handover';
import { supervisorRollouts } from '../host/supervisor-rollouts';

interface Running {
  abort: AbortController;
  /** Resolves once the supervisor follows the engine's events (a crash before that waits for the resync). */
  watching: Promise<void>;
  done: Promise<void>;
  /** The desired state the supervisor keeps: the last one started with or handed over. */
  desired: DesiredState;
  /** Hands a new desired state to this supervisor, in process. */
  push: (desired: DesiredState) => void;
}

export class Supervisors {
  private readonly running = new Map<string, Running>();
  /** The counts Scale Service holds (the policy is the use cases', src/app/replicas.ts). */
  readonly replicas = new HeldReplicas();
  /** project -> the last manifest difference told, so a save is told once. */
  private readonly told = new Map<string, string>();
  private readonly listeners = new Set<() => void>();
  /** Service ports per project, kept open across a pause of its supervisor (Restart Service). */
  private readonly ports = new Map<string, ServicePorts>();

  constructor(
    private readonly store: FlotillaStore,
    private readonly log: (line: string) => void,
  ) {}

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  isSupervising(project: string): boolean {
    return this.running.has(project);
  }

  anyRunning(): boolean {
    return this.running.size > 0;
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
    return this.running.get(project)?.desired;
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
    const running = this.running.get(desired.project);
    if (!running) return handOverDesired(desired);
    running.desired = desired;
    this.told.delete(desired.project);
    running.push(desired);
  }

  /**
   * The manifest was saved. Nothing that runs changes (a save is not a deploy: containers are
   * replaced only by Up or Deploy); the output says which services now differ from what this
   * window's supervisor keeps, once per difference.
   */
  manifestChanged(desired: DesiredState): void {
    const running = this.running.get(desired.project);
    if (!running) return;
    const differ = differingServices(running.desired, this.effective(desired));
    const key = differ.join(',');
    if (key === (this.told.get(desired.project) ?? '')) return;
    this.told.set(desired.project, key);
    if (differ.length > 0) this.log(`The manifest of ${desired.project} changed (${differ.join(', ')}); nothing was replaced. Up or Deploy rolls the change out by each service's deploy strategy.`);
  }

  /** Starts supervising (or observing, when another process supervises). */
  start(desired: DesiredState, engine: SupervisedEngine): 'editor' | 'other' {
    if (this.running.has(desired.project)) return 'editor';
    const lock = acquireSupervisorLock(desired.project);
    if (!lock.held) {
      this.store.setSupervision(desired.project, { mode: 'other', ownerPid: lock.ownerPid });
      this.log(`Project ${desired.project} is supervised by process ${lock.ownerPid}; this window only observes it.`);
      this.fire();
      return 'other';
    }
    const abort = new AbortController();
    const effective = this.effective(desired);
    // Ports kept open across a pause whose service is no longer served are closed now.
    void this.ports.get(desired.project)?.closeOthers(effective.services.filter((s) => s.expose?.hostPort !== undefined).map((s) => s.name));
    // Published beside the lock, as `up --watch` does: `flotilla status` and other windows read it.
    const live = new LiveView(desired.project, process.pid, systemClock);
    const publisher = new LiveStatusPublisher(desired.project, () => live.snapshot(), (error) => this.log(`Could not publish the live status: ${error.message}`));
    let connected: () => void = () => undefined;
    const watching = new Promise<void>((resolve) => (connected = resolve));
    const fromFile = new HandoverFollower(desired.project, (error) => this.log(error.message));
    let pushed: (next: DesiredState) => void = () => undefined;
    const done = supervise(effective, engine, abort.signal, {
      resyncMs: 30_000,
      probes: engine,
      servicePorts: this.portsOf(desired.project),
      rollouts: supervisorRollouts(desired.project),
      // Another process (`flotilla up`, `flotilla deploy`) hands over through a file; this window in process.
      desiredUpdates: {
        follow: (onDesired, signal) => {
          fromFile.follow(onDesired, signal);
          pushed = onDesired;
        },
      },
      onNote: (note) => {
        if (note.kind === 'deploy-outcome') this.log(`${note.outcome.service}: ${note.outcome.result}${note.outcome.revision === undefined ? '' : ` (revision ${note.outcome.revision})`}`);
        if (note.kind === 'deploy-error') this.log(`${note.service}: the rollout stopped: ${note.error.message}`);
        if (note.kind === 'serving') this.log(describeServing(note.service, note.url, note.pods));
        if (note.kind === 'port-closed') this.log(describePortClosed(note.service, note.url, note.reason));
        if (note.kind === 'port-failed') this.log(`${note.service} is not served (the rest of ${desired.project} is still supervised): ${note.error.message}`);
        if (note.kind === 'stream' && note.status.state === 'connected') connected();
        this.store.applySupervisorNote(desired.project, note);
        if (live.apply(note).length > 0 || note.kind === 'health' || note.kind === 'progress' || note.kind === 'serving') publisher.changed();
      },
    })
      .catch((error: unknown) => this.log(`Supervisor of ${desired.project} stopped: ${(error as Error).message}`))
      .finally(() => {
        publisher.close();
        lock.release();
        if (this.running.get(desired.project)?.abort === abort) this.running.delete(desired.project);
      });
    this.running.set(desired.project, { abort, done, desired: effective, watching, push: (next) => pushed(next) });
    this.store.setSupervision(desired.project, { mode: 'editor' });
    this.log(`Supervising ${desired.project}: crashed or deleted pods are replaced while this window is open.`);
    this.fire();
    return 'editor';
  }

  /** Resolves when the project's supervisor follows engine events (at once when none runs). */
  watching(project: string): Promise<void> {
    return this.running.get(project)?.watching ?? Promise.resolve();
  }

  /**
   * Stops the project's supervisor. keepPorts: it is paused and started again at once (Restart
   * Service), so its service ports stay open meanwhile.
   */
  async stop(project: string, options: { keepPorts?: boolean } = {}): Promise<void> {
    const running = this.running.get(project);
    if (!running) return;
    this.running.delete(project);
    running.abort.abort();
    await running.done;
    if (!options.keepPorts) await this.closePorts(project);
    this.store.setSupervision(project, { mode: 'none' });
    this.fire();
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((p) => this.stop(p)));
    await Promise.all([...this.ports.keys()].map((p) => this.closePorts(p)));
  }

  /** The project's service ports, as a host whose close() leaves them open (closePorts closes them). */
  private portsOf(project: string): ServicePortHost {
    let ports = this.ports.get(project);
    if (!ports) {
      ports = new ServicePorts((service, note) => {
        const line = describeProxyNote(service, note);
        if (line) this.log(line);
      });
      this.ports.set(project, ports);
    }
    const kept = ports;
    return {
      openService: (service) => kept.openService(service),
      route: (service, backends) => kept.route(service, backends),
      routed: (service) => kept.routed(service),
      openConnections: (service) => kept.openConnections(service),
      drain: (service, pod, timeoutMs) => kept.drain(service, pod, timeoutMs),
      closeService: (service) => kept.closeService(service),
      close: async () => undefined,
    };
  }

  private async closePorts(project: string): Promise<void> {
    const ports = this.ports.get(project);
    this.ports.delete(project);
    await ports?.close();
  }

  private fire(): void {
    for (const listener of [...this.listeners]) listener();
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
