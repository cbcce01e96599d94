// An in-memory engine for the core's unit tests: it keeps containers with the same labels and
// grouping the Docker adapter reports, and can be told to fail in the ways real engines do.
import { FlotillaError } from '../../src/core/model/errors';
import type { EngineEvents, EnginePort, EventStreamStatus, PodCreateRequest, ProbeResult, ProbeRunner } from '../../src/core/ports/engine';
import type { ContainerState, ObservedContainer, ObservedPod, ObservedState } from '../../src/core/model/state';

export class FakeEngine implements EnginePort {
  readonly node = 'local';
  containers: ObservedContainer[] = [];
  networks = new Set<string>();
  volumes = new Set<string>();
  images = new Set<string>();
  /** Images whose containers exit with code 1 as soon as they start. */
  crashingImages = new Set<string>();
  /** Pod names whose creation fails (as a port clash would). */
  failingPods = new Set<string>();
  calls: string[] = [];
  private nextId = 1;
  /** What each container is attached to, as Docker's container list reports it. */
  private readonly attached = new Map<string, { network: string; volumes: string[] }>();

  constructor(images: string[] = []) {
    images.forEach((i) => this.images.add(i));
  }

  async listProject(project: string): Promise<ObservedState> {
    this.calls.push('list');
    const pods = new Map<string, ObservedPod>();
    for (const c of this.containers) {
      const pod = pods.get(c.pod) ?? { name: c.pod, service: c.service, revision: c.revision, specHash: c.specHash, node: c.node, containers: [] };
      pod.containers.push({ ...c, ports: [...c.ports] });
      pods.set(c.pod, pod);
    }
    return { project, pods: [...pods.values()], networks: [...this.networks], volumes: [...this.volumes] };
  }

  /** As the Docker adapter: one call, networks and volumes only as the containers use them. */
  async listProjectContainers(project: string): Promise<ObservedState> {
    const all = await this.listProject(project);
    this.calls[this.calls.length - 1] = 'list-containers';
    const uses = this.containers.map((c) => this.attached.get(c.id)).filter((a) => a !== undefined);
    const networks = [...new Set(uses.map((a) => a.network))].filter((n) => this.networks.has(n));
    const volumes = [...new Set(uses.flatMap((a) => a.volumes))].filter((v) => this.volumes.has(v));
    return { ...all, networks, volumes };
  }

  async imageExists(image: string): Promise<boolean> {
    this.calls.push(`image ${image}`);
    return this.images.has(image);
  }

  async createNetwork(_project: string, name: string): Promise<void> {
    this.calls.push(`create-network ${name}`);
    this.networks.add(name);
  }

  async removeNetwork(name: string): Promise<void> {
    this.calls.push(`remove-network ${name}`);
    this.networks.delete(name);
  }

  async createVolume(_project: string, _volume: string, engineName: string): Promise<void> {
    this.calls.push(`create-volume ${engineName}`);
    this.volumes.add(engineName);
  }

  async removeVolume(engineName: string): Promise<void> {
    this.calls.push(`remove-volume ${engineName}`);
    this.volumes.delete(engineName);
  }

  async createPod(request: PodCreateRequest): Promise<string[]> {
    this.calls.push(`create-pod ${request.pod}`);
    if (this.failingPods.has(request.pod)) throw new FlotillaError('port-in-use', `Host port for ${request.pod} is already in use.`);
    if (this.containers.some((c) => c.pod === request.pod)) throw new FlotillaError('name-conflict', `pod ${request.pod} exists`);
    const ids = request.service.containers.map((spec) => {
      const crashing = this.crashingImages.has(spec.image);
      const state: ContainerState = crashing ? 'exited' : 'running';
      const id = `c${this.nextId++}`;
      this.attached.set(id, { network: request.network, volumes: spec.mounts.flatMap((m) => (m.kind === 'volume' ? [m.engineName] : [])) });
      this.containers.push({
        id,
        engineName: `${request.project}-${request.pod}-${spec.name}`,
        service: request.service.name,
        pod: request.pod,
        container: spec.name,
        revision: request.revision,
        specHash: request.service.specHash,
        node: request.node,
        image: spec.image,
        state,
        status: crashing ? 'Exited (1) 1 second ago' : 'Up 1 second',
        exitCode: crashing ? 1 : undefined,
        createdAt: 0,
        ports: [],
      });
      return id;
    });
    return ids;
  }

  async startContainers(ids: string[]): Promise<void> {
    this.calls.push(`start ${ids.join(',')}`);
    for (const c of this.containers) if (ids.includes(c.id)) Object.assign(c, { state: 'running', exitCode: undefined });
  }

  async removePod(ids: string[]): Promise<void> {
    this.calls.push(`remove-pod ${ids.join(',')}`);
    this.containers = this.containers.filter((c) => !ids.includes(c.id));
  }

  /** What a `docker kill` would leave. */
  kill(pod: string, container: string, exitCode = 137): void {
    const c = this.containers.find((x) => x.pod === pod && x.container === container);
    if (!c) throw new Error(`no ${pod}/${container}`);
    Object.assign(c, { state: 'exited', exitCode });
  }

  mutations(): string[] {
    return this.calls.filter((c) => c !== 'list' && c !== 'list-containers' && !c.startsWith('image '));
  }
}

/** The fake with an event stream that connects and says nothing, and probes that pass: enough for a supervisor. */
export class QuietEngine extends FakeEngine implements EngineEvents, ProbeRunner {
  watchEvents(_project: string, _onEvent: unknown, onStatus: (s: EventStreamStatus) => void): void {
    onStatus({ state: 'connected' });
  }

  async runProbe(): Promise<ProbeResult> {
    return { ok: true, latencyMs: 0, output: '' };
  }
}
