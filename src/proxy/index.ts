// The service ports of one project: one ServiceProxy per exposed service, behind the core's
// TrafficSwitch so deploys and the supervisor move traffic without knowing about sockets.

import type { DesiredService } from '../core/model/state';
import type { ServicePortHost } from '../core/serving/router';
import type { TrafficBackend } from '../core/serving/traffic';
import { ServiceProxy, type ProxyNote } from './service-proxy';

export { describeProxyNote } from '../core/wording';

export { ServiceProxy, type Backend, type BalanceMode, type ProxyNote, type ServiceProxyOptions } from './service-proxy';

/** The address a proxy listens on for a service; another one means closing it and listening again. */
function listenKey(service: DesiredService): string {
  return `${service.expose?.hostIp}:${service.expose?.hostPort}:${service.expose?.balance}`;
}

export class ServicePorts implements ServicePortHost {
  private readonly proxies = new Map<string, ServiceProxy>();
  private readonly keys = new Map<string, string>();

  constructor(private readonly onNote: (service: string, note: ProxyNote) => void = () => undefined) {}

  /**
   * Listens for every exposed service that has a host port. On any failure (port taken) the
   * ones already opened are closed again and the error (naming the address) is thrown.
   */
  async open(services: DesiredService[]): Promise<void> {
    try {
      for (const service of services) await this.openOne(service);
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  /** For the supervisor: listens for one exposed service and says where. */
  async openService(service: DesiredService): Promise<{ host: string; port: number }> {
    if (!service.expose || service.expose.hostPort === undefined) throw new Error(`service ${service.name} has no host port to serve`);
    await this.openOne(service);
    return (this.proxies.get(service.name) as ServiceProxy).address;
  }

  /**
   * Listens for one service (nothing if it has no host port or is open on that address
   * already; open on another address: closed, then listens on the new one). Leaves the others
   * alone on failure.
   */
  async openOne(service: DesiredService): Promise<void> {
    if (!service.expose || service.expose.hostPort === undefined) return;
    if (this.proxies.has(service.name)) {
      if (this.keys.get(service.name) === listenKey(service)) return;
      await this.closeService(service.name);
    }
    const proxy = await ServiceProxy.listen({
      name: `service ${service.name}`,
      host: service.expose.hostIp,
      port: service.expose.hostPort,
      balance: service.expose.balance,
      onNote: (note) => this.onNote(service.name, note),
    });
    this.proxies.set(service.name, proxy);
    this.keys.set(service.name, listenKey(service));
  }

  async closeService(service: string): Promise<void> {
    const proxy = this.proxies.get(service);
    this.proxies.delete(service);
    this.keys.delete(service);
    await proxy?.close();
  }

  /** Closes the ports of every service not in `keep` (a paused supervisor resumes with fewer). */
  async closeOthers(keep: string[]): Promise<void> {
    await Promise.all([...this.proxies.keys()].filter((name) => !keep.includes(name)).map((name) => this.closeService(name)));
  }

  proxy(service: string): ServiceProxy | undefined {
    return this.proxies.get(service);
  }

  route(service: string, backends: TrafficBackend[]): void {
    this.proxies.get(service)?.setBackends(backends.map((b) => ({ id: b.pod, host: b.host, port: b.port, fallback: b.fallback })));
  }

  routed(service: string): string[] {
    return (
      this.proxies
        .get(service)
        ?.backends()
        .map((b) => b.id) ?? []
    );
  }

  openConnections(service: string): Map<string, number> {
    return this.proxies.get(service)?.openConnections() ?? new Map();
  }

  async drain(service: string, pod: string, timeoutMs: number): Promise<{ cut: number }> {
    return (await this.proxies.get(service)?.drain(pod, timeoutMs)) ?? { cut: 0 };
  }

  async close(): Promise<void> {
    const all = [...this.proxies.values()];
    this.proxies.clear();
    this.keys.clear();
    await Promise.all(all.map((p) => p.close()));
  }
}
