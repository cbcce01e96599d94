// Docker's log stream: for non-TTY containers every write is framed by an 8-byte header
// (byte 0: 1 stdout / 2 stderr, bytes 4-7: big-endian length). Frames and lines may split
// across chunks; this keeps the remainder of both.

import type { LogLine } from '../core/ports';

export class LogDemuxer {
  private pending: Buffer = Buffer.alloc(0);
  private partial: Record<'stdout' | 'stderr', string> = { stdout: '', stderr: '' };

  constructor(
    private readonly tty: boolean,
    private readonly timestamps: boolean,
  ) {}

  /** Lines completed by this chunk. */
  push(chunk: Buffer): LogLine[] {
    if (this.tty) return this.text('stdout', chunk.toString('utf8'));
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const lines: LogLine[] = [];
    while (this.pending.length >= 8) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + size) break;
      const stream = this.pending[0] === 2 ? 'stderr' : 'stdout';
      lines.push(...this.text(stream, this.pending.subarray(8, 8 + size).toString('utf8')));
      this.pending = this.pending.subarray(8 + size);
    }
    return lines;
  }

  /** Whatever is left when the stream ends (a last line without a newline). */
  end(): LogLine[] {
    const lines: LogLine[] = [];
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream] !== '') lines.push(this.line(stream, this.partial[stream]));
      this.partial[stream] = '';
    }
    return lines;
  }

  private text(stream: 'stdout' | 'stderr', text: string): LogLine[] {
    const parts = (this.partial[stream] + text).split('\n');
    this.partial[stream] = parts.pop() ?? '';
    return parts.map((part) => this.line(stream, part.replace(/\r$/, '')));
  }

  private line(stream: 'stdout' | 'stderr', raw: string): LogLine {
    if (!this.timestamps) return { stream, text: raw };
    const space = raw.indexOf(' ');
    const time = space > 0 ? Date.parse(raw.slice(0, space)) : NaN;
    return Number.isNaN(time) ? { stream, text: raw } : { stream, text: raw.slice(space + 1), time };
  }
}
