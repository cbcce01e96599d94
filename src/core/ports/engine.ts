// The ports through which the pure core talks to the outside. The dockerode adapter in
// src/engine implements EnginePort; unit tests use an in-memory fake.

import type { DesiredService, ObservedState } from '../model/state';

export interface PodCreateRequest {
  project: string;
  service: DesiredService;
  pod: string;
  revision: number;
  network: string;
  node: string;
}

export interface EnginePort {
  /** Name of the node this engine is (the flotilla.node label). */
  readonly node: string;
  /** Everything labelled with this project, in as few engine calls as possible. */
  listProject(project: string, signal?: AbortSignal): Promise<ObservedState>;
  /**
   * The project's containers in one engine call, with only the networks and volumes they are
   * attached to (those exist: the engine removes neither while a container uses it). Lets a
   * no-op `up` cost one call; optional, listProject is the fallback.
   */
  listProjectContainers?(project: string, signal?: AbortSignal): Promise<ObservedState>;
  imageExists(image: string): Promise<boolean>;
  createNetwork(project: string, name: string): Promise<void>;
  removeNetwork(name: string): Promise<void>;
  createVolume(project: string, volume: string, engineName: string, labels: Record<string, string>): Promise<void>;
  removeVolume(engineName: string): Promise<void>;
  /**
   * Creates and starts every container of one pod, in order. Atomic: on any failure it removes
   * what it created and rejects with the cause. Resolves with the container ids.
   */
  createPod(request: PodCreateRequest, signal?: AbortSignal): Promise<string[]>;
  startContainers(containerIds: string[]): Promise<void>;
  /**
   * Stops the pod as one: the stop signal to every container at once, a kill at one deadline
   * graceMs later for whatever still runs; then removes the containers, sidecars first.
   */
  removePod(containerIds: string[], graceMs: number): Promise<void>;
}

export interface EngineEvent {
  /** Milliseconds since the epoch (from the engine's timeNano). */
  time: number;
  /** Docker action: create, start, die, oom, kill, stop, destroy, health_status: healthy, ... */
  action: string;
  containerId: string;
  project?: string;
  service?: string;
  pod?: string;
  container?: string;
  exitCode?: number;
}

export type EventStreamStatus = { state: 'connected' } | { state: 'disconnected'; error: string; retryInMs: number };

export interface EngineEvents {
  /** Follows the project's container events until the signal aborts, reconnecting on loss. */
  watchEvents(project: string, onEvent: (event: EngineEvent) => void, onStatus: (status: EventStreamStatus) => void, signal: AbortSignal): void;
}

export interface LogLine {
  stream: 'stdout' | 'stderr';
  text: string;
  /** Milliseconds since the epoch, when timestamps were asked for. */
  time?: number;
}

export interface LogOptions {
  follow: boolean;
  /** Seconds since the epoch. */
  since?: number;
  tail?: number;
  timestamps: boolean;
  signal?: AbortSignal;
}

export interface ContainerStats {
  cpuPercent: number;
  memoryBytes: number;
  memoryLimitBytes: number;
}

export interface EngineObservability {
  logs(containerId: string, options: LogOptions): AsyncIterable<LogLine>;
  stats(containerId: string): Promise<ContainerStats>;
}

/** What one probe found. */
export interface ProbeResult {
  ok: boolean;
  latencyMs: number;
  /** A short description: "HTTP 200", "connection refused", the command's output (capped). */
  output: string;
}

/** Where and how to probe one container. http and tcp go to a port published on the host. */
export type ProbeTarget =
  | { kind: 'http'; containerId: string; host: string; port: number; path: string; timeoutMs: number }
  | { kind: 'tcp'; containerId: string; host: string; port: number; timeoutMs: number }
  | { kind: 'exec'; containerId: string; command: string[]; timeoutMs: number };

export interface ProbeRunner {
  /** Runs one probe; honours the signal (aborted at the timeout or when probing stops). */
  runProbe(target: ProbeTarget, signal: AbortSignal): Promise<ProbeResult>;
}
