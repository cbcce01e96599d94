// Container logs as lines. For non-TTY containers every write is framed by an 8-byte header
// (byte 0: 1 stdout / 2 stderr, bytes 4-7: big-endian length); TTY output is raw. Frames and
// lines may split across chunks, and a multi-byte character across frames: lines are cut on
// the newline byte and decoded whole.

import type { IncomingMessage } from 'node:http';
import type { LogLine, LogOptions } from '../core/ports/engine';

type Stream = LogLine['stream'];

const HEADER = 8;
const NEWLINE = 0x0a;
const SPACE = 0x20;

/** "2026-11-24T10:00:00.123456789Z rest" -> time in ms and the rest; no timestamp: undefined. */
export function splitTimestamp(bytes: Uint8Array): { time: number; rest: Uint8Array } | undefined {
  const space = bytes.indexOf(SPACE);
  // RFC3339Nano is 20 to 35 characters.
  if (space < 20 || space > 35) return undefined;
  const time = Date.parse(Buffer.from(bytes.subarray(0, space)).toString('latin1'));
  return Number.isNaN(time) ? undefined : { time, rest: bytes.subarray(space + 1) };
}

export class LogDemuxer {
  private frames: Buffer = Buffer.alloc(0);
  private readonly pending: Record<Stream, { bytes: Buffer; time?: number }> = { stdout: { bytes: Buffer.alloc(0) }, stderr: { bytes: Buffer.alloc(0) } };

  constructor(
    private readonly tty: boolean,
    private readonly timestamps: boolean,
  ) {}

  /** Lines completed by this chunk. */
  push(chunk: Buffer): LogLine[] {
    if (this.tty) return this.feed('stdout', chunk);
    this.frames = this.frames.length === 0 ? chunk : Buffer.concat([this.frames, chunk]);
    const lines: LogLine[] = [];
    while (this.frames.length >= HEADER) {
      const size = this.frames.readUInt32BE(4);
      if (this.frames.length < HEADER + size) break;
      const stream: Stream = this.frames[0] === 2 ? 'stderr' : 'stdout';
      const payload = this.frames.subarray(HEADER, HEADER + size);
      this.frames = this.frames.subarray(HEADER + size);
      // With timestamps, the engine prefixes each frame (one log message), not each line.
      const stamped = this.timestamps ? splitTimestamp(payload) : undefined;
      lines.push(...this.feed(stream, stamped?.rest ?? payload, stamped?.time));
    }
    return lines;
  }

  /** Whatever is left when the stream ends (a last line without a newline). */
  end(): LogLine[] {
    const lines: LogLine[] = [];
    for (const stream of ['stdout', 'stderr'] as const) {
      const pending = this.pending[stream];
      if (pending.bytes.length > 0) lines.push(this.line(stream, pending.bytes, pending.time));
      this.pending[stream] = { bytes: Buffer.alloc(0) };
    }
    return lines;
  }

  private feed(stream: Stream, bytes: Uint8Array, frameTime?: number): LogLine[] {
    const pending = this.pending[stream];
    if (pending.bytes.length === 0 && frameTime !== undefined) pending.time = frameTime;
    let rest = pending.bytes.length === 0 ? Buffer.from(bytes) : Buffer.concat([pending.bytes, bytes]);
    const lines: LogLine[] = [];
    for (let newline = rest.indexOf(NEWLINE); newline >= 0; newline = rest.indexOf(NEWLINE)) {
      lines.push(this.line(stream, rest.subarray(0, newline), pending.time));
      rest = rest.subarray(newline + 1);
      pending.time = frameTime;
    }
    pending.bytes = rest;
    return lines;
  }

  private line(stream: Stream, bytes: Uint8Array, time: number | undefined): LogLine {
    // TTY output has no frames: its timestamps start each line.
    const stamped = this.tty && this.timestamps ? splitTimestamp(bytes) : undefined;
    const text = Buffer.from(stamped?.rest ?? bytes)
      .toString('utf8')
      .replace(/\r$/, '');
    const at = stamped?.time ?? time;
    return at === undefined ? { stream, text } : { stream, text, time: at };
  }
}

/** Query of GET /containers/{id}/logs, without the keys left unset (an empty `since=` is not "unset" to the engine). */
export function logQuery(options: LogOptions): Record<string, string | number | boolean> {
  const query: Record<string, string | number | boolean> = { stdout: true, stderr: true, follow: options.follow, timestamps: options.timestamps };
  if (options.since !== undefined) query.since = options.since;
  if (options.tail !== undefined) query.tail = options.tail;
  return query;
}

/**
 * Lines of an opened log response, until it ends or the signal aborts. The response is
 * destroyed on every way out (end, abort, error, or a consumer that stops iterating).
 */
export async function* readLogLines(response: IncomingMessage, demuxer: LogDemuxer, signal: AbortSignal | undefined, onError: (error: unknown) => Error): AsyncGenerator<LogLine> {
  const onAbort = () => response.destroy();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (signal?.aborted) return;
    for await (const chunk of response) yield* demuxer.push(chunk as Buffer);
    yield* demuxer.end();
  } catch (error) {
    if (!signal?.aborted) throw onError(error);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    response.destroy();
  }
}
