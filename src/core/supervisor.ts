// Keeps a project at its desired state while it runs (`flotilla up --watch`, later the editor).
// Level-based: engine events only mark the project dirty; each pass re-lists and re-plans. A
// full resync runs every resyncMs for anything the event stream dropped. Restarts of crashed
// pods wait out their backoff, so a crash loop never turns into a tight loop.

import { RestartBackoff, type BackoffPolicy } from './backoff';
import { systemClock, type Clock } from './clock';
import { executePlan, noneCreated, type ProgressEvent } from './executor';
import { computePlan, type PlanStep } from './plan';
import type { EngineEvent, EngineEvents, EnginePort, EventStreamStatus } from './ports';
import type { ContainerHealth, DesiredState } from './state';

/** Container events that can change what the plan should be. */
const RELEVANT = new Set(['die', 'oom', 'destroy', 'stop', 'kill', 'create', 'start', 'pause', 'unpause']);
/**
 * The engine sends `die` before its container list says so (it releases the network first;
 * 100-300 ms measured on a loaded engine). A pass whose list still shows a died container
 * running re-lists shortly after, for at most this long.
 */
const LIST_LAG_RECHECK_MS = 100;
const LIST_LAG_LIMIT_MS = 3000;

export type SupervisorNote =
  | { kind: 'event'; event: EngineEvent }
  | { kind: 'stream'; status: EventStreamStatus }
  | { kind: 'heal-delayed'; pod: string; crashes: number; inMs: number }
  | { kind: 'progress'; event: ProgressEvent }
  | { kind: 'pass-failed'; error: Error }
  /** A probed container's health changed (or a probe result arrived). */
  | { kind: 'health'; containerId: string; service: string; pod: string; container: string; health: ContainerHealth };

export interface SupervisorOptions {
  clock?: Clock;
  resyncMs?: number;
  /** Events come in bursts (a pod's containers die together): one pass per burst. */
  debounceMs?: number;
  backoff?: BackoffPolicy;
  concurrency?: number;
  onNote?: (note: SupervisorNote) => void;
}

export async function supervise(desired: DesiredState, engine: EnginePort & EngineEvents, signal: AbortSignal, options: SupervisorOptions = {}): Promise<void> {
  const clock = options.clock ?? systemClock;
  const note = options.onNote ?? (() => undefined);
  const backoff = new RestartBackoff(options.backoff);
  /** Containers that died by the events, with the time, until a list agrees. */
  const died = new Map<string, number>();
  let wake: (() => void) | undefined;
  let dirty = true;
  const markDirty = () => {
    dirty = true;
    wake?.();
  };
  engine.watchEvents(
    desired.project,
    (event) => {
      note({ kind: 'event', event });
      if (event.action === 'die') died.set(event.containerId, clock.now());
      if (RELEVANT.has(event.action)) markDirty();
    },
    (status) => {
      note({ kind: 'stream', status });
      // After a reconnect, whatever happened meanwhile is found by a fresh pass.
      if (status.state === 'connected') markDirty();
    },
    signal,
  );
  signal.addEventListener('abort', () => wake?.(), { once: true });

  let nextResync = clock.now() + (options.resyncMs ?? 30_000);
  let heldUntil = Infinity;
  while (!signal.aborted) {
    const now = clock.now();
    if (dirty || now >= nextResync || now >= heldUntil) {
      dirty = false;
      nextResync = now + (options.resyncMs ?? 30_000);
      await clock.sleep(options.debounceMs ?? 100, signal).catch(() => undefined);
      if (signal.aborted) break;
      heldUntil = await pass(desired, engine, backoff, clock, options, note, signal, died);
      continue;
    }
    const until = Math.min(nextResync, heldUntil);
    await new Promise<void>((resolve) => {
      wake = resolve;
      clock.sleep(Math.max(0, until - clock.now()), signal).then(resolve, resolve);
    });
    wake = undefined;
  }
}

/** One reconcile pass; returns when a held-back restart becomes due (or Infinity). */
async function pass(
  desired: DesiredState,
  engine: EnginePort,
  backoff: RestartBackoff,
  clock: Clock,
  options: SupervisorOptions,
  note: (n: SupervisorNote) => void,
  signal: AbortSignal,
  died: Map<string, number>,
): Promise<number> {
  try {
    const observed = await engine.listProject(desired.project, signal);
    const plan = computePlan(desired, observed);
    const now = clock.now();
    let heldUntil = Infinity;
    const runningIds = new Set(observed.pods.flatMap((p) => p.containers.filter((c) => c.state === 'running').map((c) => c.id)));
    for (const [id, at] of died) {
      if (runningIds.has(id) && now - at < LIST_LAG_LIMIT_MS) heldUntil = now + LIST_LAG_RECHECK_MS;
      else died.delete(id);
    }
    const due: PlanStep[] = [];
    const healing = new Set<string>();
    for (const step of plan.steps) {
      const pod = 'pod' in step.action ? step.action.pod : undefined;
      if (!step.heal || pod === undefined) {
        due.push(step);
        continue;
      }
      const allowedAt = backoff.nextAllowedAt(pod, now);
      if (allowedAt > now) {
        heldUntil = Math.min(heldUntil, allowedAt);
        if (!healing.has(pod)) note({ kind: 'heal-delayed', pod, crashes: backoff.crashes(pod, now), inMs: allowedAt - now });
      } else {
        due.push(step);
      }
      healing.add(pod);
    }
    for (const pod of healing) if (backoff.nextAllowedAt(pod, now) <= now) backoff.recordRestart(pod, now);
    if (due.length > 0) {
      await executePlan({ steps: due }, desired, engine, noneCreated(), { concurrency: options.concurrency, signal, clock, onProgress: (event) => note({ kind: 'progress', event }) });
    }
    return heldUntil;
  } catch (error) {
    if (!signal.aborted) note({ kind: 'pass-failed', error: error as Error });
    // Try again at the next event or resync; the engine may be restarting.
    return clock.now() + 1000;
  }
}
