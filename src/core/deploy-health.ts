// How a deploy learns whether pods are healthy: the HealthSource port. RunningHealth: a pod is
// healthy while every container runs, since the first time it was seen so (minHealthyTime then
// asks that it stays up), and crashed when its first container has exited. ProbedHealth adds
// the manifest's health probes on top, for pods that have them.

import type { Clock } from './clock';
import { podHealth as aggregatePodHealth } from './health';
import type { ProbeRunner } from './ports';
import { ProbeScheduler } from './probe-scheduler';
import type { PodStatus } from './rollout';
import type { DesiredService, ObservedPod } from './state';

export interface PodHealthReport {
  status: PodStatus;
  /** When the pod became healthy, if it is. */
  healthySince?: number;
  exitCode?: number;
}

export interface HealthSource {
  /** Health of each given pod of the service, by pod name. */
  podHealth(service: DesiredService, pods: ObservedPod[], now: number): Map<string, PodHealthReport>;
}

export class RunningHealth implements HealthSource {
  /** First time each pod (by its first container's id) was seen with everything running. */
  private readonly runningSince = new Map<string, number>();

  podHealth(_service: DesiredService, pods: ObservedPod[], now: number): Map<string, PodHealthReport> {
    const reports = new Map<string, PodHealthReport>();
    const seen = new Set<string>();
    for (const pod of pods) {
      const owner = pod.containers[0];
      if (!owner) continue;
      seen.add(owner.id);
      if (owner.state === 'exited' || owner.state === 'dead') {
        this.runningSince.delete(owner.id);
        reports.set(pod.name, { status: 'crashed', exitCode: owner.exitCode });
      } else if (pod.containers.every((c) => c.state === 'running')) {
        const since = this.runningSince.get(owner.id) ?? now;
        this.runningSince.set(owner.id, since);
        reports.set(pod.name, { status: 'healthy', healthySince: since });
      } else {
        this.runningSince.delete(owner.id);
        reports.set(pod.name, { status: pod.containers.some((c) => c.state === 'exited' || c.state === 'dead') ? 'unhealthy' : 'starting' });
      }
    }
    return reports;
  }
}

/**
 * Probe health for a rollout's pods (issue 4's probes, the same scheduler the supervisor runs):
 * pods of the spec being rolled out that have probes are healthy once every probed container
 * is, since the latest of them turned healthy; unhealthy when any is. Pods without probes, and
 * the old set (the supervisor probes those), fall back to RunningHealth. dispose() stops probing.
 */
export class ProbedHealth implements HealthSource {
  private readonly running = new RunningHealth();
  private readonly scheduler: ProbeScheduler;

  constructor(runner: ProbeRunner, clock: Clock) {
    this.scheduler = new ProbeScheduler(runner, clock, () => undefined);
  }

  podHealth(service: DesiredService, pods: ObservedPod[], now: number): Map<string, PodHealthReport> {
    const reports = this.running.podHealth(service, pods, now);
    const probed = pods.filter((p) => p.specHash === service.specHash);
    this.scheduler.sync({ project: '', manifestDir: '', network: '', volumes: [], services: [service], allow: [] }, { project: '', pods: probed, networks: [], volumes: [] });
    for (const pod of probed) {
      const base = reports.get(pod.name);
      const withProbes = pod.containers.filter((c) => service.containers.find((d) => d.name === c.container)?.probe);
      if (!base || base.status !== 'healthy' || withProbes.length === 0) continue;
      const healths = withProbes.map((c) => this.scheduler.healthOf(c.id));
      const status = aggregatePodHealth(healths);
      if (status === 'healthy') {
        const since = Math.max(...healths.map((h) => h?.since ?? now));
        reports.set(pod.name, { status: 'healthy', healthySince: since });
      } else {
        reports.set(pod.name, { status: status ?? 'starting' });
      }
    }
    return reports;
  }

  dispose(): void {
    this.scheduler.stopAll();
  }
}
