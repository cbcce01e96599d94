// Follows the engine's container events for one project. Events are hints (the engine drops
// them for slow readers): callers re-list on each, and on every (re)connection. On loss it
// reconnects with backoff and asks for events since the last one seen, so a short outage loses
// nothing; the replayed overlap is filtered out.

import type Docker from 'dockerode';
import type { IncomingMessage } from 'node:http';
import { LABEL } from '../core/model/labels';
import type { EngineEvent, EventStreamStatus } from '../core/ports/engine';
import { engineMessage } from './errors';

export const FIRST_RETRY_MS = 250;
export const MAX_RETRY_MS = 5000;
/** Keys of recent events, to drop the ones a reconnection replays. */
const REMEMBERED = 512;

interface RawEvent {
  Type?: string;
  Action?: string;
  id?: string;
  time?: number;
  timeNano?: number;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

export interface ParsedEvent {
  event: EngineEvent;
  /** Exact engine time: JSON numbers lose the last digits of timeNano. */
  timeNano: bigint;
  key: string;
}

export function toEngineEvent(raw: RawEvent): EngineEvent | undefined {
  if (raw.Type !== 'container' || !raw.Action) return undefined;
  const attributes = raw.Actor?.Attributes ?? {};
  const exitCode = attributes.exitCode === undefined ? NaN : Number(attributes.exitCode);
  return {
    time: raw.timeNano ? Math.floor(raw.timeNano / 1e6) : (raw.time ?? 0) * 1000,
    action: raw.Action,
    containerId: raw.Actor?.ID ?? raw.id ?? '',
    project: attributes[LABEL.project],
    service: attributes[LABEL.service],
    pod: attributes[LABEL.pod],
    container: attributes[LABEL.container],
    exitCode: Number.isInteger(exitCode) ? exitCode : undefined,
  };
}

/** One line of the event stream; undefined for blank, broken or non-container lines. */
export function parseEventLine(line: string): ParsedEvent | undefined {
  let raw: RawEvent;
  try {
    raw = JSON.parse(line) as RawEvent;
  } catch {
    return undefined;
  }
  const event = toEngineEvent(raw);
  if (!event) return undefined;
  const digits = /"timeNano":\s*(\d+)/.exec(line)?.[1];
  const timeNano = digits ? BigInt(digits) : BigInt(raw.time ?? 0) * 1_000_000_000n;
  return { event, timeNano, key: `${timeNano} ${event.containerId} ${event.action}` };
}

/** Splits newline-delimited text, keeping a line split across chunks. */
export class LineSplitter {
  private rest = '';
  private readonly decoder = new TextDecoder();

  push(chunk: Uint8Array | string): string[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    const parts = (this.rest + text).split('\n');
    this.rest = parts.pop() ?? '';
    return parts.filter((p) => p.trim() !== '');
  }
}

/** Docker's `since`: seconds.nanoseconds. */
export function sinceParameter(timeNano: bigint): string {
  return `${timeNano / 1_000_000_000n}.${(timeNano % 1_000_000_000n).toString().padStart(9, '0')}`;
}

export function followEvents(docker: Docker, project: string, onEvent: (event: EngineEvent) => void, onStatus: (status: EventStreamStatus) => void, signal: AbortSignal): void {
  if (signal.aborted) return;
  /** Where the next connection resumes: the last event, else the engine's clock at connection. */
  let resumeAt: bigint | undefined;
  const recent: string[] = [];
  const seen = new Set<string>();
  let retryMs = FIRST_RETRY_MS;
  let timer: NodeJS.Timeout | undefined;
  let stream: IncomingMessage | undefined;
  signal.addEventListener(
    'abort',
    () => {
      clearTimeout(timer);
      timer = undefined;
      stream?.destroy();
    },
    { once: true },
  );

  const retry = (error: string) => {
    stream = undefined;
    if (signal.aborted) return;
    onStatus({ state: 'disconnected', error, retryInMs: retryMs });
    timer = setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
  };

  const deliver = (parsed: ParsedEvent) => {
    if (seen.has(parsed.key)) return;
    seen.add(parsed.key);
    recent.push(parsed.key);
    if (recent.length > REMEMBERED) seen.delete(recent.shift() as string);
    if (resumeAt === undefined || parsed.timeNano > resumeAt) resumeAt = parsed.timeNano;
    onEvent(parsed.event);
  };

  const connect = () => {
    timer = undefined;
    if (signal.aborted) return;
    const filters = JSON.stringify({ type: ['container'], label: [`${LABEL.project}=${project}`] });
    const options = { filters, ...(resumeAt === undefined ? {} : { since: sinceParameter(resumeAt) }) };
    docker.getEvents(options as unknown as Docker.GetEventsOptions, (error, opened) => {
      const response = opened as IncomingMessage | undefined;
      if (signal.aborted) return void response?.destroy();
      if (error || !response) return retry(error ? engineMessage(error) : 'the engine sent no event stream');
      stream = response;
      retryMs = FIRST_RETRY_MS;
      // Without any event yet, resume from the engine's own clock (its Date header, to the
      // second): a remote engine's clock need not agree with ours.
      const engineNow = Date.parse(response.headers.date ?? '');
      if (resumeAt === undefined && Number.isFinite(engineNow)) resumeAt = BigInt(engineNow) * 1_000_000n;
      // A half-open TCP connection to a remote engine would otherwise look like a quiet one.
      response.socket?.setKeepAlive?.(true, 30_000);
      onStatus({ state: 'connected' });
      const lines = new LineSplitter();
      // 'error', 'end' and 'close' may all fire for one loss: reconnect once.
      let lost = false;
      const onLost = (why: string) => {
        if (lost) return;
        lost = true;
        response.destroy();
        retry(why);
      };
      response.on('data', (chunk: Buffer) => {
        for (const line of lines.push(chunk)) {
          const parsed = parseEventLine(line);
          if (parsed) deliver(parsed);
        }
      });
      response.on('error', (e: Error) => onLost(e.message));
      response.on('end', () => onLost('the engine closed the event stream'));
      response.on('close', () => onLost('the event stream closed'));
    });
  };
  connect();
}
