// Pre-connected upstream sockets, a few per backend (Envoy's "preconnect"): a new client is
// paired with a socket already connected to its backend, so the backend's connect (to the
// container IP, or through docker-proxy to the container) is off the request's path. A pooled socket keeps reading, so a
// backend closing it is noticed at once; anything a server says first is kept for its client.
// Sockets idle longer than idleMs are closed and not replaced until traffic comes back, so an
// idle service holds no connections.

import * as net from 'node:net';
import type { Backend } from './service-proxy';

export interface PooledSocket {
  socket: net.Socket;
  /** What the backend sent before a client was paired with it. */
  received: Buffer[];
}

interface PoolEntry {
  backend: Backend;
  ready: PooledSocket[];
  pending: number;
  /** A connect failed at this time: no refill for a second (the backend may be gone). */
  failedAt?: number;
}

export class UpstreamPool {
  private readonly entries = new Map<string, PoolEntry>();

  constructor(
    private readonly size: number,
    /** A connect that has not completed by then is given up (an address that drops packets). */
    private readonly connectTimeoutMs = 2000,
    private readonly idleMs = 10_000,
  ) {}

  /** Keeps pools for these backends only; sockets to any other are closed. */
  keep(backends: Backend[]): void {
    const wanted = new Map(backends.map((b) => [b.id, b]));
    for (const [id, entry] of this.entries) {
      const backend = wanted.get(id);
      if (!backend || backend.host !== entry.backend.host || backend.port !== entry.backend.port) this.drop(id);
    }
    for (const backend of backends) {
      if (!this.entries.has(backend.id)) this.entries.set(backend.id, { backend, ready: [], pending: 0 });
      this.fill(this.entries.get(backend.id) as PoolEntry);
    }
  }

  /** A connected socket to the backend, or undefined (then the caller connects itself). */
  take(id: string): PooledSocket | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    let pooled = entry.ready.shift();
    while (pooled && pooled.socket.destroyed) pooled = entry.ready.shift();
    this.fill(entry);
    if (!pooled) return undefined;
    const { socket } = pooled;
    socket.pause();
    for (const event of ['timeout', 'close', 'data', 'end'] as const) socket.removeAllListeners(event);
    socket.setTimeout(0);
    return pooled;
  }

  drop(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    for (const { socket } of entry.ready) socket.destroy();
  }

  close(): void {
    for (const id of [...this.entries.keys()]) this.drop(id);
  }

  private fill(entry: PoolEntry): void {
    if (this.size === 0 || (entry.failedAt !== undefined && Date.now() - entry.failedAt < 1000)) return;
    while (entry.ready.length + entry.pending < this.size) {
      entry.pending++;
      let connected = false;
      const socket = net.connect({ host: entry.backend.host, port: entry.backend.port, allowHalfOpen: true });
      const pooled: PooledSocket = { socket, received: [] };
      socket.setNoDelay(true);
      socket.setTimeout(this.connectTimeoutMs, () => socket.destroy(new Error('connect timed out')));
      socket.on('data', (chunk: Buffer) => pooled.received.push(chunk));
      socket.on('end', () => socket.destroy()); // the backend dropped it: not for a client
      socket.once('connect', () => {
        connected = true;
        entry.pending--;
        if (this.entries.get(entry.backend.id) !== entry) return void socket.destroy();
        entry.ready.push(pooled);
        socket.setTimeout(this.idleMs, () => socket.destroy());
      });
      socket.on('error', () => {
        if (!connected) {
          entry.pending--;
          entry.failedAt = Date.now();
        }
      });
      socket.on('close', () => {
        const index = entry.ready.indexOf(pooled);
        if (index >= 0) entry.ready.splice(index, 1);
      });
    }
  }
}
