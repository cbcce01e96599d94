// Where a service's traffic goes. The proxy (src/proxy) implements TrafficSwitch; the deploy
// driver and the supervisor decide which pods are in the set. Pure: only shapes and the
// mapping from observed pods to the address of their service port.

import type { ObservedPod } from '../model/state';

export interface TrafficBackend {
  /** The pod name. */
  pod: string;
  host: string;
  port: number;
  /** The published 127.0.0.1 port, when host:port is the container IP: used if that cannot be reached after all. */
  fallback?: { host: string; port: number };
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

/** What decides whether this host can connect to a container on its bridge IP. */
export interface EngineLocation {
  /** How the engine is reached (the scheme of its endpoint). */
  transport: 'unix' | 'npipe' | 'tcp' | 'ssh';
  /** This host's process.platform. */
  platform: string;
  /** The container network's gateway is one of this host's addresses: its bridge is in this host's network namespace. */
  gatewayOnHost: boolean;
}

/**
 * Only a local engine on Linux whose bridge is in this host's own network namespace makes a
 * container's IP routable from here. Remote engines, Docker Desktop (a VM, also on Linux) and
 * rootless Docker (its own namespace) keep it out of reach: the published 127.0.0.1 port is the
 * way in there.
 */
export function bridgeReachable(location: EngineLocation): boolean {
  return location.transport === 'unix' && location.platform === 'linux' && location.gatewayOnHost;
}

/**
 * Where the proxy reaches a pod's service port: the namespace owner's bridge IP and the port
 * itself when this host can reach it (one user-space hop less than the published port, which
 * goes through Docker's userland proxy), else the ephemeral 127.0.0.1 port it publishes.
 * Only pods that publish the port are served either way. Undefined while the pod's first
 * container is not running.
 */
export function podBackend(pod: ObservedPod, exposePort: number): TrafficBackend | undefined {
  const owner = pod.containers[0];
  if (!owner || owner.state !== 'running') return undefined;
  const published = owner.ports.find((p) => p.containerPort === exposePort && p.protocol === 'tcp' && p.hostPort > 0);
  if (!published) return undefined;
  // The engine reports 0.0.0.0 for a wildcard binding; it is reachable on loopback.
  const host = published.hostIp === '' || published.hostIp === '0.0.0.0' || published.hostIp === '::' ? '127.0.0.1' : published.hostIp;
  if (owner.bridgeAddress?.reachable) return { pod: pod.name, host: owner.bridgeAddress.ip, port: exposePort, fallback: { host, port: published.hostPort } };
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
