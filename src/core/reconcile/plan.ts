// computePlan: desired x observed -> the actions that close the gap, as data with reasons.
// Pure and level-based (Nomad's reconcile, controller-runtime): it looks only at the two
// states, so running it again after a crash half-way picks up where things are.

import { podName, podOrdinal } from '../model/labels';
import type { DesiredService, DesiredState, ObservedContainer, ObservedPod, ObservedState } from '../model/state';

export type PlanAction =
  | { kind: 'create-network'; network: string }
  | { kind: 'create-volume'; volume: string; engineName: string; labels: Record<string, string> }
  | { kind: 'remove-pod'; service: string; pod: string; containerIds: string[]; graceMs: number }
  | { kind: 'create-pod'; service: string; pod: string; revision: number }
  | { kind: 'start-containers'; service: string; pod: string; containerIds: string[]; containers: string[] }
  | { kind: 'remove-network'; network: string }
  | { kind: 'remove-volume'; engineName: string };

export interface PlanStep {
  action: PlanAction;
  reason: string;
  /** Set on steps that restart a crashed pod: supervisors hold these back during backoff. */
  heal?: boolean;
}

export interface Plan {
  steps: PlanStep[];
}

/** Steps of one phase run concurrently; phases run in this order. */
export const PHASES: PlanAction['kind'][][] = [['create-network', 'create-volume'], ['remove-pod'], ['create-pod', 'start-containers'], ['remove-network', 'remove-volume']];

export const DEFAULT_GRACE_MS = 10_000;

export function computePlan(desired: DesiredState, observed: ObservedState): Plan {
  const steps: PlanStep[] = [];
  if (!observed.networks.includes(desired.network)) {
    steps.push({ action: { kind: 'create-network', network: desired.network }, reason: 'the project network does not exist yet' });
  }
  for (const volume of desired.volumes) {
    if (!observed.volumes.includes(volume.engineName)) {
      steps.push({
        action: { kind: 'create-volume', volume: volume.name, engineName: volume.engineName, labels: volume.labels },
        reason: `volume ${volume.name} does not exist yet`,
      });
    }
  }
  const wanted = new Set(desired.services.map((s) => s.name));
  for (const pod of observed.pods) {
    if (!wanted.has(pod.service)) steps.push(removePod(pod, DEFAULT_GRACE_MS, `service ${pod.service} is no longer in the manifest`));
  }
  for (const service of desired.services) {
    steps.push(
      ...planService(
        service,
        observed.pods.filter((p) => p.service === service.name),
      ),
    );
  }
  return { steps: orderByPhase(steps) };
}

function planService(service: DesiredService, pods: ObservedPod[]): PlanStep[] {
  const steps: PlanStep[] = [];
  const wantedContainers = service.containers.map((c) => c.name).join(',');
  const current: ObservedPod[] = [];
  for (const pod of pods.sort(byOrdinal(service.name))) {
    if (podOrdinal(service.name, pod.name) === undefined) {
      steps.push(removePod(pod, service.stopGraceMs, `pod ${pod.name} does not follow Flotilla's naming`));
    } else if (pod.specHash !== service.specHash) {
      steps.push(removePod(pod, service.stopGraceMs, `its spec changed (revision ${pod.revision} is out of date)`));
    } else if (pod.containers.map((c) => c.container).join(',') !== wantedContainers) {
      steps.push(
        removePod(pod, service.stopGraceMs, `it is incomplete (has ${pod.containers.map((c) => c.container).join(', ') || 'no containers'}); a pod is replaced as a whole`),
      );
    } else {
      current.push(pod);
    }
  }
  const kept = current.slice(0, service.replicas);
  for (const extra of current.slice(service.replicas)) {
    steps.push(removePod(extra, service.stopGraceMs, `scaled down to ${service.replicas} replica${service.replicas === 1 ? '' : 's'}`));
  }
  const revision = revisionFor(service, pods);
  const used = new Set(kept.map((p) => podOrdinal(service.name, p.name)));
  for (const pod of kept) {
    const step = healPod(service, pod, revision);
    if (step) {
      steps.push(...step);
    }
  }
  let ordinal = 1;
  for (let missing = service.replicas - kept.length; missing > 0; missing--) {
    while (used.has(ordinal)) ordinal++;
    used.add(ordinal);
    const name = podName(service.name, ordinal);
    steps.push({
      action: { kind: 'create-pod', service: service.name, pod: name, revision },
      reason: `${service.name} wants ${service.replicas} replica${service.replicas === 1 ? '' : 's'} of revision ${revision}`,
    });
  }
  return steps;
}

/** Restart policy applied to a pod that has the right spec but stopped containers. */
function healPod(service: DesiredService, pod: ObservedPod, revision: number): PlanStep[] | undefined {
  const primary = pod.containers[0] as ObservedContainer;
  const shouldRestart = (c: ObservedContainer) => c.state === 'created' || ((c.state === 'exited' || c.state === 'dead') && restartAllowed(service, c));
  if (shouldRestart(primary)) {
    // Sidecars live in the first container's network namespace, which died with it.
    return replacePod(service, pod, revision, `its first container ${primary.container} ${describeStop(primary)}, taking the pod's network namespace with it`);
  }
  // A failed liveness probe replaces the whole pod: restarting the namespace owner in place
  // would strand its sidecars in a dead namespace, and fresh containers drop whatever state
  // made one unhealthy. It shares the crash backoff.
  const unhealthy = pod.containers.find((c) => c.state === 'running' && c.health?.status === 'unhealthy');
  if (unhealthy && service.restart !== 'never') {
    const last = unhealthy.health?.lastProbe;
    return replacePod(service, pod, revision, `${unhealthy.container} failed ${unhealthy.health?.failingStreak} health checks in a row${last ? ` (last: ${last.output})` : ''}`);
  }
  const stopped = pod.containers.slice(1).filter(shouldRestart);
  if (stopped.length === 0) return undefined;
  return [
    {
      action: { kind: 'start-containers', service: service.name, pod: pod.name, containerIds: stopped.map((c) => c.id), containers: stopped.map((c) => c.container) },
      reason: stopped.map((c) => `${c.container} ${describeStop(c)}`).join('; ') + ` (restart: ${service.restart})`,
      heal: true,
    },
  ];
}

function replacePod(service: DesiredService, pod: ObservedPod, revision: number, why: string): PlanStep[] {
  return [
    { ...removePod(pod, service.stopGraceMs, why), heal: true },
    { action: { kind: 'create-pod', service: service.name, pod: pod.name, revision }, reason: `replacing pod ${pod.name} (restart: ${service.restart})`, heal: true },
  ];
}

function restartAllowed(service: DesiredService, c: ObservedContainer): boolean {
  if (service.restart === 'always') return true;
  if (service.restart === 'on-failure') return c.exitCode !== 0;
  return false;
}

function describeStop(c: ObservedContainer): string {
  if (c.state === 'created') return 'was created but never started';
  return c.exitCode === undefined ? `is ${c.state}` : `exited with code ${c.exitCode}`;
}

/** Pods of the current spec keep their revision; a new spec gets the next number. */
function revisionFor(service: DesiredService, pods: ObservedPod[]): number {
  const same = pods.find((p) => p.specHash === service.specHash);
  if (same) return same.revision;
  return pods.reduce((max, p) => Math.max(max, p.revision), 0) + 1;
}

function removePod(pod: ObservedPod, graceMs: number, reason: string): PlanStep {
  return {
    action: { kind: 'remove-pod', service: pod.service, pod: pod.name, containerIds: pod.containers.map((c) => c.id), graceMs },
    reason,
  };
}

function byOrdinal(service: string) {
  return (a: ObservedPod, b: ObservedPod) => (podOrdinal(service, a.name) ?? Infinity) - (podOrdinal(service, b.name) ?? Infinity);
}

function orderByPhase(steps: PlanStep[]): PlanStep[] {
  const phaseOf = (step: PlanStep) => PHASES.findIndex((kinds) => kinds.includes(step.action.kind));
  return steps
    .map((step, i) => ({ step, i }))
    .sort((a, b) => phaseOf(a.step) - phaseOf(b.step) || a.i - b.i)
    .map(({ step }) => step);
}

/** Everything of the project goes; named volumes only when asked (they hold user data). */
export function computeTeardown(observed: ObservedState, options: { removeVolumes: boolean; graceMs?: (service: string) => number }): Plan {
  const steps: PlanStep[] = observed.pods.map((pod) => removePod(pod, options.graceMs?.(pod.service) ?? DEFAULT_GRACE_MS, 'project is going down'));
  for (const network of observed.networks) steps.push({ action: { kind: 'remove-network', network }, reason: 'project is going down' });
  if (options.removeVolumes) {
    for (const engineName of observed.volumes) steps.push({ action: { kind: 'remove-volume', engineName }, reason: '--volumes was given' });
  }
  return { steps: orderByPhase(steps) };
}
