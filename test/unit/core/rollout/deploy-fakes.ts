// Fakes for the deploy driver's unit tests: a simulated clock (sleeping moves time), an engine
// that stamps creation times from it, a health source where pods become healthy after a delay,
// a traffic switch that records every route, and an in-memory revision store.
import type { Clock } from '../../../../src/core/ports/clock';
import type { HealthSource, PodHealthReport } from '../../../../src/core/rollout/health-source';
import type { PodCreateRequest } from '../../../../src/core/ports/engine';
import { emptyRevisions, type RevisionsFile, type RevisionStore } from '../../../../src/core/rollout/revisions';
import type { DesiredService, ObservedPod } from '../../../../src/core/model/state';
import type { TrafficBackend, TrafficSwitch } from '../../../../src/core/serving/traffic';
import { FakeEngine } from '../../fake-engine';

export class SimClock implements Clock {
  time = 1_000_000;
  now(): number {
    return this.time;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw signal.reason;
    await new Promise((resolve) => setImmediate(resolve));
    this.time += ms;
  }
}

export class TimedEngine extends FakeEngine {
  maxPods = 0;
  constructor(
    private readonly clock: Clock,
    images: string[],
  ) {
    super(images);
  }
  override async createPod(request: PodCreateRequest): Promise<string[]> {
    const ids = await super.createPod(request);
    for (const c of this.containers) if (ids.includes(c.id)) c.createdAt = this.clock.now();
    // A published service port, as the Docker adapter reports it.
    const owner = this.containers.find((c) => c.id === ids[0]);
    if (owner && request.service.expose)
      owner.ports = [{ containerPort: request.service.expose.port, hostIp: '127.0.0.1', hostPort: 40000 + Number(owner.id.slice(1)), protocol: 'tcp' }];
    this.maxPods = Math.max(this.maxPods, new Set(this.containers.map((c) => c.pod)).size);
    return ids;
  }
  podsOf(service: string): { name: string; revision: number; image: string; id: string }[] {
    return this.containers
      .filter((c) => c.service === service && c.container === 'app')
      .map((c) => ({ name: c.pod, revision: c.revision, image: c.image, id: c.id }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}

/**
 * Pods become healthy readyMs after creation; pods of the spec being rolled out whose image is
 * in `neverReady` stay starting (their probe fails). Like ProbedHealth, pods of other specs are
 * judged by running alone, so a failed pod that runs looks healthy once it is the old set.
 */
export class DelayedHealth implements HealthSource {
  neverReady = new Set<string>();
  private readonly probedSince = new Map<string, number>();
  constructor(public readyMs = 2000) {}
  podHealth(service: DesiredService, pods: ObservedPod[], now: number): Map<string, PodHealthReport> {
    const reports = new Map<string, PodHealthReport>();
    // Like the probe scheduler, probing stops for pods that are no longer of the probed spec.
    const probedNow = new Set(pods.filter((p) => p.specHash === service.specHash).map((p) => `${p.containers[0]!.id}/${service.specHash}`));
    for (const key of [...this.probedSince.keys()]) if (!probedNow.has(key)) this.probedSince.delete(key);
    for (const pod of pods) {
      const owner = pod.containers[0]!;
      const probed = pod.specHash === service.specHash;
      if (owner.state === 'exited') reports.set(pod.name, { status: 'crashed', exitCode: owner.exitCode });
      else {
        // Probing (re)starts when a pod first belongs to the spec being rolled out.
        const key = `${owner.id}/${service.specHash}`;
        if (probed && !this.probedSince.has(key)) this.probedSince.set(key, Math.max(now, owner.createdAt));
        const from = probed ? (this.probedSince.get(key) as number) : owner.createdAt;
        if ((probed && this.neverReady.has(owner.image)) || now - from < this.readyMs) reports.set(pod.name, { status: 'starting' });
        else reports.set(pod.name, { status: 'healthy', healthySince: from + this.readyMs });
      }
    }
    return reports;
  }
}

export class RecordingTraffic implements TrafficSwitch {
  routes: string[][] = [];
  drains: string[] = [];
  current: string[] = [];
  route(_service: string, backends: TrafficBackend[]): void {
    this.current = backends.map((b) => b.pod);
    this.routes.push(this.current);
  }
  routed(): string[] {
    return this.current;
  }
  openConnections(): Map<string, number> {
    return new Map();
  }
  async drain(_service: string, pod: string): Promise<{ cut: number }> {
    this.drains.push(pod);
    this.current = this.current.filter((p) => p !== pod);
    return { cut: 0 };
  }
}

export class MemoryStore implements RevisionStore {
  file: RevisionsFile;
  constructor(project: string) {
    this.file = emptyRevisions(project);
  }
  async read(): Promise<RevisionsFile> {
    return structuredClone(this.file);
  }
  async update(change: (file: RevisionsFile) => RevisionsFile): Promise<RevisionsFile> {
    this.file = change(structuredClone(this.file));
    return structuredClone(this.file);
  }
}
