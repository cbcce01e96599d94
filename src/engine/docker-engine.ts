// The Docker adapter: implements the core's ports with dockerode. Every object it creates is
// labelled; every list is label-filtered; every failure is translated into a sentence.

import Docker from 'dockerode';
import type { IncomingMessage } from 'node:http';
import { FlotillaError } from '../core/model/errors';
import { LABEL } from '../core/model/labels';
import type {
  ContainerStats,
  EngineEvent,
  EngineEvents,
  EngineObservability,
  EnginePort,
  EventStreamStatus,
  LogLine,
  LogOptions,
  PodCreateRequest,
  ProbeResult,
  ProbeRunner,
  ProbeTarget,
} from '../core/ports/engine';
import type { ObservedState } from '../core/model/state';
import { bridgeReachable } from '../core/serving/traffic';
import { defaultEndpoint, dockerOptions, endpointTransport, hostAddresses } from './endpoint';
import { translate, unreachable, type Subject } from './errors';
import { followEvents } from './events';
import { LogDemuxer, logQuery, readLogLines } from './log-stream';
import { toCreateOptions, toObservedPods } from './mapping';
import { removePodContainers } from './pod-removal';
import { runProbe } from './probes';
import { toContainerStats, type RawStats } from './stats';

export interface DockerEngineOptions {
  /** DOCKER_HOST form (unix://, tcp://, ssh://, npipe://); default DOCKER_HOST, else the platform's socket. */
  endpoint?: string;
  /** The flotilla.node label of what this engine creates; default 'local'. */
  node?: string;
}

const PING_TIMEOUT_MS = 10_000;

const statusOf = (error: unknown) => (error as { statusCode?: number } | undefined)?.statusCode;
const labelFilter = (project: string) => JSON.stringify({ label: [`${LABEL.project}=${project}`] });

/** The networks and named volumes the listed containers use, by engine name. */
function attachedTo(containers: Docker.ContainerInfo[]): { networks: string[]; volumes: string[] } {
  const networks = new Set(containers.flatMap((c) => Object.keys(c.NetworkSettings?.Networks ?? {})));
  const volumes = new Set(containers.flatMap((c) => (c.Mounts ?? []).flatMap((m) => (m.Type === 'volume' && m.Name ? [m.Name] : []))));
  return { networks: [...networks].sort(), volumes: [...volumes].sort() };
}

function cancelled(what: string): FlotillaError {
  return new FlotillaError('cancelled', `Cancelled while ${what}.`);
}

export class DockerEngine implements EnginePort, EngineEvents, EngineObservability, ProbeRunner {
  readonly docker: Docker;

  constructor(
    readonly endpoint: string,
    readonly node: string,
  ) {
    this.docker = new Docker(dockerOptions(endpoint));
  }

  private async call<T>(work: () => Promise<T>, subject: Subject = {}): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw translate(this.endpoint, error, subject);
    }
  }

  /** Resolves when the engine answers; any failure means it cannot be used. */
  async ping(): Promise<void> {
    const ping = this.docker.ping.bind(this.docker) as unknown as (options: { abortSignal: AbortSignal }) => Promise<unknown>;
    try {
      await ping({ abortSignal: AbortSignal.timeout(PING_TIMEOUT_MS) });
    } catch (error) {
      const timedOut = (error as Error | undefined)?.name === 'AbortError';
      throw unreachable(this.endpoint, timedOut ? new Error(`no answer within ${PING_TIMEOUT_MS / 1000} s`) : error);
    }
  }

  async listProject(project: string, signal?: AbortSignal): Promise<ObservedState> {
    const filters = labelFilter(project);
    const [containers, networks, volumes] = await this.call(() =>
      Promise.all([
        this.docker.listContainers({ all: true, filters, abortSignal: signal }),
        this.docker.listNetworks({ filters, abortSignal: signal }),
        this.docker.listVolumes({ filters, abortSignal: signal }),
      ]),
    );
    return {
      project,
      pods: toObservedPods(containers, this.bridgeReachability()),
      networks: networks.map((n) => n.Name).sort(),
      volumes: (volumes.Volumes ?? []).map((v) => v.Name).sort(),
    };
  }

  async listProjectContainers(project: string, signal?: AbortSignal): Promise<ObservedState> {
    const containers = await this.call(() => this.docker.listContainers({ all: true, filters: labelFilter(project), abortSignal: signal }));
    return { project, pods: toObservedPods(containers, this.bridgeReachability()), ...attachedTo(containers) };
  }

  /**
   * Whether this host can connect to a container on a network with this gateway (core
   * bridgeReachable): the gateway must be one of this host's own addresses, i.e. the bridge is in
   * this host's network namespace, not rootless Docker's own or Docker Desktop's VM. No engine
   * call: a no-op `up` stays one list.
   */
  private bridgeReachability(): (gateway: string) => boolean {
    const here = { transport: endpointTransport(this.endpoint), platform: process.platform };
    if (!bridgeReachable({ ...here, gatewayOnHost: true })) return () => false;
    const local = hostAddresses();
    return (gateway) => bridgeReachable({ ...here, gatewayOnHost: local.has(gateway) });
  }

  async imageExists(image: string): Promise<boolean> {
    try {
      await this.docker.getImage(image).inspect();
      return true;
    } catch (error) {
      if (statusOf(error) === 404) return false;
      throw translate(this.endpoint, error, { image });
    }
  }

  async createNetwork(project: string, name: string): Promise<void> {
    // The name filter matches substrings; only an exact name counts.
    const find = async () => (await this.call(() => this.docker.listNetworks({ filters: JSON.stringify({ name: [name] }) }))).find((n) => n.Name === name);
    const check = (network: { Labels?: Record<string, string> }) => {
      if (network.Labels?.[LABEL.project] !== project) {
        throw new FlotillaError(
          'name-conflict',
          `A network named "${name}" exists on the engine at ${this.endpoint} but does not belong to project ${project}: remove it, or choose another project name.`,
        );
      }
    };
    const existing = await find();
    if (existing) return check(existing);
    try {
      await this.docker.createNetwork({ Name: name, Driver: 'bridge', CheckDuplicate: true, Labels: { [LABEL.project]: project } });
    } catch (error) {
      // Created meanwhile by another Flotilla (the editor and the CLI may race): fine if ours.
      const raced = statusOf(error) === 409 ? await find() : undefined;
      if (!raced) throw translate(this.endpoint, error, { name });
      check(raced);
    }
  }

  /** Removal is idempotent: an object already gone is what was asked for. */
  private async removeIfPresent(remove: () => Promise<unknown>, subject: Subject): Promise<void> {
    try {
      await remove();
    } catch (error) {
      if (statusOf(error) !== 404) throw translate(this.endpoint, error, subject);
    }
  }

  async removeNetwork(name: string): Promise<void> {
    await this.removeIfPresent(() => this.docker.getNetwork(name).remove(), { name });
  }

  async createVolume(project: string, volume: string, engineName: string, labels: Record<string, string>): Promise<void> {
    const conflict = () =>
      new FlotillaError(
        'name-conflict',
        `A volume named "${engineName}" exists on the engine at ${this.endpoint} but does not belong to project ${project}: remove it, or choose another project name.`,
      );
    const inspect = () =>
      this.docker
        .getVolume(engineName)
        .inspect()
        .catch((error: unknown) => {
          if (statusOf(error) === 404) return undefined;
          throw translate(this.endpoint, error, { name: engineName });
        });
    const existing = await inspect();
    if (existing) {
      if (existing.Labels?.[LABEL.project] !== project) throw conflict();
      return;
    }
    await this.call(() => this.docker.createVolume({ Name: engineName, Labels: { ...labels, [LABEL.project]: project, [LABEL.volume]: volume } }), { name: engineName });
    // Creating a volume that exists succeeds and leaves it unchanged: if one appeared meanwhile,
    // check whose it is.
    const created = await inspect();
    if (created && created.Labels?.[LABEL.project] !== project) throw conflict();
  }

  async removeVolume(engineName: string): Promise<void> {
    await this.removeIfPresent(() => this.docker.getVolume(engineName).remove(), { name: engineName });
  }

  async createPod(request: PodCreateRequest, signal?: AbortSignal): Promise<string[]> {
    if (request.service.containers.length === 0) throw new FlotillaError('refused', `Pod ${request.pod} has no containers to create.`);
    const ids: string[] = [];
    const what = `creating pod ${request.pod}`;
    try {
      for (let index = 0; index < request.service.containers.length; index++) {
        // The signal is checked between steps and never passed to a create: an aborted create
        // may still make a container, whose id this call would then not know to remove.
        if (signal?.aborted) throw cancelled(what);
        const options = toCreateOptions(request, index, ids[0]);
        const container = await this.call(() => this.docker.createContainer(options), { image: options.Image, name: options.name });
        ids.push(container.id);
        if (signal?.aborted) throw cancelled(what);
        await this.call(() => container.start());
      }
      return ids;
    } catch (error) {
      // A pod exists whole or not at all: remove what this call made, sidecars first.
      await Promise.allSettled([...ids].reverse().map((id) => this.docker.getContainer(id).remove({ force: true, v: false })));
      throw translate(this.endpoint, error);
    }
  }

  /** Starts in the order given: sidecars need the first container's namespace running. */
  async startContainers(containerIds: string[]): Promise<void> {
    for (const id of containerIds) {
      await this.call(async () => {
        try {
          await this.docker.getContainer(id).start();
        } catch (error) {
          if (statusOf(error) !== 304) throw error; // already running
        }
      });
    }
  }

  /** One grace deadline for the whole pod, then removal, sidecars first (pod-removal.ts). */
  async removePod(containerIds: string[], graceMs: number): Promise<void> {
    const failures = await removePodContainers(this.docker, containerIds, graceMs);
    if (failures.length > 0) throw translate(this.endpoint, failures[0]);
  }

  watchEvents(project: string, onEvent: (event: EngineEvent) => void, onStatus: (status: EventStreamStatus) => void, signal: AbortSignal): void {
    followEvents(this.docker, project, onEvent, onStatus, signal);
  }

  async *logs(containerId: string, options: LogOptions): AsyncIterable<LogLine> {
    const { signal } = options;
    if (signal?.aborted) return;
    let response: IncomingMessage;
    let tty: boolean;
    try {
      const info = await this.docker.getContainer(containerId).inspect({ abortSignal: signal });
      tty = info.Config.Tty;
      // dockerode buffers a non-follow response and parses it as JSON when it can: ask the
      // modem for a stream either way.
      response = await new Promise<IncomingMessage>((resolve, reject) =>
        this.docker.modem.dial(
          {
            path: `/containers/${encodeURIComponent(containerId)}/logs?`,
            method: 'GET',
            isStream: true,
            abortSignal: signal,
            statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
            options: logQuery(options),
          },
          (error, data) => (error ? reject(error) : resolve(data as IncomingMessage)),
        ),
      );
    } catch (error) {
      if (signal?.aborted) return;
      throw translate(this.endpoint, error);
    }
    yield* readLogLines(response, new LogDemuxer(tty, options.timestamps), signal, (error) => translate(this.endpoint, error));
  }

  /** The engine's full inspect JSON of one container (the editor's Inspect command). */
  async inspectContainer(containerId: string): Promise<unknown> {
    return this.call(() => this.docker.getContainer(containerId).inspect(), { name: containerId });
  }

  runProbe(target: ProbeTarget, signal: AbortSignal): Promise<ProbeResult> {
    return runProbe(this.docker, target, signal);
  }

  async stats(containerId: string): Promise<ContainerStats> {
    const raw = await this.call(() => this.docker.getContainer(containerId).stats({ stream: false }));
    return toContainerStats(raw as RawStats);
  }
}

export function createDockerEngine(options: DockerEngineOptions = {}): DockerEngine {
  return new DockerEngine(options.endpoint || defaultEndpoint(), options.node ?? 'local');
}
