// Steady-state traffic on the service ports while a supervisor runs: which pods of each exposed
// service get new connections, recomputed after every pass and every health change. The
// sockets live behind the ServicePortHost port (src/proxy implements it); a service whose
// rollout is in progress is routed by the deploy driver instead, so it is skipped here.

import { podHealth } from '../health/health';
import type { DesiredService, DesiredState, ObservedPod, ObservedState } from '../model/state';
import { servingBackends, type TrafficBackend, type TrafficSwitch } from './traffic';

/** The project's service ports as the supervisor drives them. */
export interface ServicePortHost extends TrafficSwitch {
  /** Listens on the service's host port; rejects with an error naming the address when it cannot. */
  openService(service: DesiredService): Promise<{ host: string; port: number }>;
  /** Stops listening on one service's port and cuts its open connections (nothing if not open). */
  closeService(service: string): Promise<void>;
  /** Stops listening on every port and cuts open connections. */
  close(): Promise<void>;
}

export type ServingNote =
  /** The set of pods getting new connections changed (or the port just opened). */
  | { kind: 'serving'; service: string; url: string; pods: string[] }
  /** The port could not be opened; told once per supervision, the rest is still supervised. */
  | { kind: 'port-failed'; service: string; error: Error }
  /** The port was closed: its service left the desired state, or its address changed. */
  | { kind: 'port-closed'; service: string; url: string; reason: string };

/**
 * Ready for new connections: every container running, and every container the manifest
 * probes healthy by its probes (no result yet counts as not ready).
 */
export function readyForTraffic(service: DesiredService, pod: ObservedPod): boolean {
  if (!pod.containers.every((c) => c.state === 'running')) return false;
  const probed = pod.containers.filter((c) => service.containers.find((d) => d.name === c.container)?.probe);
  return probed.length === 0 || podHealth(probed.map((c) => c.health)) === 'healthy';
}

export function serviceUrl(address: { host: string; port: number }): string {
  return `http://${address.host.includes(':') ? `[${address.host}]` : address.host}:${address.port}`;
}

/** Where a service is served: a change of any of these closes its port and opens the new one. */
function addressKey(service: DesiredService): string | undefined {
  const expose = service.expose;
  return expose && expose.hostPort !== undefined ? `${expose.hostIp}:${expose.hostPort}:${expose.balance}` : undefined;
}

export class ServiceRouter {
  private readonly urls = new Map<string, string>();
  /** The address each open port was opened for (addressKey). */
  private readonly addresses = new Map<string, string>();
  private readonly routes = new Map<string, string>();
  /** Services whose port could not be opened: told once, tried again quietly on later passes. */
  private readonly failed = new Set<string>();
  private opening: Promise<void> = Promise.resolve();

  constructor(
    private readonly ports: ServicePortHost,
    private readonly note: (note: ServingNote) => void,
  ) {}

  /**
   * Opens every exposed service's host port not open yet. A port that cannot be opened (taken
   * by another program, or by a deploy that started before this supervisor) is told once and
   * tried again at the next call, so it is served once it is free.
   */
  open(desired: DesiredState): Promise<void> {
    // One at a time: a handover and a pass may both call it, and a port must not be opened twice.
    const run = this.opening.then(() => this.openNow(desired));
    this.opening = run.catch(() => undefined);
    return run;
  }

  private async openNow(desired: DesiredState): Promise<void> {
    await this.closeStale(desired);
    for (const service of desired.services) {
      const key = addressKey(service);
      if (key === undefined || this.urls.has(service.name)) continue;
      try {
        this.urls.set(service.name, serviceUrl(await this.ports.openService(service)));
        this.addresses.set(service.name, key);
        this.failed.delete(service.name);
      } catch (error) {
        if (!this.failed.has(service.name)) this.note({ kind: 'port-failed', service: service.name, error: error as Error });
        this.failed.add(service.name);
      }
    }
  }

  /**
   * Closes the ports of services the desired state no longer serves there: removed, no longer
   * exposed on a host port, or exposed on another address (open() then listens on the new one).
   */
  private async closeStale(desired: DesiredState): Promise<void> {
    for (const [name, url] of [...this.urls]) {
      const service = desired.services.find((s) => s.name === name);
      const key = service ? addressKey(service) : undefined;
      if (key !== undefined && key === this.addresses.get(name)) continue;
      this.urls.delete(name);
      this.addresses.delete(name);
      this.routes.delete(name);
      await this.ports.closeService(name);
      const reason = !service ? 'removed from the manifest' : key === undefined ? 'no longer exposed on a host port' : 'its host address changed';
      this.note({ kind: 'port-closed', service: name, url, reason });
    }
    // A port that failed for a service that is gone is not tried again.
    for (const name of [...this.failed]) if (!desired.services.some((s) => s.name === name && addressKey(s) !== undefined)) this.failed.delete(name);
  }

  /** Routes each served service (but those in `skip`) to its ready pods; tells only changes. */
  route(desired: DesiredState, observed: ObservedState, skip: ReadonlySet<string> = new Set()): void {
    for (const service of desired.services) {
      const url = this.urls.get(service.name);
      if (!url || !service.expose || skip.has(service.name)) continue;
      const pods = observed.pods.filter((p) => p.service === service.name);
      const backends = servingBackends(pods, service.expose.port, (pod) => readyForTraffic(service, pod));
      this.apply(service.name, url, backends);
    }
  }

  /** Forgets the last routes of a service (a rollout moved its traffic): the next route() tells again. */
  forget(service: string): void {
    this.routes.delete(service);
  }

  served(): { service: string; url: string }[] {
    return [...this.urls].map(([service, url]) => ({ service, url }));
  }

  async close(): Promise<void> {
    this.urls.clear();
    this.addresses.clear();
    this.routes.clear();
    await this.ports.close();
  }

  private apply(service: string, url: string, backends: TrafficBackend[]): void {
    // The fallback is part of the route: a restart can move the published port while the IP stays.
    const key = backends.map((b) => `${b.pod}@${b.host}:${b.port}${b.fallback ? `|${b.fallback.host}:${b.fallback.port}` : ''}`).join(',');
    if (this.routes.get(service) === key) return;
    this.routes.set(service, key);
    this.ports.route(service, backends);
    this.note({ kind: 'serving', service, url, pods: backends.map((b) => b.pod) });
  }
}
