// The supervisors this process runs, one per project, as use cases see them (Supervision): the
// editor's window and `flotilla up --watch` both supervise through it. A project supervised
// elsewhere is seen through the lock file; hand-overs reach this process's supervisor in process
// and another's through the handover file. Service ports are kept per project, so a supervisor
// paused and started again at once (keepPorts) never closes them.

import type { Clock } from '../core/ports/clock';
import type { LiveSnapshot } from '../core/supervise/live-view';
import type { ServicePortHost } from '../core/serving/router';
import type { DesiredState, ObservedState } from '../core/model/state';
import type { SupervisorNote } from '../core/supervise/supervisor';
import type { ProxyNote } from '../core/wording';
import { ServicePorts } from '../proxy';
import { lockFileSupervision } from './lock-file-supervision';
import type { Supervision, SupervisorOwner } from './supervision';
import { hostSupervisor, type HostedSupervisor, type SupervisedEngine, type SupervisorTiming } from './supervisor-host';

/** Supervisors of other processes, seen through the lock and handover files. */
const elsewhere = lockFileSupervision();

/** What the front end hears, typed; it chooses what to show and words it with core/wording. */
export interface LocalSupervisorsOptions {
  /** The engine Supervision.start supervises on. */
  engine?: () => Promise<SupervisedEngine>;
  timing?: SupervisorTiming;
  clock?: Clock;
  onNote?(project: string, note: SupervisorNote, told: readonly string[]): void;
  onListing?(project: string, observed: ObservedState): void;
  onProxyNote?(project: string, service: string, note: ProxyNote): void;
  onTrouble?(project: string, message: string): void;
  /** Supervising failed (the containers keep running); the project is no longer supervised here. */
  onFailed?(project: string, error: Error): void;
}

export class LocalSupervisors implements Supervision {
  private readonly running = new Map<string, HostedSupervisor>();
  private readonly ports = new Map<string, ServicePorts>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: LocalSupervisorsOptions = {}) {}

  /** Called when a supervisor starts or stops here. */
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  owner(project: string): SupervisorOwner {
    return this.running.has(project) ? { kind: 'here' } : elsewhere.owner(project);
  }

  handOver(desired: DesiredState): void {
    const running = this.running.get(desired.project);
    if (running) running.handOver(desired);
    else elsewhere.handOver(desired);
  }

  kept(project: string): DesiredState | undefined {
    return this.running.get(project)?.desired;
  }

  async start(desired: DesiredState): Promise<SupervisorOwner> {
    if (this.running.has(desired.project)) return { kind: 'here' };
    if (!this.options.engine) throw new Error('this process has no engine to supervise on');
    return this.startOn(desired, await this.options.engine());
  }

  /** Starts supervising on this engine, unless another process holds the lock (its pid is returned). */
  startOn(desired: DesiredState, engine: SupervisedEngine): SupervisorOwner {
    const project = desired.project;
    if (this.running.has(project)) return { kind: 'here' };
    const portsKept = this.ports.has(project);
    const started = hostSupervisor(desired, engine, {
      servicePorts: this.portsOf(desired),
      timing: this.options.timing,
      clock: this.options.clock,
      hooks: {
        onNote: (note, told) => this.options.onNote?.(project, note, told),
        onListing: (observed) => this.options.onListing?.(project, observed),
        onTrouble: (message) => this.options.onTrouble?.(project, message),
      },
    });
    if (!started.held) {
      if (!portsKept) this.ports.delete(project); // made for nothing: none of them opened
      return { kind: 'process', pid: started.ownerPid };
    }
    const { supervisor } = started;
    this.running.set(project, supervisor);
    supervisor.done.then(
      () => undefined,
      (error: unknown) => {
        if (this.running.get(project) === supervisor) this.running.delete(project);
        this.options.onFailed?.(project, error as Error);
        this.fire();
      },
    );
    this.fire();
    return { kind: 'here' };
  }

  async stop(project: string, options: { keepPorts?: boolean } = {}): Promise<void> {
    const running = this.running.get(project);
    if (running) {
      this.running.delete(project);
      await running.stop();
    }
    if (!options.keepPorts) await this.closePorts(project);
    if (running) this.fire();
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((project) => this.stop(project)));
    await Promise.all([...this.ports.keys()].map((project) => this.closePorts(project)));
  }

  isRunning(project: string): boolean {
    return this.running.has(project);
  }

  /** The projects supervised here. */
  projects(): string[] {
    return [...this.running.keys()];
  }

  /** The project's supervisor here, if one runs. */
  supervisor(project: string): HostedSupervisor | undefined {
    return this.running.get(project);
  }

  /** What the supervisor here knows beyond the engine (health, backoff, serving), if one runs. */
  snapshot(project: string): LiveSnapshot | undefined {
    return this.running.get(project)?.snapshot();
  }

  /** Resolves when the project's supervisor follows engine events (at once when none runs here). */
  watching(project: string): Promise<void> {
    return this.running.get(project)?.watching ?? Promise.resolve();
  }

  /** The project's service ports, as a host whose close() leaves them open (closePorts closes them). */
  private portsOf(desired: DesiredState): ServicePortHost {
    const project = desired.project;
    let ports = this.ports.get(project);
    if (!ports) {
      ports = new ServicePorts((service, note) => this.options.onProxyNote?.(project, service, note));
      this.ports.set(project, ports);
    }
    // Ports kept open across a pause whose service is no longer served are closed now.
    void ports.closeOthers(desired.services.filter((s) => s.expose?.hostPort !== undefined).map((s) => s.name));
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
