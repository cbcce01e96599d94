// Where a service's traffic goes. The proxy (src/proxy) implements TrafficSwitch; the deploy
// driver and the supervisor decide which pods are in the set. Pure: only shapes and the
// mapping from observed pods to their published service port.

import type { ObservedPod } from './state';

export interface TrafficBackend {
  /** The pod name. */
  pod: string;
  host: string;
  port: number;
}

export interface TrafficSwitch {
  /** Replaces the pods that receive new connections for the service (open ones keep going). */
  route(service: string, backends: TrafficBackend[]): void;
  /** Pods currently receiving new connections. */
  routed(service: string): string[];
  /** Open connections per pod (pods with none may be missing). */
  openConnections(service: string): Map<string, number>;
  /** No new connections to the pod; resolves when its open ones closed or timeoutMs passed (then they are cut). */
  drain(service: string, pod: string, timeoutMs: number): Promise<{ cut: number }>;
}

/**
 * The address of a pod's service port on the host: the namespace owner publishes it on an
 * ephemeral 127.0.0.1 port. Undefined while the pod's first container is not running.
 */
export function podBackend(pod: ObservedPod, exposePort: number): TrafficBackend | undefined {
  const owner = pod.containers[0];
  if (!owner || owner.state !== 'running') return undefined;
  const published = owner.ports.find((p) => p.containerPort === exposePort && p.protocol === 'tcp' && p.hostPort > 0);
  if (!published) return undefined;
  // The engine reports 0.0.0.0 for a wildcard binding; it is reachable on loopback.
  const host = published.hostIp === '' || published.hostIp === '0.0.0.0' || published.hostIp === '::' ? '127.0.0.1' : published.hostIp;
  return { pod: pod.name, host, port: published.hostPort };
}

/**
 * Steady-state routes, for the supervisor to rebuild a service port after a restart: every
 * healthy pod that publishes the port. A service with a rollout in progress is the rollout's
 * to route (resumeRollouts), not this.
 */
export function servingBackends(pods: ObservedPod[], exposePort: number, isHealthy: (pod: ObservedPod) => boolean): TrafficBackend[] {
  return pods.filter(isHealthy).flatMap((pod) => podBackend(pod, exposePort) ?? []);
}
