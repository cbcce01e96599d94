// A Show Logs session: the logs of every container a target covers (service: all replicas and
// sidecars; pod; one container), merged into one output channel with a "[pod/container] " prefix,
// following. When the store shows a replacement container (a restart, a heal), the session
// attaches to it. Lines are appended in batches (at most every 100 ms, bounded per batch), so a
// chatty container cannot stall the editor: while a batch is full the session stops reading and
// the engine's stream waits (nothing is dropped). No vscode import: the sink is any append function.

import type { EngineObservability } from '../core/ports/engine';
import type { ObservedContainer } from '../core/model/state';
import type { FlotillaStore } from '../core/status/store';
import type { FlotillaTarget } from './contract';

export const FLUSH_MS = 100;
/** Per batch; a full batch makes the readers wait for the next flush. */
export const MAX_BATCH_LINES = 5000;

export interface LogSessionOptions {
  tail: number;
  /** Seconds since the epoch. */
  since?: number;
  timestamps: boolean;
  /** Only lines containing this text (case-insensitive). */
  filter?: string;
}

export interface LogSink {
  append(text: string): void;
}

/** Which containers of a listing a target covers; matched by name, so replacements count. */
export function containersOf(target: FlotillaTarget, pods: readonly { name: string; service: string; containers: ObservedContainer[] }[]): ObservedContainer[] {
  return pods
    .filter((p) => p.service === target.service && (target.kind === 'service' || p.name === target.pod))
    .flatMap((p) => p.containers)
    .filter((c) => target.kind !== 'container' || c.container === target.container);
}

/** Channel name per the contract: "Flotilla Logs: web", "Flotilla Logs: web-1", "Flotilla Logs: web-1/app". */
export function logChannelName(target: FlotillaTarget): string {
  const what = target.kind === 'service' ? target.service : target.kind === 'pod' ? target.pod : `${target.pod}/${target.container}`;
  return `Flotilla Logs: ${what}`;
}

export class LogSession {
  private readonly followed = new Map<string, AbortController>();
  /** Containers whose stream ended (they stopped): seconds since the epoch to resume from if they start again. */
  private readonly ended = new Map<string, number>();
  private buffer: string[] = [];
  /** Readers waiting for room in the batch. */
  private waiting: (() => void)[] = [];
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly subscription: { dispose(): void };
  private disposed = false;

  constructor(
    private readonly engine: EngineObservability,
    private readonly store: FlotillaStore,
    private readonly target: FlotillaTarget,
    private readonly sink: LogSink,
    private readonly options: LogSessionOptions,
    private readonly onError: (message: string) => void = () => undefined,
  ) {
    this.timer = setInterval(() => this.flush(), FLUSH_MS);
    this.subscription = store.onDidChange((change) => {
      if (change.project === target.project && change.kinds.has('observed')) this.attach(false);
    });
    this.attach(true);
  }

  /** Follows containers of the target not followed yet (the first ones with the tail, replacements from their start). */
  private attach(initial: boolean): void {
    if (this.disposed) return;
    const pods = this.store.project(this.target.project)?.observed?.pods ?? [];
    for (const container of containersOf(this.target, pods)) {
      if (this.followed.has(container.id) || (container.state !== 'running' && !initial)) continue;
      const abort = new AbortController();
      this.followed.set(container.id, abort);
      const resumeAt = this.ended.get(container.id);
      const marker = initial ? undefined : `[${container.pod}/${container.container}] --- ${resumeAt === undefined ? `following the new container ${container.id.slice(0, 12)}` : 'started again'} ---`;
      void this.follow(container, abort.signal, initial, resumeAt, marker);
    }
  }

  /** The marker is written with the first line: a listing older than the container's death attaches to a stream that ends at once, silently. */
  private async follow(c: ObservedContainer, signal: AbortSignal, initial: boolean, resumeAt?: number, marker?: string): Promise<void> {
    const prefix = `[${c.pod}/${c.container}] `;
    let pendingMarker = marker;
    const filter = this.options.filter?.toLowerCase();
    try {
      const since = resumeAt ?? this.options.since;
      const lines = this.engine.logs(c.id, { follow: true, timestamps: this.options.timestamps, since, tail: initial ? this.options.tail : undefined, signal });
      for await (const line of lines) {
        if (filter && !line.text.toLowerCase().includes(filter)) continue;
        if (pendingMarker) this.push(pendingMarker);
        pendingMarker = undefined;
        const time = this.options.timestamps && line.time ? `${new Date(line.time).toISOString()} ` : '';
        this.push(`${prefix}${time}${line.text}`);
        if (this.buffer.length >= MAX_BATCH_LINES && !this.disposed) await new Promise<void>((resolve) => this.waiting.push(resolve));
      }
    } catch (error) {
      if (!signal.aborted) this.onError(`${prefix}logs stopped: ${(error as Error).message}`);
    }
    if (signal.aborted) return;
    // The container stopped: if it starts again (a sidecar restarted in place), resume from now.
    this.followed.delete(c.id);
    this.ended.set(c.id, Math.floor(Date.now() / 1000));
  }

  private push(line: string): void {
    this.buffer.push(line);
  }

  /** One append per tick, whatever the number of lines; then the readers may go on. */
  flush(): void {
    if (this.buffer.length > 0) {
      const lines = this.buffer;
      this.buffer = [];
      this.sink.append(`${lines.join('\n')}\n`);
    }
    const waiting = this.waiting;
    this.waiting = [];
    for (const resume of waiting) resume();
  }

  dispose(): void {
    this.disposed = true;
    clearInterval(this.timer);
    this.subscription.dispose();
    for (const abort of this.followed.values()) abort.abort();
    this.followed.clear();
    this.flush();
  }
}
