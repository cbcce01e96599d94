// The per-service TCP load balancer: listens on the service's host port and forwards each new
// connection to one of the current backends (the service's healthy replicas, reached on their
// ports published on 127.0.0.1). Backends are replaced as a set (setBackends): new connections
// only go to the new set, connections already open keep going until they close or are drained.
// Plain `net` sockets: bytes are piped, never parsed, so any TCP protocol works.

import * as net from 'node:net';
import { FlotillaError } from '../core/errors';

export interface Backend {
  /** Stable name of the replica (the pod name), used for counts and drain. */
  id: string;
  host: string;
  port: number;
}

export type BalanceMode = 'round-robin' | 'least-connections';

export type ProxyNote =
  /** The backend did not accept a connection; the client was sent to the next one. */
  | { kind: 'backend-failed'; id: string; error: string }
  /** No backend accepted: the client's connection was closed. */
  | { kind: 'no-backend'; tried: string[] }
  /** drain() cut connections still open when its timeout passed. */
  | { kind: 'drain-cut'; id: string; connections: number };

export interface ServiceProxyOptions {
  /** For messages: "service web". */
  name: string;
  host: string;
  /** 0 lets the OS pick (tests, benchmarks). */
  port: number;
  balance: BalanceMode;
  /** A backend that neither accepts nor refuses within this time is skipped. Default 2 s. */
  connectTimeoutMs?: number;
  onNote?: (note: ProxyNote) => void;
}

interface BackendEntry {
  backend: Backend;
  /** Client sockets currently forwarded to this backend (including connections being set up). */
  clients: Set<net.Socket>;
  drainWaiters: (() => void)[];
}

export class ServiceProxy {
  private readonly server: net.Server;
  private readonly entries = new Map<string, BackendEntry>();
  /** Ids that receive new connections, in order. */
  private active: string[] = [];
  private cursor = 0;
  private closed = false;

  private constructor(private readonly options: ServiceProxyOptions) {
    // pauseOnConnect: nothing is read from the client until a backend is connected.
    // allowHalfOpen: a client that finishes sending still gets the whole answer.
    this.server = net.createServer({ pauseOnConnect: true, allowHalfOpen: true }, (client) => this.accept(client));
  }

  /** Starts listening; rejects with a FlotillaError naming the address when it cannot. */
  static async listen(options: ServiceProxyOptions): Promise<ServiceProxy> {
    const proxy = new ServiceProxy(options);
    await new Promise<void>((resolve, reject) => {
      proxy.server.once('error', (error) => reject(listenError(options, error as NodeJS.ErrnoException)));
      proxy.server.listen({ host: options.host, port: options.port, exclusive: true }, () => resolve());
    });
    return proxy;
  }

  get address(): { host: string; port: number } {
    const address = this.server.address() as net.AddressInfo;
    return { host: address.address, port: address.port };
  }

  /** Replaces the set that receives new connections; open connections are left alone. */
  setBackends(backends: Backend[]): void {
    for (const backend of backends) {
      const entry = this.entries.get(backend.id);
      if (entry) entry.backend = backend;
      else this.entries.set(backend.id, { backend, clients: new Set(), drainWaiters: [] });
    }
    this.active = backends.map((b) => b.id);
    this.forgetIdle();
  }

  backends(): Backend[] {
    return this.active.map((id) => (this.entries.get(id) as BackendEntry).backend);
  }

  /** Open connections per backend id, for every backend that has some or receives new ones. */
  openConnections(): Map<string, number> {
    return new Map([...this.entries].map(([id, entry]) => [id, entry.clients.size]));
  }

  /**
   * Stops sending new connections to the backend and resolves once its open connections have
   * closed, or when timeoutMs has passed, at which point the remaining ones are cut.
   */
  async drain(id: string, timeoutMs: number): Promise<{ cut: number }> {
    this.active = this.active.filter((a) => a !== id);
    const entry = this.entries.get(id);
    if (!entry || entry.clients.size === 0) {
      this.forgetIdle();
      return { cut: 0 };
    }
    const drained = new Promise<void>((resolve) => entry.drainWaiters.push(resolve));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([drained, timedOut]);
    clearTimeout(timer);
    if (outcome !== 'timeout') return { cut: 0 };
    const cut = entry.clients.size;
    if (cut > 0) this.options.onNote?.({ kind: 'drain-cut', id, connections: cut });
    for (const client of [...entry.clients]) client.destroy();
    return { cut };
  }

  /** Stops listening and cuts every connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.active = [];
    const stopped = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const entry of this.entries.values()) for (const client of entry.clients) client.destroy();
    await stopped;
  }

  private accept(client: net.Socket): void {
    client.on('error', () => undefined); // a reset client is normal; its close event cleans up
    this.forward(client, []);
  }

  private forward(client: net.Socket, tried: string[]): void {
    const entry = this.pick(tried);
    if (!entry || client.destroyed) {
      if (!client.destroyed) this.options.onNote?.({ kind: 'no-backend', tried });
      client.destroy();
      return;
    }
    const { id, host, port } = entry.backend;
    entry.clients.add(client);
    const upstream = net.connect({ host, port, allowHalfOpen: true });
    upstream.setTimeout(this.options.connectTimeoutMs ?? 2000, () => upstream.destroy(new Error('connect timed out')));
    let connected = false;
    const release = () => {
      if (!entry.clients.delete(client)) return;
      if (entry.clients.size === 0) {
        entry.drainWaiters.splice(0).forEach((resolve) => resolve());
        this.forgetIdle();
      }
    };
    upstream.once('connect', () => {
      connected = true;
      upstream.setTimeout(0);
      upstream.setNoDelay(true);
      client.setNoDelay(true);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', (error) => {
      if (connected) return; // the close handler below tears the pair down
      release();
      this.options.onNote?.({ kind: 'backend-failed', id, error: error.message });
      this.forward(client, [...tried, id]);
    });
    upstream.on('close', () => {
      if (!connected) return;
      client.destroy();
      release();
    });
    client.on('close', () => {
      upstream.destroy();
      release();
    });
  }

  private pick(tried: string[]): BackendEntry | undefined {
    const candidates = this.active.filter((id) => !tried.includes(id)).map((id) => this.entries.get(id) as BackendEntry);
    if (candidates.length === 0) return undefined;
    this.cursor = (this.cursor + 1) % Math.max(1, this.active.length);
    // Rotating from the cursor gives round robin, and fair tie-breaking for least-connections.
    const start = this.cursor % candidates.length;
    const rotated = [...candidates.slice(start), ...candidates.slice(0, start)];
    if (this.options.balance === 'round-robin') return rotated[0];
    return rotated.reduce((best, entry) => (entry.clients.size < best.clients.size ? entry : best));
  }

  /** Backends that were replaced and have no connections left are forgotten. */
  private forgetIdle(): void {
    for (const [id, entry] of this.entries) {
      if (!this.active.includes(id) && entry.clients.size === 0) this.entries.delete(id);
    }
  }
}

function listenError(options: ServiceProxyOptions, error: NodeJS.ErrnoException): FlotillaError {
  const where = `${options.host}:${options.port}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return new FlotillaError('port-in-use', `Cannot serve ${options.name} on ${where}: the port is already in use by another program. Stop it or choose another expose.hostPort.`, error.message);
    case 'EACCES':
    case 'EPERM':
      return new FlotillaError('refused', `Cannot serve ${options.name} on ${where}: this user is not permitted to listen there (ports below 1024 need privileges). Choose another expose.hostPort.`, error.message);
    case 'EADDRNOTAVAIL':
      return new FlotillaError('refused', `Cannot serve ${options.name} on ${where}: no network interface of this machine has the address ${options.host}. Fix expose.hostIp.`, error.message);
    default:
      return new FlotillaError('engine-error', `Cannot serve ${options.name} on ${where}: ${error.message}.`, error.stack);
  }
}
