// How a deploy learns whether pods are healthy: the HealthSource port. RunningHealth: a pod is
// healthy while every container runs, since the first time it was seen so (minHealthyTime then
// asks that it stays up), and crashed when its first container has exited. ProbedHealth adds
// the manifest's health probes on top, for pods that have them, probing them itself;
// SupervisorProbeHealth reads a running supervisor's probe results instead.

import type { Clock } from '../ports/clock';
import { podHealth as aggregatePodHealth } from '../health/health';
import type { ProbeRunner } from '../ports/engine';
import { ProbeScheduler } from '../health/probe-scheduler';
import type { PodStatus } from './machine';
import type { ContainerHealth, DesiredService, ObservedPod } from '../model/state';

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

/** Probe results by container id: a ProbeScheduler, or a running supervisor's. */
export interface ProbeResults {
  healthOf(containerId: string): ContainerHealth | undefined;
}

/**
 * Lays probe results over RunningHealth's reports: pods of the spec being rolled out whose
 * containers have probes are healthy once every probed container is (since the latest of them
 * turned healthy), unhealthy when any is, starting otherwise. Returns the pods that run but
 * have a probed container without any result yet.
 */
function overlayProbes(service: DesiredService, pods: ObservedPod[], reports: Map<string, PodHealthReport>, probes: ProbeResults, now: number): ObservedPod[] {
  const unprobed: ObservedPod[] = [];
  for (const pod of pods) {
    if (pod.specHash !== service.specHash) continue;
    const base = reports.get(pod.name);
    const withProbes = pod.containers.filter((c) => service.containers.find((d) => d.name === c.container)?.probe);
    if (!base || base.status !== 'healthy' || withProbes.length === 0) continue;
    const healths = withProbes.map((c) => probes.healthOf(c.id));
    if (healths.some((h) => h === undefined)) unprobed.push(pod);
    const status = aggregatePodHealth(healths);
    if (status === 'healthy') {
      const since = Math.max(...healths.map((h) => h?.since ?? now));
      reports.set(pod.name, { status: 'healthy', healthySince: since });
    } else {
      reports.set(pod.name, { status: status ?? 'starting' });
    }
  }
  return unprobed;
}

/**
 * Probe health for a rollout that runs on its own (`flotilla deploy` with no supervisor): it
 * runs the manifest's probes itself (the same scheduler the supervisor runs) on the pods of the
 * spec being rolled out. Pods without probes, and the old set, fall back to RunningHealth.
 * dispose() stops probing.
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
    overlayProbes(service, pods, reports, this.scheduler, now);
    return reports;
  }

  dispose(): void {
    this.scheduler.stopAll();
  }
}

/**
 * Probe health for a rollout run by a supervisor: it reads the supervisor's own probe results
 * instead of probing the pods a second time (one probe per container per interval). The
 * supervisor probes the pods of the spec its desired state names; while a rollout runs it asks
 * `probedSpec` which spec that rollout judges (a rollback judges the older spec's pods), and a
 * running pod with no result yet asks it for a pass (`unprobed`), which starts its probes.
 */
export class SupervisorProbeHealth implements HealthSource {
  private readonly running = new RunningHealth();
  /** The spec each service's rollout last asked about. */
  private readonly judged = new Map<string, DesiredService>();

  constructor(
    private readonly probes: ProbeResults,
    private readonly unprobed: () => void,
  ) {}

  podHealth(service: DesiredService, pods: ObservedPod[], now: number): Map<string, PodHealthReport> {
    const asked = this.judged.get(service.name);
    this.judged.set(service.name, service);
    const reports = this.running.podHealth(service, pods, now);
    const waiting = overlayProbes(service, pods, reports, this.probes, now);
    if (waiting.length > 0 || asked?.specHash !== service.specHash) this.unprobed();
    return reports;
  }

  /** The spec whose pods the supervisor should probe for a service's rollout, if one runs. */
  probedSpec(service: string): DesiredService | undefined {
    return this.judged.get(service);
  }

  /** The rollout ended: the supervisor probes what its desired state names again. */
  forget(service: string): void {
    this.judged.delete(service);
  }
}
