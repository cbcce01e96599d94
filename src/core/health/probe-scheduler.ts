// Runs each probed container's probe on its interval, driven by the injected Clock: one probe
// in flight per container (the next waits for the last to finish or time out), started when
// the container is first seen running and stopped when it stops or goes. Results go through
// the health state machine; every result is reported, and the caller hears about transitions.
// While a container is still starting, a failed probe is retried sooner (STARTING_RETRY_MS) so
// a replacement is seen healthy soon after it listens, but failures still count at most once
// per interval: becoming unhealthy takes as long as with the plain interval.

import type { Clock } from '../ports/clock';
import { applyProbeResult, initialHealth } from './health';
import type { ProbeResult, ProbeRunner, ProbeTarget } from '../ports/engine';
import type { ContainerHealth, DesiredState, ObservedContainer, ObservedPod, ObservedState, ProbeSpec } from '../model/state';

export const STARTING_RETRY_MS = 200;

export interface ProbedContainer {
  containerId: string;
  service: string;
  pod: string;
  container: string;
}

export interface HealthReport {
  who: ProbedContainer;
  health: ContainerHealth;
  /** The status differs from the one before this result. */
  changed: boolean;
}

interface Probing {
  who: ProbedContainer;
  spec: ProbeSpec;
  target: ProbeTarget | { unreachable: string };
  health: ContainerHealth;
  startedAt: number;
  /** When a failure last counted towards the streak. */
  lastCountedFailureAt: number;
  /** The probe in flight is a quick retry while starting, not a regular one. */
  retrying: boolean;
  stop: AbortController;
}

export class ProbeScheduler {
  private readonly probing = new Map<string, Probing>();

  constructor(
    private readonly runner: ProbeRunner,
    private readonly clock: Clock,
    private readonly onReport: (report: HealthReport) => void,
  ) {}

  healthOf(containerId: string): ContainerHealth | undefined {
    return this.probing.get(containerId)?.health;
  }

  /** Starts probing running containers that have a probe; stops for those no longer running. */
  sync(desired: DesiredState, observed: ObservedState): void {
    const running = new Set<string>();
    for (const pod of observed.pods) {
      const service = desired.services.find((s) => s.name === pod.service);
      if (!service || pod.specHash !== service.specHash) continue;
      for (const c of pod.containers) {
        const spec = service.containers.find((d) => d.name === c.container)?.probe;
        if (!spec || c.state !== 'running') continue;
        running.add(c.id);
        if (!this.probing.has(c.id)) this.start(c, spec, probeTarget(spec, c, pod));
      }
    }
    for (const id of [...this.probing.keys()]) if (!running.has(id)) this.stop(id);
  }

  stop(containerId: string): void {
    this.probing.get(containerId)?.stop.abort();
    this.probing.delete(containerId);
  }

  stopAll(): void {
    for (const id of [...this.probing.keys()]) this.stop(id);
  }

  private start(c: ObservedContainer, spec: ProbeSpec, target: Probing['target']): void {
    const now = this.clock.now();
    const entry: Probing = {
      who: { containerId: c.id, service: c.service, pod: c.pod, container: c.container },
      spec,
      target,
      health: initialHealth(now),
      startedAt: now,
      lastCountedFailureAt: -Infinity,
      retrying: false,
      stop: new AbortController(),
    };
    this.probing.set(c.id, entry);
    this.onReport({ who: entry.who, health: entry.health, changed: true });
    void this.loop(entry);
  }

  private async loop(entry: Probing): Promise<void> {
    const signal = entry.stop.signal;
    while (!signal.aborted) {
      const began = this.clock.now();
      const result = await this.probeOnce(entry);
      if (signal.aborted) return;
      const previous = entry.health;
      const now = this.clock.now();
      // A regular probe's failure always counts; a quick retry's only once an interval has passed.
      const countFailure = !result.ok && (!entry.retrying || now - entry.lastCountedFailureAt >= entry.spec.intervalMs);
      if (countFailure) entry.lastCountedFailureAt = now;
      entry.health = applyProbeResult(entry.spec, previous, result, now, entry.startedAt, result.ok || countFailure);
      this.onReport({ who: entry.who, health: entry.health, changed: entry.health.status !== previous.status });
      const retrySooner = entry.health.status === 'starting' && !result.ok;
      entry.retrying = retrySooner;
      const wait = retrySooner ? Math.min(entry.spec.intervalMs, STARTING_RETRY_MS) : Math.max(0, entry.spec.intervalMs - (this.clock.now() - began));
      await this.clock.sleep(wait, signal).catch(() => undefined);
    }
  }

  /** One probe, bounded by the timeout here too, so a runner that hangs cannot stall health. */
  private async probeOnce(entry: Probing): Promise<ProbeResult> {
    if ('unreachable' in entry.target) return { ok: false, latencyMs: 0, output: entry.target.unreachable };
    const attempt = new AbortController();
    const onStop = () => attempt.abort();
    entry.stop.signal.addEventListener('abort', onStop, { once: true });
    const began = this.clock.now();
    const timeoutMs = entry.spec.timeoutMs;
    const run = this.runner
      .runProbe(entry.target, attempt.signal)
      .catch((error: Error): ProbeResult => ({ ok: false, latencyMs: this.clock.now() - began, output: error.message }));
    const timedOut = this.clock.sleep(timeoutMs, attempt.signal).then(
      (): ProbeResult => ({ ok: false, latencyMs: timeoutMs, output: `timed out after ${timeoutMs} ms` }),
      () => undefined,
    );
    const first = await Promise.race([run, timedOut]);
    attempt.abort();
    // One in flight: the runner honours the abort, so this wait is short.
    const settled = await run;
    entry.stop.signal.removeEventListener('abort', onStop);
    return first ?? settled;
  }
}

/** http and tcp reach the container through the port its pod's first container publishes. */
export function probeTarget(spec: ProbeSpec, c: ObservedContainer, pod: ObservedPod): ProbeTarget | { unreachable: string } {
  const check = spec.check;
  if (check.kind === 'exec') return { kind: 'exec', containerId: c.id, command: check.command, timeoutMs: spec.timeoutMs };
  const published = pod.containers.flatMap((x) => x.ports).find((p) => p.containerPort === check.port && p.protocol === 'tcp');
  if (!published) return { unreachable: `port ${check.port} is not published on the host, so it cannot be probed` };
  const host = loopbackFor(published.hostIp);
  if (check.kind === 'http') return { kind: 'http', containerId: c.id, host, port: published.hostPort, path: check.path, timeoutMs: spec.timeoutMs };
  return { kind: 'tcp', containerId: c.id, host, port: published.hostPort, timeoutMs: spec.timeoutMs };
}

/** A port bound to every address is reached on loopback (on Docker Desktop too). */
function loopbackFor(hostIp: string): string {
  if (hostIp === '' || hostIp === '0.0.0.0') return '127.0.0.1';
  if (hostIp === '::') return '::1';
  return hostIp;
}
