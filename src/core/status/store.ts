// What the editor shows, kept in one pure store: per project the latest observed state, the
// health Flotilla's probes found, restart backoffs, restart counts, last exits and OOM kills, and
// a bounded newest-first event log. Inputs are plain data (listings, engine events, supervisor
// notes); every change is announced with what changed, so views refresh only what they must.

import { systemClock, type Clock } from '../ports/clock';
import { describeBackoff, describeHealing, describeHealthChange, describeNote } from '../wording';
import type { EngineEvent, EventStreamStatus } from '../ports/engine';
import type { ContainerHealth, ObservedPod, ObservedState } from '../model/state';
import type { SupervisorNote } from '../supervise/supervisor';
import type { LiveSnapshot } from '../supervise/live-view';
import { countRestarts } from './restarts';

import type { EngineStatus, PodBackoff, LastExit, Supervision, ProjectSnapshot, StoreEvent, ChangeKind, StoreChange } from './snapshot';
export type { EngineStatus, PodBackoff, LastExit, Supervision, ProjectSnapshot, StoreEventKind, StoreEvent, ChangeKind, StoreChange } from './snapshot';

export interface ProjectRecord {
  observed?: ObservedState;
  health: Map<string, ContainerHealth>;
  backoff: Map<string, PodBackoff>;
  restarts: Map<string, number>;
  lastExit: Map<string, LastExit>;
  /** Containers the supervisor started again in place since the last listing (it may fall between two listings). */
  startedInPlace: Set<string>;
  /** Each pod as last listed, kept while a heal has it removed and not yet created again. */
  lastSeen: Map<string, ObservedPod>;
  healing: Set<string>;
  supervision: Supervision;
  lastError?: string;
  eventStream?: EventStreamStatus;
}

export const DEFAULT_EVENT_LIMIT = 500;

export class FlotillaStore {
  private readonly projects = new Map<string, ProjectRecord>();
  private readonly log: StoreEvent[] = [];
  private readonly listeners = new Set<(change: StoreChange) => void>();
  private engine: EngineStatus = { state: 'unknown' };
  private seq = 0;

  constructor(
    private readonly clock: Clock = systemClock,
    private readonly eventLimit = DEFAULT_EVENT_LIMIT,
  ) {}

  onDidChange(listener: (change: StoreChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  engineStatus(): EngineStatus {
    return this.engine;
  }

  project(name: string): ProjectSnapshot | undefined {
    const record = this.projects.get(name);
    return record && { project: name, ...record };
  }

  /** Newest first. */
  events(project?: string): readonly StoreEvent[] {
    return project === undefined ? this.log : this.log.filter((e) => e.project === project);
  }

  setEngineStatus(status: EngineStatus): void {
    const before = this.engine;
    this.engine = status;
    if (before.state === status.state && (status.state !== 'unreachable' || (before as typeof status).message === status.message)) return;
    const kinds = new Set<ChangeKind>(['engine']);
    if (status.state === 'unreachable') {
      this.record({ kind: 'engine', severity: 'error', message: `Engine unreachable at ${status.endpoint}: ${status.message}` });
      kinds.add('events');
    } else if (status.state === 'reachable' && before.state === 'unreachable') {
      this.record({ kind: 'engine', severity: 'info', message: `Engine reachable again at ${status.endpoint}` });
      kinds.add('events');
    }
    this.emit({ kinds });
  }

  setSupervision(project: string, supervision: Supervision): void {
    this.ensure(project).supervision = supervision;
    this.emit({ project, kinds: new Set(['supervision']) });
  }

  setError(project: string, message: string | undefined): void {
    const record = this.ensure(project);
    if (record.lastError === message) return;
    record.lastError = message;
    this.emit({ project, kinds: new Set(['observed']) });
  }

  /** A fresh listing: the state itself (events are only hints). */
  setObserved(observed: ObservedState): void {
    const record = this.ensure(observed.project);
    const now = this.clock.now();
    record.lastError = undefined;
    const ids = new Set(observed.pods.flatMap((p) => p.containers.map((c) => c.id)));
    for (const id of record.health.keys()) if (!ids.has(id)) record.health.delete(id);
    countRestarts(record, observed, now, (entry) => this.record(entry));
    record.observed = observed;
    for (const pod of observed.pods) {
      const backoff = record.backoff.get(pod.name);
      const allRunning = pod.containers.length > 0 && pod.containers.every((c) => c.state === 'running');
      if (backoff && allRunning && now >= backoff.until) record.backoff.delete(pod.name);
      for (const c of pod.containers) {
        // The listing knows exit codes of containers this editor saw no die event for.
        if (c.state === 'exited' && c.exitCode !== undefined && !record.lastExit.has(`${pod.name}/${c.container}`)) {
          record.lastExit.set(`${pod.name}/${c.container}`, { exitCode: c.exitCode, oomKilled: false, at: now });
        }
      }
    }
    this.emit({ project: observed.project, kinds: new Set(['observed', 'events']) });
  }

  /** One event from the engine's stream for a project. */
  applyEngineEvent(project: string, event: EngineEvent): void {
    const record = this.ensure(project);
    const who = event.pod && event.container ? `${event.pod}/${event.container}` : event.containerId.slice(0, 12);
    const base = { project, pod: event.pod, container: event.container, time: event.time };
    const kinds = new Set<ChangeKind>(['events']);
    switch (event.action) {
      case 'create':
        this.record({ ...base, kind: 'created', severity: 'info', message: `${who} created` });
        break;
      case 'start':
        this.record({ ...base, kind: 'started', severity: 'info', message: `${who} started` });
        break;
      case 'die': {
        const key = `${event.pod}/${event.container}`;
        const oomKilled = record.lastExit.get(key)?.oomKilled === true && event.time - (record.lastExit.get(key)?.at ?? 0) < 5000;
        if (event.pod && event.container) record.lastExit.set(key, { exitCode: event.exitCode, oomKilled, at: event.time });
        const code = event.exitCode === undefined ? '' : ` (exit ${event.exitCode}${oomKilled ? ', out of memory' : ''})`;
        this.record({ ...base, kind: 'died', severity: event.exitCode === 0 ? 'info' : 'error', message: `${who} died${code}` });
        break;
      }
      case 'oom':
        // Docker sends oom before die: remember it so the die that follows is marked.
        if (event.pod && event.container) record.lastExit.set(`${event.pod}/${event.container}`, { oomKilled: true, at: event.time });
        this.record({ ...base, kind: 'oom', severity: 'error', message: `${who} was killed: out of memory` });
        break;
      case 'destroy':
        this.record({ ...base, kind: 'removed', severity: 'info', message: `${who} removed` });
        break;
      default:
        if (event.action.startsWith('health_status')) {
          this.record({
            ...base,
            kind: 'health',
            severity: event.action.endsWith('unhealthy') ? 'warning' : 'info',
            message: `${who} ${event.action.replace('health_status: ', 'engine health: ')}`,
          });
          break;
        }
        return; // exec_*, attach, ... are noise in the editor
    }
    this.emit({ project, kinds, pods: event.pod ? [event.pod] : undefined });
  }

  setEventStream(project: string, status: EventStreamStatus): void {
    const record = this.ensure(project);
    const before = record.eventStream;
    record.eventStream = status;
    if (status.state === 'disconnected' && before?.state !== 'disconnected') {
      this.record({ project, time: this.clock.now(), kind: 'stream', severity: 'warning', message: `Lost the engine's event stream (${status.error}); reconnecting` });
      this.emit({ project, kinds: new Set(['events']) });
    }
  }

  /**
   * A note from the project's supervisor (the editor's own): recorded in the event log. What the
   * supervisor's live view folds (health, held-back restarts) comes in through applyLiveSnapshot
   * after it, and its engine events through applyEngineEvent.
   */
  applySupervisorNote(project: string, note: SupervisorNote): void {
    const record = this.ensure(project);
    const now = this.clock.now();
    switch (note.kind) {
      case 'health': {
        const before = record.health.get(note.containerId);
        if (before?.status === note.health.status) return;
        const message = describeHealthChange(note.pod, note.container, before, note.health);
        this.record({ project, pod: note.pod, container: note.container, time: now, kind: 'health', severity: note.health.status === 'unhealthy' ? 'warning' : 'info', message });
        this.emit({ project, kinds: new Set(['events']), pods: [note.pod] });
        return;
      }
      case 'heal-delayed': {
        if (record.backoff.get(note.pod)?.crashes === note.crashes) return;
        this.record({ project, pod: note.pod, time: now, kind: 'backoff', severity: 'warning', message: describeBackoff(note.pod, note.crashes + 1, note.inMs) });
        this.emit({ project, kinds: new Set(['events']), pods: [note.pod] });
        return;
      }
      case 'progress': {
        const step = note.event.step;
        const pod = 'pod' in step.action ? step.action.pod : undefined;
        if (note.event.type === 'done' && step.action.kind === 'start-containers') step.action.containerIds.forEach((id) => record.startedInPlace.add(id));
        if (step.heal && pod !== undefined) {
          // A heal replaces the pod (stop, remove, create): show it as restarting meanwhile.
          if (note.event.type === 'begin' && !record.healing.has(pod)) {
            record.healing.add(pod);
            this.record({ project, pod, time: now, kind: 'restarted', severity: 'warning', message: describeHealing(pod, step.reason) });
            this.emit({ project, kinds: new Set(['events', 'backoff']), pods: [pod] });
          } else if (note.event.type !== 'begin' && (note.event.type === 'failed' || step.action.kind !== 'remove-pod')) {
            record.healing.delete(pod);
            this.emit({ project, kinds: new Set(['backoff']), pods: [pod] });
          }
        }
        if (note.event.type === 'failed') {
          this.record({ project, time: now, kind: 'failed', severity: 'error', message: describeNote(note)?.text ?? '' });
          this.emit({ project, kinds: new Set(['events']) });
        }
        return;
      }
      case 'pass-failed':
        record.lastError = note.error.message;
        this.record({ project, time: now, kind: 'failed', severity: 'error', message: describeNote(note)?.text ?? '' });
        this.emit({ project, kinds: new Set(['events', 'observed']) });
        return;
      case 'stream':
        this.setEventStream(project, note.status);
        return;
      case 'event':
        return; // engine events go through applyEngineEvent
    }
  }

  /**
   * What a supervisor's live view knows and the engine does not: probe health and held-back
   * restarts. This window's own supervisor gives it in process; another process's (`flotilla up
   * --watch`, another window) is read from the file it publishes.
   */
  applyLiveSnapshot(project: string, snapshot: LiveSnapshot | undefined): void {
    const record = this.ensure(project);
    const own = record.supervision.mode === 'editor';
    const now = this.clock.now();
    if (!snapshot) {
      if (own || record.supervision.mode === 'none') return;
      record.supervision = { mode: 'none' };
      record.health.clear();
      record.backoff.clear();
    } else {
      if (!own) record.supervision = { mode: 'other', ownerPid: snapshot.pid };
      record.health = new Map(Object.entries(snapshot.containers).map(([id, c]) => [id, c.health]));
      record.backoff = new Map(
        Object.entries(snapshot.pods).flatMap(([pod, p]) =>
          p.restartAt !== undefined && p.crash !== undefined && p.restartAt > now ? [[pod, { crashes: p.crash - 1, until: p.restartAt }]] : [],
        ),
      );
    }
    this.emit({ project, kinds: new Set(['health', 'backoff', 'supervision']) });
  }

  /** Forget a project (its manifest was removed from the workspace). */
  forget(project: string): void {
    if (this.projects.delete(project)) this.emit({ project, kinds: new Set(['observed']) });
  }

  private ensure(project: string): ProjectRecord {
    let record = this.projects.get(project);
    if (!record) {
      record = {
        health: new Map(),
        backoff: new Map(),
        restarts: new Map(),
        lastExit: new Map(),
        startedInPlace: new Set(),
        lastSeen: new Map(),
        healing: new Set(),
        supervision: { mode: 'none' },
      };
      this.projects.set(project, record);
    }
    return record;
  }

  private record(entry: Omit<StoreEvent, 'seq' | 'time'> & { time?: number }): void {
    this.log.unshift({ ...entry, time: entry.time ?? this.clock.now(), seq: ++this.seq });
    if (this.log.length > this.eventLimit) this.log.length = this.eventLimit;
  }

  private emit(change: StoreChange): void {
    for (const listener of [...this.listeners]) listener(change);
  }
}
