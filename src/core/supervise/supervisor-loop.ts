// One supervision, from its start to its signal's abort: what it remembers between passes
// (restart backoff, recent deaths, the last listing) and its loop: wait until something is
// dirty, a resync is due or a held-back restart comes due, then run one reconcile pass.

import { gateByBackoff, RestartBackoff } from '../reconcile/backoff';
import { systemClock, type Clock } from '../ports/clock';
import { executePlan, noneCreated, type ProgressEvent } from '../reconcile/executor';
import { computePlan, type PlanStep } from '../reconcile/plan';
import type { EngineEvent, EngineEvents, EnginePort } from '../ports/engine';
import { SupervisorProbeHealth } from '../rollout/health-source';
import { ProbeScheduler } from '../health/probe-scheduler';
import { ServiceRouter } from '../serving/router';
import { SupervisedRollouts, type PlanScope } from '../rollout/supervised-rollouts';
import type { DesiredState, ObservedState } from '../model/state';
import { deathsNewerThan, overlayObserved } from './observed-overlay';
import type { SupervisorNote, SupervisorOptions } from './supervisor';

/** Container events that can change what the plan should be. */
const RELEVANT = new Set(['die', 'oom', 'destroy', 'stop', 'kill', 'create', 'start', 'pause', 'unpause']);
/** Events after which a container's probes stop at once (the next pass confirms it). */
const GONE = new Set(['die', 'destroy', 'oom', 'pause']);

export class SupervisorLoop {
  private readonly clock: Clock;
  private readonly note: (note: SupervisorNote) => void;
  private readonly backoff: RestartBackoff;
  private readonly resyncMs: number;
  private readonly router: ServiceRouter | undefined;
  private readonly scheduler: ProbeScheduler | undefined;
  /** Rollouts read this supervisor's probe results rather than probing the new pods again. */
  private readonly rolloutProbes: SupervisorProbeHealth | undefined;
  private readonly rollouts: SupervisedRollouts | undefined;
  private current: DesiredState;
  private dirty = true;
  private wake: (() => void) | undefined;
  /** Die events newer than the last listing, with their exit codes (see observed-overlay.ts). */
  private died = new Map<string, number | undefined>();
  /** Containers paused, stopped or destroyed since the last listing. */
  private gone = new Set<string>();
  /** The last pass's listing, so a health change or a death re-routes at once instead of after a pass. */
  private lastListing: ObservedState | undefined;
  /** Services whose traffic a rollout moves (not the router's). */
  private rolling: ReadonlySet<string> = new Set();

  constructor(
    private readonly desired: DesiredState,
    private readonly engine: EnginePort & EngineEvents,
    private readonly signal: AbortSignal,
    private readonly options: SupervisorOptions,
  ) {
    this.clock = options.clock ?? systemClock;
    this.note = options.onNote ?? (() => undefined);
    this.backoff = new RestartBackoff(options.backoff);
    this.resyncMs = options.resyncMs ?? 30_000;
    this.current = desired;
    this.router = options.servicePorts ? new ServiceRouter(options.servicePorts, this.note) : undefined;
    this.scheduler = options.probes
      ? new ProbeScheduler(options.probes, this.clock, ({ who, health, changed }) => {
          this.note({ kind: 'health', ...who, health });
          if (changed) this.reroute();
          if (changed && health.status === 'unhealthy') this.markDirty();
        })
      : undefined;
    this.rolloutProbes = options.rollouts && !options.rollouts.health && this.scheduler ? new SupervisorProbeHealth(this.scheduler, () => this.markDirty()) : undefined;
    this.rollouts = options.rollouts
      ? new SupervisedRollouts(
          { ...options.rollouts, health: options.rollouts.health ?? this.rolloutProbes },
          engine,
          options.servicePorts,
          this.clock,
          signal,
          this.note,
          (service) => {
            this.rolloutProbes?.forget(service);
            this.router?.forget(service);
            this.markDirty();
          },
        )
      : undefined;
  }

  async run(): Promise<void> {
    this.listen();
    await this.router?.open(this.desired);
    let nextResync = this.clock.now() + this.resyncMs;
    let heldUntil = Infinity;
    try {
      while (!this.signal.aborted) {
        const now = this.clock.now();
        if (this.dirty || now >= nextResync || now >= heldUntil) {
          this.dirty = false;
          nextResync = now + this.resyncMs;
          await this.clock.sleep(this.options.debounceMs ?? 100, this.signal).catch(() => undefined);
          if (this.signal.aborted) break;
          const passDesired = this.current;
          // A port taken when supervision started may be free now.
          await this.router?.open(passDesired);
          heldUntil = await this.pass(passDesired);
          continue;
        }
        await this.sleepUntil(Math.min(nextResync, heldUntil));
      }
    } finally {
      await this.rollouts?.settled();
      await this.router?.close();
    }
  }

  /** Follows the engine's events, new desired states and the signal. */
  private listen(): void {
    this.engine.watchEvents(
      this.desired.project,
      (event) => this.onEvent(event),
      (status) => {
        this.note({ kind: 'stream', status });
        // After a reconnect, whatever happened meanwhile is found by a fresh pass.
        if (status.state === 'connected') this.markDirty();
      },
      this.signal,
    );
    this.signal.addEventListener(
      'abort',
      () => {
        this.scheduler?.stopAll();
        this.wake?.();
      },
      { once: true },
    );
    this.options.desiredUpdates?.follow((next) => {
      if (next.project !== this.current.project) return;
      const changed = next.services.filter((s) => this.current.services.find((c) => c.name === s.name)?.specHash !== s.specHash).map((s) => s.name);
      this.current = next;
      this.note({ kind: 'desired-changed', services: changed });
      void this.router?.open(next);
      this.markDirty();
    }, this.signal);
  }

  private onEvent(event: EngineEvent): void {
    this.note({ kind: 'event', event });
    if (GONE.has(event.action)) this.scheduler?.stop(event.containerId);
    if (event.action === 'die') this.died.set(event.containerId, event.exitCode);
    if (event.action === 'start' || event.action === 'destroy') this.died.delete(event.containerId);
    // A pod that died or is paused gets no new connection from now on.
    if (GONE.has(event.action) || event.action === 'stop') {
      if (event.action !== 'die') this.gone.add(event.containerId);
      this.reroute();
    }
    if (RELEVANT.has(event.action)) this.markDirty();
  }

  private markDirty(): void {
    this.dirty = true;
    this.wake?.();
  }

  /** Sleeps until the time given or a wake-up, whichever comes first. */
  private async sleepUntil(until: number): Promise<void> {
    // Its own signal, cancelled on wake: a sleep left pending would pile listeners on `signal`.
    const sleeping = new AbortController();
    const cancel = () => sleeping.abort();
    this.signal.addEventListener('abort', cancel, { once: true });
    await new Promise<void>((resolve) => {
      this.wake = resolve;
      this.clock.sleep(Math.max(0, until - this.clock.now()), sleeping.signal).then(resolve, resolve);
    });
    sleeping.abort();
    this.signal.removeEventListener('abort', cancel);
    this.wake = undefined;
  }

  /** A listing with what was learned since laid over it: deaths, stops, probe health. */
  private seen(listing: ObservedState): ObservedState {
    const scheduler = this.scheduler;
    return overlayObserved(listing, { died: this.died, gone: this.gone, health: scheduler ? (id) => scheduler.healthOf(id) : undefined });
  }

  private reroute(): void {
    if (!this.router || !this.lastListing) return;
    this.router.route(this.current, this.seen(this.lastListing), this.rolling);
  }

  /** One reconcile pass; returns when a held-back restart becomes due (or Infinity). */
  private async pass(desired: DesiredState): Promise<number> {
    try {
      const observed = await this.observe(desired, this.probedDesired(desired));
      if (!observed) return Infinity;
      // Routed before healing: a dead or unhealthy pod leaves the service port at once.
      const scope = await this.scope(desired, observed);
      const plan = computePlan(scope.desired, this.seen(scope.observed));
      const now = this.clock.now();
      const gate = gateByBackoff(plan, this.backoff, now);
      for (const held of gate.held) this.note({ kind: 'heal-delayed', pod: held.pod, crashes: held.crashes, inMs: held.allowedAt - now });
      for (const pod of gate.healing) this.backoff.recordRestart(pod, now);
      if (gate.due.length > 0) await this.apply(gate.due, scope.desired, new Set(gate.healing), now);
      return gate.wakeAt;
    } catch (error) {
      if (!this.signal.aborted) this.note({ kind: 'pass-failed', error: error as Error });
      // Try again at the next event or resync; the engine may be restarting.
      return this.clock.now() + 1000;
    }
  }

  /** The desired state whose pods are probed: a running rollout's spec in place of its service's. */
  private probedDesired(desired: DesiredState): DesiredState {
    const rolloutProbes = this.rolloutProbes;
    return rolloutProbes ? { ...desired, services: desired.services.map((s) => rolloutProbes.probedSpec(s.name) ?? s) } : desired;
  }

  /** Lists the project, its deaths and probe health laid over; undefined when supervision stopped meanwhile. */
  private async observe(desired: DesiredState, probed: DesiredState): Promise<ObservedState | undefined> {
    const listing = await this.engine.listProject(desired.project, this.signal);
    this.died = deathsNewerThan(listing, this.died);
    const observed = overlayObserved(listing, { died: this.died });
    if (!this.scheduler) return observed;
    if (this.signal.aborted) return undefined;
    const scheduler = this.scheduler;
    scheduler.sync(probed, observed);
    return overlayObserved(observed, { health: (id) => scheduler.healthOf(id) });
  }

  /** Routes the listing and says what the plan may touch (rollouts own the rest). */
  private async scope(desired: DesiredState, observed: ObservedState): Promise<PlanScope> {
    this.lastListing = observed;
    this.gone = new Set();
    const scope = this.rollouts ? await this.rollouts.scope(desired, observed) : { desired, observed, rolling: new Set<string>() };
    this.rolling = scope.rolling;
    this.router?.route(desired, this.seen(observed), this.rolling);
    return scope;
  }

  private async apply(due: PlanStep[], desired: DesiredState, healing: ReadonlySet<string>, now: number): Promise<void> {
    const onProgress = (event: ProgressEvent) => {
      this.note({ kind: 'progress', event });
      // A pod that could not be created or started counts as a crash: no tight retry loop.
      const action = event.step.action;
      if (event.type === 'failed' && (action.kind === 'create-pod' || action.kind === 'start-containers') && !healing.has(action.pod)) this.backoff.recordRestart(action.pod, now);
    };
    await executePlan({ steps: due }, desired, this.engine, noneCreated(), { concurrency: this.options.concurrency, signal: this.signal, clock: this.clock, onProgress });
  }
}
