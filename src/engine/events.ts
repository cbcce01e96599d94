// Follows the engine's container events for one project. Events are hints (the engine drops
// them for slow readers): callers re-list on each. On loss it reconnects with backoff and asks
// for events since the last one seen, so a short outage loses nothing.

import type Docker from 'dockerode';
import { LABEL } from '../core/labels';
import type { EngineEvent, EventStreamStatus } from '../core/ports';

const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 5000;

interface RawEvent {
  Type?: string;
  Action?: string;
  id?: string;
  timeNano?: number;
  time?: number;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
}

export function toEngineEvent(raw: RawEvent): EngineEvent | undefined {
  if (raw.Type !== 'container' || !raw.Action) return undefined;
  const attributes = raw.Actor?.Attributes ?? {};
  const exitCode = attributes.exitCode === undefined ? undefined : Number(attributes.exitCode);
  return {
    time: raw.timeNano ? Math.floor(raw.timeNano / 1e6) : (raw.time ?? 0) * 1000,
    action: raw.Action,
    containerId: raw.Actor?.ID ?? raw.id ?? '',
    project: attributes[LABEL.project],
    service: attributes[LABEL.service],
    pod: attributes[LABEL.pod],
    container: attributes[LABEL.container],
    exitCode: Number.isNaN(exitCode) ? undefined : exitCode,
  };
}

/** Splits a stream of newline-delimited JSON, keeping a line split across chunks. */
export class JsonLines {
  private rest = '';
  push(chunk: Buffer | string): unknown[] {
    const parts = (this.rest + chunk.toString()).split('\n');
    this.rest = parts.pop() ?? '';
    return parts.filter((p) => p.trim() !== '').flatMap((p) => {
      try {
        return [JSON.parse(p) as unknown];
      } catch {
        return [];
      }
    });
  }
}

export function followEvents(
  docker: Docker,
  project: string,
  onEvent: (event: EngineEvent) => void,
  onStatus: (status: EventStreamStatus) => void,
  signal: AbortSignal,
): void {
  let lastTimeMs: number | undefined;
  let retryMs = FIRST_RETRY_MS;
  let timer: NodeJS.Timeout | undefined;
  let stream: NodeJS.ReadableStream & { destroy?: () => void } | undefined;
  signal.addEventListener('abort', () => {
    clearTimeout(timer);
    stream?.destroy?.();
  }, { once: true });

  const retry = (error: string) => {
    if (signal.aborted) return;
    onStatus({ state: 'disconnected', error, retryInMs: retryMs });
    timer = setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
  };

  const connect = () => {
    if (signal.aborted) return;
    const filters = JSON.stringify({ type: ['container'], label: [`${LABEL.project}=${project}`] });
    const since = lastTimeMs === undefined ? undefined : (lastTimeMs / 1000).toFixed(3);
    docker.getEvents({ filters, ...(since ? { since } : {}) } as Docker.GetEventsOptions, (error, opened) => {
      if (error || !opened) return retry(error?.message ?? 'no stream');
      if (signal.aborted) return (opened as unknown as { destroy?: () => void }).destroy?.();
      stream = opened;
      retryMs = FIRST_RETRY_MS;
      onStatus({ state: 'connected' });
      const lines = new JsonLines();
      // 'error' and 'end' may both fire for one loss: reconnect once.
      let lost = false;
      const onLost = (why: string) => {
        if (lost) return;
        lost = true;
        retry(why);
      };
      opened.on('data', (chunk: Buffer) => {
        for (const raw of lines.push(chunk)) {
          const event = toEngineEvent(raw as RawEvent);
          if (!event) continue;
          lastTimeMs = event.time;
          onEvent(event);
        }
      });
      opened.on('error', (e: Error) => onLost(e.message));
      opened.on('end', () => onLost('the engine closed the event stream'));
      opened.on('close', () => onLost('the engine closed the event stream'));
    });
  };
  connect();
}
