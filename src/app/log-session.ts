// Following logs, the same way in the editor (Show Logs) and the CLI (`flotilla logs -f`): the
// logs of every container a target covers, merged into one sink with a per-container prefix.
// When the project's listing shows a replacement container (a restart, a heal, a rollout), the
// session attaches to it from its start, with a marker line. Lines are written in batches (at
// most every FLUSH_MS, bounded per batch), so a chatty container cannot stall the writer: while a
// batch is full the session stops reading and the engine's stream waits (nothing is dropped).

import type { Clock } from '../core/ports/clock';
import type { EngineObservability, LogLine } from '../core/ports/engine';
import type { ObservedContainer, ObservedPod } from '../core/model/state';

export const FLUSH_MS = 100;
/** Per batch; a full batch makes the readers wait for the next flush. */
export const MAX_BATCH_LINES = 5000;

export interface LogSessionOptions {
  /** Lines of each first container to show (undefined: all); replacements are shown from their start. */
  tail?: number;
  /** Seconds since the epoch. */
  since?: number;
  timestamps: boolean;
  /** Only lines containing this text (case-insensitive). */
  filter?: string;
}

export interface LogSink {
  append(text: string): void;
}

/** The project's pods as the front end knows them: the editor's store, or the engine for the CLI. */
export interface PodSource {
  pods(): readonly ObservedPod[];
  onDidChange(listener: () => void): { dispose(): void };
}

/** What a target covers, by name, so a replacement of a covered container is covered too. */
export interface LogTarget {
  service?: string;
  pod?: string;
  container?: string;
}

export function containersOf(target: LogTarget, pods: readonly ObservedPod[]): ObservedContainer[] {
  return pods
    .filter((p) => (target.service === undefined || p.service === target.service) && (target.pod === undefined || p.name === target.pod))
    .flatMap((p) => p.containers)
    .filter((c) => target.container === undefined || c.container === target.container);
}

export interface LogFormat {
  /** Written before each line and marker of the container. */
  prefix(container: ObservedContainer): string;
}

/** The editor's form: "[pod/container] ". */
export const BRACKETED: LogFormat = { prefix: (c) => `[${c.pod}/${c.container}] ` };

export class LogSession {
  private readonly followed = new Map<string, AbortController>();
  /** Containers whose stream ended (they stopped): seconds since the epoch to resume from if they start again. */
  private readonly ended = new Map<string, number>();
  private buffer: string[] = [];
  /** Readers waiting for room in the batch. */
  private waiting: (() => void)[] = [];
  private readonly stopped = new AbortController();
  private readonly subscription: { dispose(): void };
  private disposed = false;

  constructor(
    private readonly engine: EngineObservability,
    private readonly source: PodSource,
    private readonly target: LogTarget,
    private readonly sink: LogSink,
    private readonly options: LogSessionOptions,
    private readonly clock: Clock,
    private readonly format: LogFormat = BRACKETED,
    private readonly onError: (message: string) => void = () => undefined,
  ) {
    void this.flushLoop();
    this.subscription = source.onDidChange(() => this.attach(false));
    this.attach(true);
  }

  /** Follows containers of the target not followed yet (the first ones with the tail, replacements from their start). */
  private attach(initial: boolean): void {
    if (this.disposed) return;
    for (const container of containersOf(this.target, this.source.pods())) {
      if (this.followed.has(container.id) || (container.state !== 'running' && !initial)) continue;
      const abort = new AbortController();
      this.followed.set(container.id, abort);
      const resumeAt = this.ended.get(container.id);
      const marker = initial
        ? undefined
        : `${this.format.prefix(container)}--- ${resumeAt === undefined ? `following the new container ${container.id.slice(0, 12)}` : 'started again'} ---`;
      void this.follow(container, abort.signal, initial, resumeAt, marker);
    }
  }

  /** The marker is written with the first line: a listing older than the container's death attaches to a stream that ends at once, silently. */
  private async follow(c: ObservedContainer, signal: AbortSignal, initial: boolean, resumeAt?: number, marker?: string): Promise<void> {
    const prefix = this.format.prefix(c);
    let pendingMarker = marker;
    const filter = this.options.filter?.toLowerCase();
    try {
      const since = resumeAt ?? this.options.since;
      const lines = this.engine.logs(c.id, { follow: true, timestamps: this.options.timestamps, since, tail: initial ? this.options.tail : undefined, signal });
      for await (const line of lines) {
        if (filter && !line.text.toLowerCase().includes(filter)) continue;
        if (pendingMarker) this.buffer.push(pendingMarker);
        pendingMarker = undefined;
        this.buffer.push(`${prefix}${timeOf(line, this.options.timestamps)}${line.text}`);
        if (this.buffer.length >= MAX_BATCH_LINES && !this.disposed) await new Promise<void>((resolve) => this.waiting.push(resolve));
      }
    } catch (error) {
      if (!signal.aborted) this.onError(`${prefix}logs stopped: ${(error as Error).message}`);
    }
    if (signal.aborted) return;
    // The container stopped: if it starts again (a sidecar restarted in place), resume from now.
    this.followed.delete(c.id);
    this.ended.set(c.id, Math.floor(this.clock.now() / 1000));
  }

  private async flushLoop(): Promise<void> {
    while (!this.disposed) {
      await this.clock.sleep(FLUSH_MS, this.stopped.signal).catch(() => undefined);
      this.flush();
    }
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
    if (this.disposed) return;
    this.disposed = true;
    this.stopped.abort();
    this.subscription.dispose();
    for (const abort of this.followed.values()) abort.abort();
    this.followed.clear();
    this.flush();
  }
}

function timeOf(line: LogLine, timestamps: boolean): string {
  return timestamps && line.time ? `${new Date(line.time).toISOString()} ` : '';
}
