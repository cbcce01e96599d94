// Keeps a project at its desired state while it runs (`flotilla up --watch`, later the editor).
// Level-based: engine events only mark the project dirty; each pass re-lists and re-plans. A
// full resync runs every resyncMs for anything the event stream dropped. Restarts of crashed
// pods wait out their backoff, so a crash loop never turns into a tight loop. With a probe
// runner, running containers are probed (health/probe-scheduler.ts); a container that turns unhealthy
// marks the project dirty, and the plan replaces its pod like a crashed one. With service
// ports, exposed services are served while it runs and routed to their ready pods (serving/router.ts).
// With rollouts, a changed service is rolled out by its strategy, not replaced at once
// (rollout/supervised-rollouts.ts), and a new desired state can be handed to it while it runs.

import { RestartBackoff, type BackoffPolicy } from '../reconcile/backoff';
import { systemClock, type Clock } from '../ports/clock';
import { executePlan, noneCreated, type ProgressEvent } from '../reconcile/executor';
import { computePlan, type PlanStep } from '../reconcile/plan';
import type { EngineEvent, EngineEvents, EnginePort, EventStreamStatus, ProbeRunner } from '../ports/engine';
import { SupervisorProbeHealth } from '../rollout/health-source';
import { ProbeScheduler } from '../health/probe-scheduler';
import { ServiceRouter, type ServicePortHost, type ServingNote } from '../serving/router';
import { SupervisedRollouts, type PlanScope, type RolloutNote, type SupervisorRollouts } from '../rollout/supervised-rollouts';
import type { ContainerHealth, DesiredState, ObservedState } from '../model/state';

/** Container events that can change what the plan should be. */
const RELEVANT = new Set(['die', 'oom', 'destroy', 'stop', 'kill', 'create', 'start', 'pause', 'unpause']);
/** Events after which a container's probes stop at once (the next pass confirms it). */
const GONE = new Set(['die', 'destroy', 'oom', 'pause']);

export type SupervisorNote =
  | { kind: 'event'; event: EngineEvent }
  | { kind: 'stream'; status: EventStreamStatus }
  | { kind: 'heal-delayed'; pod: string; crashes: number; inMs: number }
  | { kind: 'progress'; event: ProgressEvent }
  | { kind: 'pass-failed'; error: Error }
  /** A probed container's health changed (or a probe result arrived). */
  | { kind: 'health'; containerId: string; service: string; pod: string; container: string; health: ContainerHealth }
  | ServingNote
  | RolloutNote
  /** A new desired state was handed over (flotilla up while this supervisor runs). */
  | { kind: 'desired-changed'; services: string[] };

/** New desired states handed to a running supervisor (e.g. by `flotilla up` in another process). */
export interface DesiredUpdates {
  follow(onDesired: (desired: DesiredState) => void, signal: AbortSignal): void;
}

export interface SupervisorOptions {
  clock?: Clock;
  resyncMs?: number;
  /** Events come in bursts (a pod's containers die together): one pass per burst. */
  debounceMs?: number;
  backoff?: BackoffPolicy;
  concurrency?: number;
  /** Runs the manifest's health probes; without it nothing is probed. */
  probes?: ProbeRunner;
  /** Serves the exposed services' host ports while supervising (closed when it stops). */
  servicePorts?: ServicePortHost;
  /** Rolls changed services out by their strategy and leaves other processes' rollouts alone. */
  rollouts?: SupervisorRollouts;
  desiredUpdates?: DesiredUpdates;
  onNote?: (note: SupervisorNote) => void;
}

export async function supervise(desired: DesiredState, engine: EnginePort & EngineEvents, signal: AbortSignal, options: SupervisorOptions = {}): Promise<void> {
  const clock = options.clock ?? systemClock;
  const note = options.onNote ?? (() => undefined);
  const backoff = new RestartBackoff(options.backoff);
  let wake: (() => void) | undefined;
  let dirty = true;
  const markDirty = () => {
    dirty = true;
    wake?.();
  };
  // The engine may still list a container as running just after its die event: the event is
  // newer than such a list, so the plan sees the container as exited until the list agrees.
  const died = new Map<string, number | undefined>();
  let current = desired;
  const router = options.servicePorts ? new ServiceRouter(options.servicePorts, note) : undefined;
  /** Services whose traffic a rollout moves (not the router's). */
  let rolling: ReadonlySet<string> = new Set();
  // The last listing, so a health change or a death re-routes at once instead of after a pass.
  let lastObserved: ObservedState | undefined;
  const reroute = () => {
    if (!router || !lastObserved) return;
    // Read-only on `died`: only a fresh listing may retire a death (withRecentDeaths).
    for (const pod of lastObserved.pods) for (const c of pod.containers) if (died.has(c.id)) Object.assign(c, { state: 'exited' });
    if (scheduler) withProbeHealth(lastObserved, scheduler);
    router.route(current, lastObserved, rolling);
  };
  const scheduler = options.probes
    ? new ProbeScheduler(options.probes, clock, ({ who, health, changed }) => {
        note({ kind: 'health', ...who, health });
        if (changed) reroute();
        if (changed && health.status === 'unhealthy') markDirty();
      })
    : undefined;
  // Rollouts read this supervisor's probe results rather than probing the new pods again.
  const rolloutProbes = options.rollouts && !options.rollouts.health && scheduler ? new SupervisorProbeHealth(scheduler, markDirty) : undefined;
  const rollouts = options.rollouts
    ? new SupervisedRollouts({ ...options.rollouts, health: options.rollouts.health ?? rolloutProbes }, engine, options.servicePorts, clock, signal, note, (service) => {
        rolloutProbes?.forget(service);
        router?.forget(service);
        markDirty();
      })
    : undefined;
  engine.watchEvents(
    desired.project,
    (event) => {
      note({ kind: 'event', event });
      if (GONE.has(event.action)) scheduler?.stop(event.containerId);
      if (event.action === 'die') died.set(event.containerId, event.exitCode);
      if (event.action === 'start' || event.action === 'destroy') died.delete(event.containerId);
      // A pod that died or is paused gets no new connection from now on.
      if (GONE.has(event.action) || event.action === 'stop') {
        if (lastObserved && event.action !== 'die') dropContainer(lastObserved, event.containerId);
        reroute();
      }
      if (RELEVANT.has(event.action)) markDirty();
    },
    (status) => {
      note({ kind: 'stream', status });
      // After a reconnect, whatever happened meanwhile is found by a fresh pass.
      if (status.state === 'connected') markDirty();
    },
    signal,
  );
  signal.addEventListener(
    'abort',
    () => {
      scheduler?.stopAll();
      wake?.();
    },
    { once: true },
  );

  options.desiredUpdates?.follow((next) => {
    if (next.project !== current.project) return;
    const changed = next.services.filter((s) => current.services.find((c) => c.name === s.name)?.specHash !== s.specHash).map((s) => s.name);
    current = next;
    note({ kind: 'desired-changed', services: changed });
    void router?.open(next);
    markDirty();
  }, signal);
  await router?.open(desired);
  let nextResync = clock.now() + (options.resyncMs ?? 30_000);
  let heldUntil = Infinity;
  try {
    while (!signal.aborted) {
      const now = clock.now();
      if (dirty || now >= nextResync || now >= heldUntil) {
        dirty = false;
        nextResync = now + (options.resyncMs ?? 30_000);
        await clock.sleep(options.debounceMs ?? 100, signal).catch(() => undefined);
        if (signal.aborted) break;
        const passDesired = current;
        // A port taken when supervision started may be free now.
        await router?.open(passDesired);
        const probed = rolloutProbes ? { ...passDesired, services: passDesired.services.map((s) => rolloutProbes.probedSpec(s.name) ?? s) } : passDesired;
        heldUntil = await pass(passDesired, probed, engine, backoff, clock, options, note, signal, scheduler, died, async (observed) => {
          lastObserved = observed;
          const scope = rollouts ? await rollouts.scope(passDesired, observed) : { desired: passDesired, observed, rolling: new Set<string>() };
          rolling = scope.rolling;
          router?.route(passDesired, observed, rolling);
          return scope;
        });
        continue;
      }
      const until = Math.min(nextResync, heldUntil);
      // Its own signal, cancelled on wake: a sleep left pending would pile listeners on `signal`.
      const sleeping = new AbortController();
      const cancel = () => sleeping.abort();
      signal.addEventListener('abort', cancel, { once: true });
      await new Promise<void>((resolve) => {
        wake = resolve;
        clock.sleep(Math.max(0, until - clock.now()), sleeping.signal).then(resolve, resolve);
      });
      sleeping.abort();
      signal.removeEventListener('abort', cancel);
      wake = undefined;
    }
  } finally {
    await rollouts?.settled();
    await router?.close();
  }
}

/** One reconcile pass; returns when a held-back restart becomes due (or Infinity). */
async function pass(
  desired: DesiredState,
  /** The desired state whose pods are probed: a running rollout's spec in place of its service's. */
  probed: DesiredState,
  engine: EnginePort,
  backoff: RestartBackoff,
  clock: Clock,
  options: SupervisorOptions,
  note: (n: SupervisorNote) => void,
  signal: AbortSignal,
  scheduler: ProbeScheduler | undefined,
  died: Map<string, number | undefined>,
  /** Routes the listing and says what the plan may touch (rollouts own the rest). */
  scopeOf: (observed: ObservedState) => Promise<PlanScope>,
): Promise<number> {
  try {
    const observed = await engine.listProject(desired.project, signal);
    withRecentDeaths(observed, died);
    if (scheduler) {
      if (signal.aborted) return Infinity;
      scheduler.sync(probed, observed);
      withProbeHealth(observed, scheduler);
    }
    // Routed before healing: a dead or unhealthy pod leaves the service port at once.
    const scope = await scopeOf(observed);
    const plan = computePlan(scope.desired, scope.observed);
    const now = clock.now();
    let heldUntil = Infinity;
    const due: PlanStep[] = [];
    const healing = new Set<string>();
    const held = new Set<string>();
    for (const step of plan.steps) {
      const pod = 'pod' in step.action ? step.action.pod : undefined;
      // Heals, and any (re)creation of a pod whose last attempt failed, wait out its backoff.
      const guarded = pod !== undefined && (step.heal || step.action.kind === 'create-pod' || step.action.kind === 'start-containers');
      if (!guarded) {
        due.push(step);
        continue;
      }
      const allowedAt = backoff.nextAllowedAt(pod, now);
      if (allowedAt > now) {
        heldUntil = Math.min(heldUntil, allowedAt);
        if (!held.has(pod)) note({ kind: 'heal-delayed', pod, crashes: backoff.crashes(pod, now), inMs: allowedAt - now });
        held.add(pod);
      } else {
        due.push(step);
        if (step.heal) healing.add(pod);
      }
    }
    for (const pod of healing) backoff.recordRestart(pod, now);
    if (due.length > 0) {
      const onProgress = (event: ProgressEvent) => {
        note({ kind: 'progress', event });
        // A pod that could not be created or started counts as a crash: no tight retry loop.
        const action = event.step.action;
        if (event.type === 'failed' && (action.kind === 'create-pod' || action.kind === 'start-containers') && !healing.has(action.pod)) backoff.recordRestart(action.pod, now);
      };
      await executePlan({ steps: due }, scope.desired, engine, noneCreated(), { concurrency: options.concurrency, signal, clock, onProgress });
    }
    return heldUntil;
  } catch (error) {
    if (!signal.aborted) note({ kind: 'pass-failed', error: error as Error });
    // Try again at the next event or resync; the engine may be restarting.
    return clock.now() + 1000;
  }
}

/** The plan sees probe health as part of what is observed. */
function withProbeHealth(observed: ObservedState, scheduler: ProbeScheduler): void {
  for (const pod of observed.pods) for (const c of pod.containers) c.health = scheduler.healthOf(c.id);
}

/** A paused, stopped or destroyed container counts as exited until the next listing. */
function dropContainer(observed: ObservedState, containerId: string): void {
  for (const pod of observed.pods) for (const c of pod.containers) if (c.id === containerId) Object.assign(c, { state: 'exited' });
}

function withRecentDeaths(observed: ObservedState, died: Map<string, number | undefined>): void {
  const listed = new Set<string>();
  for (const pod of observed.pods) {
    for (const c of pod.containers) {
      listed.add(c.id);
      if (!died.has(c.id)) continue;
      if (c.state === 'running') Object.assign(c, { state: 'exited', exitCode: died.get(c.id), status: 'Exited (reported by its die event)' });
      else died.delete(c.id);
    }
  }
  for (const id of died.keys()) if (!listed.has(id)) died.delete(id);
}
