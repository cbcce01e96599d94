// The probe state machine (Kubernetes semantics): probe results in, ContainerHealth out. Pure.
// A container starts as 'starting'; successThreshold passes in a row make it healthy,
// failureThreshold failures in a row make it unhealthy. Failures inside the start period do
// not count while it is still starting (a slow boot is not a failure), but a pass there counts.

import type { ProbeResult } from '../ports/engine';
import type { ContainerHealth, ProbeSpec } from '../model/state';

/** Probe output kept per result: enough to say why, small enough to publish every interval. */
export const PROBE_OUTPUT_LIMIT = 200;

export function initialHealth(now: number): ContainerHealth {
  return { status: 'starting', failingStreak: 0, passingStreak: 0, since: now };
}

/**
 * The health after one more probe result. `startedAt` is when probing of this container began
 * (the start period counts from there). `countFailure` false records a failure without adding
 * to the streak (a quick retry while starting, see ProbeScheduler).
 */
export function applyProbeResult(spec: ProbeSpec, previous: ContainerHealth, result: ProbeResult, at: number, startedAt: number, countFailure = true): ContainerHealth {
  const inStartPeriod = previous.status === 'starting' && at - startedAt < spec.startPeriodMs;
  const passingStreak = result.ok ? (previous.passingStreak ?? 0) + 1 : 0;
  const failingStreak = result.ok ? 0 : inStartPeriod ? 0 : countFailure ? previous.failingStreak + 1 : previous.failingStreak;
  let status = previous.status;
  if (result.ok && passingStreak >= spec.successThreshold) status = 'healthy';
  else if (!result.ok && failingStreak >= spec.failureThreshold) status = 'unhealthy';
  return {
    status,
    failingStreak,
    passingStreak,
    since: status === previous.status ? previous.since : at,
    lastProbe: { at, ok: result.ok, latencyMs: Math.round(result.latencyMs), output: capOutput(result.output) },
  };
}

export function capOutput(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > PROBE_OUTPUT_LIMIT ? `${oneLine.slice(0, PROBE_OUTPUT_LIMIT - 1)}…` : oneLine;
}

/** "healthy (3 ms)", "unhealthy: HTTP 500 (3 failed)", "starting". */
export function describeHealth(health: ContainerHealth): string {
  const last = health.lastProbe;
  if (health.status === 'healthy') return last ? `healthy (${last.latencyMs} ms)` : 'healthy';
  if (health.status === 'unhealthy') return `unhealthy${last && !last.ok ? `: ${last.output}` : ''} (${health.failingStreak} failed)`;
  return last && !last.ok ? `starting: ${last.output}` : 'starting';
}

export type AggregateHealth = 'healthy' | 'unhealthy' | 'starting';

/**
 * A pod is healthy when every container with a probe is; unhealthy when any is; undefined when
 * none has a probe. `probed` lists the pod's probed containers' health (undefined: not yet known).
 */
export function podHealth(probed: (ContainerHealth | undefined)[]): AggregateHealth | undefined {
  if (probed.length === 0) return undefined;
  if (probed.some((h) => h?.status === 'unhealthy')) return 'unhealthy';
  return probed.every((h) => h?.status === 'healthy') ? 'healthy' : 'starting';
}

/** A service is healthy when all its desired pods are there and healthy. */
export function serviceHealth(pods: (AggregateHealth | undefined)[], desiredReplicas: number): { healthy: number; wanted: number; status: AggregateHealth } {
  const healthy = pods.filter((h) => h === 'healthy').length;
  const status = healthy >= desiredReplicas ? 'healthy' : pods.some((h) => h === 'unhealthy') ? 'unhealthy' : 'starting';
  return { healthy, wanted: desiredReplicas, status };
}
