// Rollouts under a running supervisor, so its plan never fights a deploy. Before each pass the
// supervisor asks which services are the deploy driver's right now:
// - a service whose rollout another live process owns is left alone (neither planned nor routed);
// - a service whose rollout was interrupted (its owner is gone) is resumed here;
// - a service running pods of another spec (the manifest changed: `flotilla up` handed it over,
//   or the editor's manifest changed) is rolled out here by its deploy.strategy, instead of the
//   plan's replace-at-once.
// While a rollout runs here the service is left out of the plan and of steady-state routing
// (the driver moves its traffic). A rollout that ends rolled back or failed pins the service to
// its current deployed revision, so the supervisor keeps that healed and does not retry the
// failed spec until the manifest changes again. A restart is asked for the same way as it is
// resumed: a restart record with no owner in the revision file, picked up at the next pass.

import type { Clock } from '../ports/clock';
import { deployService, resumeRollouts, type DeployContext, type DeployNote, type DeployOutcome } from './deploy';
import { RunningHealth, type HealthSource } from './health-source';
import type { EnginePort } from '../ports/engine';
import { FlotillaError } from '../model/errors';
import {
  currentRevision,
  historyOf,
  inProgressRevision,
  recordRevision,
  rollbackTarget,
  setResult,
  type RevisionRecord,
  type RevisionsFile,
  type RevisionStore,
} from './revisions';
import type { DesiredService, DesiredState, ObservedPod, ObservedState } from '../model/state';
import type { TrafficSwitch } from '../serving/traffic';

/** What a supervisor needs to run rollouts: the revision store and who it is. */
export interface SupervisorRollouts {
  store: RevisionStore;
  /** This process (a pid), recorded as the owner of the rollouts it runs. */
  owner: string;
  ownerAlive(owner: string): boolean;
  /**
   * How rollouts judge pods. Default: the supervisor's own probe results when it probes
   * (SupervisorProbeHealth, so nothing is probed twice), else whether the pods run.
   */
  health?: HealthSource;
  /** How often a rollout re-reads the engine (default: the driver's 500 ms). */
  tickMs?: number;
}

export type RolloutNote = { kind: 'deploy'; note: DeployNote } | { kind: 'deploy-outcome'; outcome: DeployOutcome } | { kind: 'deploy-error'; service: string; error: Error };

export interface PlanScope {
  /** The desired state the plan may act on: rolled-out services removed, pinned ones replaced. */
  desired: DesiredState;
  observed: ObservedState;
  /** Services whose traffic a rollout moves. */
  rolling: Set<string>;
}

const noTraffic: TrafficSwitch = { route: () => undefined, routed: () => [], openConnections: () => new Map(), drain: async () => ({ cut: 0 }) };

export class SupervisedRollouts {
  private readonly active = new Map<string, Promise<void>>();
  /** Services kept at an earlier spec after a failed rollout, by service: that spec (undefined: unknown, leave alone). */
  private readonly pinned = new Map<string, { failedHash: string; spec: DesiredService | undefined }>();
  /** The spec each service was last kept at by the plan: what runs before a rollout starts. */
  private readonly planned = new Map<string, DesiredService>();
  private readonly ctx: DeployContext;
  /** The revision file could not be read at the last pass (told once). */
  private unreadable = false;

  constructor(
    private readonly rollouts: SupervisorRollouts,
    engine: EnginePort,
    traffic: TrafficSwitch | undefined,
    clock: Clock,
    private readonly signal: AbortSignal,
    private readonly note: (note: RolloutNote) => void,
    /** A rollout ended: the supervisor re-plans and re-routes the service. */
    private readonly finished: (service: string) => void,
  ) {
    this.ctx = {
      engine,
      health: rollouts.health ?? new RunningHealth(),
      traffic: traffic ?? noTraffic,
      store: rollouts.store,
      clock,
      owner: rollouts.owner,
      ownerAlive: rollouts.ownerAlive,
    };
  }

  /** Starts the rollouts this pass calls for and says what the plan may touch. */
  async scope(desired: DesiredState, observed: ObservedState): Promise<PlanScope> {
    let file: RevisionsFile;
    try {
      file = await this.rollouts.store.read();
      this.unreadable = false;
    } catch (error) {
      // A broken revision file must not stop the healing: plan as before rollouts existed.
      if (!this.unreadable) this.note({ kind: 'deploy-error', service: desired.services.map((s) => s.name).join(', '), error: error as Error });
      this.unreadable = true;
      const rolling = new Set(this.active.keys());
      return {
        desired: { ...desired, services: desired.services.filter((s) => !rolling.has(s.name)) },
        observed: { ...observed, pods: observed.pods.filter((p) => !rolling.has(p.service)) },
        rolling,
      };
    }
    const rolling = new Set<string>();
    const services: DesiredService[] = [];
    for (const spec of desired.services) {
      const pods = observed.pods.filter((p) => p.service === spec.name);
      const open = inProgressRevision(file, spec.name);
      const foreign = open?.owner !== undefined && open.owner !== this.rollouts.owner && this.rollouts.ownerAlive(open.owner);
      const pin = this.pinned.get(spec.name);
      if (pin && pin.failedHash !== spec.specHash) this.pinned.delete(spec.name);
      const pinned = this.pinned.get(spec.name);
      if (this.active.has(spec.name) || foreign) {
        rolling.add(spec.name);
      } else if (open || (!pinned && pods.some((p) => p.specHash !== spec.specHash))) {
        this.start(desired, spec, pods);
        rolling.add(spec.name);
      } else if (pinned) {
        if (pinned.spec) services.push(pinned.spec);
        else rolling.add(spec.name);
      } else {
        services.push(spec);
        this.planned.set(spec.name, spec);
      }
    }
    return {
      desired: { ...desired, services },
      observed: { ...observed, pods: observed.pods.filter((p) => !rolling.has(p.service)) },
      rolling,
    };
  }

  /** Resolves when the rollouts started here have ended (they stop with the supervisor's signal). */
  async settled(): Promise<void> {
    await Promise.all([...this.active.values()]);
  }

  private async pin(spec: DesiredService): Promise<void> {
    const file = await this.rollouts.store.read();
    // A failed restart changed no spec: the plan keeps healing the service as before.
    if (historyOf(file, spec.name).revisions.at(-1)?.restart) return;
    const current = currentRevision(file, spec.name);
    this.pinned.set(spec.name, { failedHash: spec.specHash, spec: current && current.specHash !== spec.specHash ? current.spec : undefined });
  }

  /**
   * Records the spec the supervisor kept running as a deployed revision (when the store does
   * not know it yet), so a failed rollout has a revision to roll back to.
   */
  private async rememberRunning(name: string, pods: ObservedPod[]): Promise<void> {
    const running = this.planned.get(name);
    if (!running || pods.length === 0 || pods.some((p) => p.specHash !== running.specHash)) return;
    const now = this.ctx.clock.now();
    const atLeast = Math.max(...pods.map((p) => p.revision));
    await this.rollouts.store.update((file) => {
      if (currentRevision(file, name)?.specHash === running.specHash) return file;
      const { file: next, revision } = recordRevision(file, running, now, { atLeast });
      return setResult(next, name, revision.number, 'deployed', now);
    });
  }

  private start(desired: DesiredState, spec: DesiredService, pods: ObservedPod[]): void {
    const options = { signal: this.signal, tickMs: this.rollouts.tickMs, onNote: (note: DeployNote) => this.note({ kind: 'deploy', note }) };
    const run = async () => {
      await this.rememberRunning(spec.name, pods);
      // An interrupted rollout is finished (or rolled back) before anything new starts.
      const resumed = await resumeRollouts({ ...desired, services: [spec] }, this.ctx, options);
      resumed.forEach((outcome) => this.note({ kind: 'deploy-outcome', outcome }));
      const failedHere = resumed.some((o) => o.result !== 'deployed' && o.result !== 'unchanged');
      const outcome = failedHere ? undefined : await deployService(desired, spec.name, this.ctx, options);
      if (outcome) this.note({ kind: 'deploy-outcome', outcome });
      if (failedHere || (outcome && outcome.result !== 'deployed' && outcome.result !== 'unchanged')) await this.pin(spec);
    };
    const task = run()
      .catch(async (error: unknown) => {
        if (this.signal.aborted) return;
        this.note({ kind: 'deploy-error', service: spec.name, error: error as Error });
        // Not retried at every pass: the next manifest change tries again.
        await this.pin(spec).catch(() => this.pinned.set(spec.name, { failedHash: spec.specHash, spec: undefined }));
      })
      .finally(() => {
        this.active.delete(spec.name);
        if (!this.signal.aborted) this.finished(spec.name);
      });
    this.active.set(spec.name, task);
  }
}

/**
 * A rollback for a running supervisor: the desired state with the service's spec replaced by a
 * kept revision's (default: the deployed one before the current). Handed over like a changed
 * manifest, the supervisor rolls it out by the strategy; the next manifest change wins again.
 */
export function desiredWithRevision(desired: DesiredState, file: RevisionsFile, service: string, to?: number): { desired: DesiredState; revision: RevisionRecord } {
  if (!desired.services.some((s) => s.name === service))
    throw new FlotillaError('refused', `No service "${service}" in the manifest (services: ${desired.services.map((s) => s.name).join(', ')}).`);
  const revision = rollbackTarget(file, service, to);
  return { desired: { ...desired, services: desired.services.map((s) => (s.name === service ? revision.spec : s)) }, revision };
}
