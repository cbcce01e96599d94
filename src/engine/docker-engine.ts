// The Docker adapter: implements the core's ports with dockerode. Every object it creates is
// labelled; every list is label-filtered; every failure is translated into a sentence.

import Docker from 'dockerode';
import { FlotillaError } from '../core/errors';
import { LABEL } from '../core/labels';
import type { ContainerStats, EngineEvent, EngineEvents, EngineObservability, EnginePort, EventStreamStatus, LogLine, LogOptions, PodCreateRequest } from '../core/ports';
import type { ObservedState } from '../core/state';
import { translate, unreachable } from './errors';
import { followEvents } from './events';
import { LogDemuxer } from './log-stream';
import { toCreateOptions, toObservedPods } from './mapping';

export interface DockerEngineOptions {
  /** DOCKER_HOST form; default DOCKER_HOST, else the platform's socket. */
  endpoint?: string;
  node?: string;
}

export function defaultEndpoint(): string {
  return process.env.DOCKER_HOST || (process.platform === 'win32' ? 'npipe:////./pipe/docker_engine' : 'unix:///var/run/docker.sock');
}

export function dockerOptions(endpoint: string): Docker.DockerOptions {
  const url = new URL(endpoint.replace(/^npipe:/, 'npipe:'));
  switch (url.protocol) {
    case 'unix:':
      return { socketPath: decodeURIComponent(url.pathname) };
    case 'npipe:':
      return { socketPath: endpoint.replace(/^npipe:\/\//, '').replace(/\//g, '\\') };
    case 'tcp:':
    case 'http:':
      return { host: url.hostname, port: Number(url.port || 2375), protocol: 'http' };
    case 'https:':
      return { host: url.hostname, port: Number(url.port || 2376), protocol: 'https' };
    case 'ssh:':
      return { host: url.hostname, port: Number(url.port || 22), username: url.username || undefined, protocol: 'ssh' };
    default:
      throw new FlotillaError('refused', `Engine endpoint "${endpoint}" is not one Flotilla understands: use unix://, tcp://, ssh:// or npipe://.`);
  }
}

const notFound = (error: unknown) => (error as { statusCode?: number }).statusCode === 404;
const labelFilter = (project: string) => JSON.stringify({ label: [`${LABEL.project}=${project}`] });

export class DockerEngine implements EnginePort, EngineEvents, EngineObservability {
  readonly docker: Docker;

  constructor(
    readonly endpoint: string,
    readonly node: string,
  ) {
    this.docker = new Docker(dockerOptions(endpoint));
  }

  private async call<T>(work: () => Promise<T>, subject: { image?: string; name?: string } = {}): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw translate(this.endpoint, error, subject);
    }
  }

  async ping(): Promise<void> {
    try {
      await this.docker.ping();
    } catch (error) {
      throw unreachable(this.endpoint, error);
    }
  }

  async listProject(project: string): Promise<ObservedState> {
    const filters = labelFilter(project);
    const [containers, networks, volumes] = await this.call(() =>
      Promise.all([this.docker.listContainers({ all: true, filters }), this.docker.listNetworks({ filters }), this.docker.listVolumes({ filters })]),
    );
    return { project, pods: toObservedPods(containers), networks: networks.map((n) => n.Name), volumes: (volumes.Volumes ?? []).map((v) => v.Name) };
  }

  async imageExists(image: string): Promise<boolean> {
    try {
      await this.docker.getImage(image).inspect();
      return true;
    } catch (error) {
      if (notFound(error)) return false;
      throw translate(this.endpoint, error);
    }
  }

  async createNetwork(project: string, name: string): Promise<void> {
    const existing = await this.call(() => this.docker.listNetworks({ filters: JSON.stringify({ name: [name] }) }));
    const same = existing.find((n) => n.Name === name);
    if (same) {
      if (same.Labels?.[LABEL.project] === project) return;
      throw new FlotillaError('name-conflict', `A network named "${name}" exists but does not belong to project ${project}: remove it or choose another project name.`);
    }
    await this.call(() => this.docker.createNetwork({ Name: name, Driver: 'bridge', CheckDuplicate: true, Labels: { [LABEL.project]: project } }));
  }

  /** Removal is idempotent: an object already gone is what was asked for. */
  private async removeIfPresent(remove: () => Promise<unknown>): Promise<void> {
    try {
      await remove();
    } catch (error) {
      if (!notFound(error)) throw translate(this.endpoint, error);
    }
  }

  async removeNetwork(name: string): Promise<void> {
    await this.removeIfPresent(() => this.docker.getNetwork(name).remove());
  }

  async createVolume(project: string, volume: string, engineName: string, labels: Record<string, string>): Promise<void> {
    const existing = await this.docker.getVolume(engineName).inspect().catch((error: unknown) => {
      if (notFound(error)) return undefined;
      throw translate(this.endpoint, error);
    });
    if (existing) {
      if (existing.Labels?.[LABEL.project] === project) return;
      throw new FlotillaError('name-conflict', `A volume named "${engineName}" exists but does not belong to project ${project}: remove it or choose another project name.`);
    }
    await this.call(() => this.docker.createVolume({ Name: engineName, Labels: { ...labels, [LABEL.project]: project, [LABEL.volume]: volume } }));
  }

  async removeVolume(engineName: string): Promise<void> {
    await this.removeIfPresent(() => this.docker.getVolume(engineName).remove());
  }

  async createPod(request: PodCreateRequest, signal?: AbortSignal): Promise<string[]> {
    const ids: string[] = [];
    try {
      for (let index = 0; index < request.service.containers.length; index++) {
        if (signal?.aborted) throw new FlotillaError('cancelled', `Cancelled while creating pod ${request.pod}.`);
        const options = toCreateOptions(request, index, ids[0]);
        const container = await this.call(() => this.docker.createContainer(options), { image: options.Image, name: options.name });
        ids.push(container.id);
        await this.call(() => container.start());
      }
      return ids;
    } catch (error) {
      // A pod is created as a unit: remove whatever part of it exists.
      await Promise.allSettled([...ids].reverse().map((id) => this.docker.getContainer(id).remove({ force: true })));
      throw error;
    }
  }

  async startContainers(containerIds: string[]): Promise<void> {
    await Promise.all(containerIds.map((id) => this.call(() => this.docker.getContainer(id).start())));
  }

  async removePod(containerIds: string[], graceMs: number): Promise<void> {
    const t = Math.ceil(graceMs / 1000);
    // Sidecars first: they live in the first container's namespace.
    for (const id of [...containerIds].reverse()) {
      const container = this.docker.getContainer(id);
      await container.stop({ t }).catch((error: { statusCode?: number }) => {
        if (error.statusCode !== 304 && error.statusCode !== 404) throw translate(this.endpoint, error);
      });
    }
    await Promise.all(
      containerIds.map((id) =>
        this.docker.getContainer(id).remove({ force: true }).catch((error: { statusCode?: number }) => {
          // 404: already gone; 409: removal already in progress.
          if (error.statusCode !== 404 && error.statusCode !== 409) throw translate(this.endpoint, error);
        }),
      ),
    );
  }

  watchEvents(project: string, onEvent: (event: EngineEvent) => void, onStatus: (status: EventStreamStatus) => void, signal: AbortSignal): void {
    followEvents(this.docker, project, onEvent, onStatus, signal);
  }

  async *logs(containerId: string, options: LogOptions): AsyncIterable<LogLine> {
    const container = this.docker.getContainer(containerId);
    const info = await this.call(() => container.inspect());
    const demuxer = new LogDemuxer(info.Config.Tty, options.timestamps);
    const request = { stdout: true, stderr: true, timestamps: options.timestamps, since: options.since, tail: options.tail, abortSignal: options.signal };
    if (!options.follow) {
      const buffer = (await this.call(() => container.logs({ ...request, follow: false }))) as unknown as Buffer;
      yield* demuxer.push(Buffer.from(buffer));
      yield* demuxer.end();
      return;
    }
    const stream = (await this.call(() => container.logs({ ...request, follow: true }))) as NodeJS.ReadableStream & { destroy(): void };
    const onAbort = () => stream.destroy();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for await (const chunk of stream) yield* demuxer.push(chunk as Buffer);
      yield* demuxer.end();
    } catch (error) {
      if (!options.signal?.aborted) throw translate(this.endpoint, error);
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      stream.destroy();
    }
  }

  async stats(containerId: string): Promise<ContainerStats> {
    const s = await this.call(() => this.docker.getContainer(containerId).stats({ stream: false }));
    const cpuDelta = s.cpu_stats.cpu_usage.total_usage - (s.precpu_stats.cpu_usage?.total_usage ?? 0);
    const systemDelta = (s.cpu_stats.system_cpu_usage ?? 0) - (s.precpu_stats.system_cpu_usage ?? 0);
    const cpus = s.cpu_stats.online_cpus ?? s.cpu_stats.cpu_usage.percpu_usage?.length ?? 1;
    const memoryStats = s.memory_stats.stats as Record<string, number> | undefined;
    // Page cache is reclaimable: docker CLI subtracts it (cgroup v1 "cache", v2 "inactive_file").
    const cache = memoryStats?.inactive_file ?? memoryStats?.cache ?? 0;
    return {
      cpuPercent: systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * cpus * 100 : 0,
      memoryBytes: Math.max(0, (s.memory_stats.usage ?? 0) - cache),
      memoryLimitBytes: s.memory_stats.limit ?? 0,
    };
  }
}

export function createDockerEngine(options: DockerEngineOptions = {}): DockerEngine {
  return new DockerEngine(options.endpoint ?? defaultEndpoint(), options.node ?? 'local');
}
