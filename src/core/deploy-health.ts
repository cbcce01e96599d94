// How a deploy learns whether pods are healthy: the HealthSource port. RunningHealth is the
// stand-in until the supervisor's probe health (issue 4) is wired in: a pod is healthy while
// every container runs, since the first time it was seen so (minHealthyTime then asks that it
// stays up), and crashed when its first container has exited.

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
