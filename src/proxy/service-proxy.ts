// The per-service TCP load balancer: listens on the service's host port and forwards each new
// connection to one of the current backends (the service's healthy replicas, reached on their
// container IPs on a local Linux engine, else on their ports published on 127.0.0.1; see
// podBackend in src/core/serving/traffic.ts). Backends are replaced as a set (setBackends): new connections
// only go to the new set, connections already open keep going until they close or are drained.
// Plain `net` sockets: bytes are piped, never parsed, so any TCP protocol works.

import * as net from 'node:net';
import { listenError } from './listen-errors';
import { UpstreamPool } from './upstream-pool';
import type { ProxyNote } from '../core/wording';

export interface Backend {
  /** Stable name of the replica (the pod name), used for counts and drain. */
  id: string;
  host: string;
  port: number;
  /** Where to go instead when host:port cannot be reached (unreachable, timed out): the container IP's published port. */
  fallback?: { host: string; port: number };
}

export type BalanceMode = 'round-robin' | 'least-connections';

/** What the proxy reports (typed in the core, which words it). */
export type { ProxyNote };

export interface ServiceProxyOptions {
  /** For messages: "service web". */
  name: string;
  host: string;
  /** 0 lets the OS pick (tests, benchmarks). */
  port: number;
  balance: BalanceMode;
  /** A backend that neither accepts nor refuses within this time is skipped. Default 2 s. */
  connectTimeoutMs?: number;
  /** Connections kept open ahead of clients, per backend (0: connect per client). Default 2. */
  preconnect?: number;
  onNote?: (note: ProxyNote) => void;
}

/** What a client sent before its backend answered; bounded, beyond it there is no retry. */
interface Captured {
  chunks: Buffer[];
  bytes: number;
  ended: boolean;
}

const REPLAY_LIMIT = 64 * 1024;

/**
 * Connect errors that say this host cannot reach the address at all (a refusal only says nothing
 * listens yet, as when a replica is still starting: that backend is skipped as usual).
 */
const UNREACHABLE = new Set(['ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN']);

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
  /** host:port of backends that could not be reached and have a fallback: the fallback is used instead. */
  private readonly unreachable = new Set<string>();
  private readonly pool: UpstreamPool;

  private constructor(private readonly options: ServiceProxyOptions) {
    this.pool = new UpstreamPool(options.preconnect ?? 2, options.connectTimeoutMs ?? 2000);
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
    for (const given of backends) {
      const backend = this.reachable(given);
      const entry = this.entries.get(backend.id);
      if (entry) entry.backend = backend;
      else this.entries.set(backend.id, { backend, clients: new Set(), drainWaiters: [] });
    }
    this.active = backends.map((b) => b.id);
    this.pool.keep(this.backends());
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
    this.pool.drop(id);
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
    this.pool.close();
    const stopped = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const entry of this.entries.values()) for (const client of entry.clients) client.destroy();
    await stopped;
  }

  private accept(client: net.Socket): void {
    client.on('error', () => undefined); // a reset client is normal; its close event cleans up
    this.forward(client, []);
  }

  /**
   * Sends the client to a backend. `replay` is what the client sent on an attempt whose pooled
   * upstream closed before answering (the backend had dropped the idle connection): it is sent
   * again on a fresh connection, so a stale pooled connection never fails a client.
   */
  private forward(client: net.Socket, tried: string[], replay?: Captured, same?: BackendEntry): void {
    // A retry on the fallback address stays with its backend while that still gets new connections.
    const entry = same && this.active.includes(same.backend.id) ? same : this.pick(tried);
    if (!entry || client.destroyed) {
      if (!client.destroyed) this.options.onNote?.({ kind: 'no-backend', tried });
      client.destroy();
      return;
    }
    const { id, host, port } = entry.backend;
    entry.clients.add(client);
    const pooled = replay ? undefined : this.pool.take(id);
    const upstream = pooled?.socket ?? net.connect({ host, port, allowHalfOpen: true });
    if (!pooled) upstream.setTimeout(this.options.connectTimeoutMs ?? 2000, () => upstream.destroy(Object.assign(new Error('connect timed out'), { code: 'ETIMEDOUT' })));
    let connected = false;
    // A pooled connection that already carried the backend's first words is known good.
    let captured: Captured | undefined = pooled && pooled.received.length === 0 ? { chunks: [], bytes: 0, ended: false } : undefined;
    const capture = (chunk: Buffer) => {
      if (!captured) return;
      captured.chunks.push(chunk);
      captured.bytes += chunk.length;
      if (captured.bytes > REPLAY_LIMIT) stopCapture();
    };
    const captureEnd = () => captured && (captured.ended = true);
    const stopCapture = () => {
      captured = undefined;
      client.off('data', capture);
      client.off('end', captureEnd);
    };
    const release = () => {
      if (!entry.clients.delete(client)) return;
      if (entry.clients.size === 0) {
        entry.drainWaiters.splice(0).forEach((resolve) => resolve());
        this.forgetIdle();
      }
    };
    const onClientClose = () => {
      upstream.destroy();
      release();
    };
    const pair = () => {
      connected = true;
      upstream.setTimeout(0);
      upstream.setNoDelay(true);
      client.setNoDelay(true);
      if (captured) {
        client.on('data', capture);
        client.on('end', captureEnd);
        upstream.once('data', stopCapture); // the backend answered: this connection is good
      }
      for (const chunk of pooled?.received ?? []) client.write(chunk);
      for (const chunk of replay?.chunks ?? []) upstream.write(chunk);
      // The backend's end reaches the client only once it has answered (else it is retried).
      upstream.pipe(client, { end: false });
      upstream.on('end', () => {
        if (captured)
          upstream.destroy(); // closes it, and the close handler retries
        else client.end();
      });
      if (replay?.ended) upstream.end();
      else client.pipe(upstream);
    };
    if (pooled) pair();
    else upstream.once('connect', pair);
    upstream.on('error', (error) => {
      if (connected) return; // the close handler below tears the pair down
      release();
      const { fallback } = entry.backend;
      if (fallback && UNREACHABLE.has((error as NodeJS.ErrnoException).code ?? '')) {
        // The container IP cannot be reached from here after all: this backend and later
        // routes to the same address use the published port from now on.
        this.unreachable.add(`${host}:${port}`);
        entry.backend = this.reachable(entry.backend);
        this.pool.keep(this.backends());
        this.options.onNote?.({ kind: 'backend-fallback', id, error: error.message, fallback: `${fallback.host}:${fallback.port}` });
        this.forward(client, tried, replay, entry);
        return;
      }
      this.options.onNote?.({ kind: 'backend-failed', id, error: error.message });
      this.forward(client, [...tried, id], replay);
    });
    upstream.on('close', () => {
      if (!connected) return;
      const unanswered = captured;
      if (unanswered && !client.destroyed) {
        stopCapture();
        client.unpipe(upstream);
        client.pause();
        client.off('close', onClientClose);
        release();
        this.forward(client, tried, unanswered);
        return;
      }
      client.destroy();
      release();
    });
    client.on('close', onClientClose);
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

  /** The backend, or its fallback address once its own could not be reached. */
  private reachable(backend: Backend): Backend {
    const { fallback } = backend;
    if (!fallback || !this.unreachable.has(`${backend.host}:${backend.port}`)) return backend;
    return { id: backend.id, host: fallback.host, port: fallback.port };
  }

  /** Backends that were replaced and have no connections left are forgotten. */
  private forgetIdle(): void {
    for (const [id, entry] of this.entries) {
      if (!this.active.includes(id) && entry.clients.size === 0) this.entries.delete(id);
    }
  }
}
