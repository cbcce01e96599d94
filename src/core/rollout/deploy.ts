// The deploy driver: records a revision, then runs the rollout state machine over the ports
// (engine for pods, HealthSource for health, TrafficSwitch for the service port, the revision
// store for progress) until the service is done, rolled back or failed (the loop itself:
// drive.ts). Every tick re-reads the engine, so a deploy interrupted by a reload or an engine
// restart is picked up from the pods' labels and the revision record by resumeRollouts.

import type { Clock } from '../ports/clock';
import type { HealthSource } from './health-source';
import { FlotillaError } from '../model/errors';
import type { EnginePort } from '../ports/engine';
import {
  currentRevision,
  findRevision,
  historyOf,
  inProgressRevision,
  patchRevision,
  recordRevision,
  rememberDeployed,
  rollbackCandidates,
  rollbackTarget,
  setResult,
  type RevisionRecord,
  type RevisionResult,
  type RevisionStore,
} from './revisions';
import { drive, type DriveEnd } from './drive';
import { executePlan, noneCreated } from '../reconcile/executor';
import type { PlanStep } from '../reconcile/plan';
import type { RolloutAction } from './machine';
import type { DesiredDeploy, DesiredService, DesiredState, ObservedPod, ObservedState } from '../model/state';
import { podBackend, type TrafficSwitch } from '../serving/traffic';

export interface DeployContext {
  engine: EnginePort;
  health: HealthSource;
  traffic: TrafficSwitch;
  store: RevisionStore;
  clock: Clock;
  /** Who runs this rollout (a process id); recorded so a second deploy can be refused. */
  owner: string;
  ownerAlive(owner: string): boolean;
}

export interface DeployOptions {
  /** Supersede a rollout of the same service that another live process is running. */
  force?: boolean;
  signal?: AbortSignal;
  /** How often the rollout re-reads the engine while it waits. Default 500 ms. */
  tickMs?: number;
  crashLoopThreshold?: number;
  onNote?: (note: DeployNote) => void;
}

export type DeployNote =
  | { kind: 'started'; service: string; revision: number; resumed: boolean; rollbackOf?: number; restart?: boolean }
  | { kind: 'action'; service: string; action: RolloutAction }
  | { kind: 'waiting'; service: string; what: string }
  | { kind: 'rolling-back'; service: string; revision: number; reason: string };

export interface DeployOutcome {
  service: string;
  revision?: number;
  result: RevisionResult | 'unchanged';
  /** The engine error that ended the rollout (a pod could not be created), FlotillaError code kept. */
  error?: Error;
}

/** Deploys the manifest's spec of one service. */
export async function deployService(desired: DesiredState, service: string, ctx: DeployContext, options: DeployOptions = {}): Promise<DeployOutcome> {
  const spec = desired.services.find((s) => s.name === service);
  if (!spec) throw new FlotillaError('refused', `No service "${service}" in the manifest (services: ${desired.services.map((s) => s.name).join(', ')}).`);
  const observed = await ctx.engine.listProject(desired.project, options.signal);
  const pods = observed.pods.filter((p) => p.service === service);
  const file = await ctx.store.read();
  if (!inProgressRevision(file, service) && pods.length === spec.replicas && pods.every((p) => p.specHash === spec.specHash)) {
    // Already running this spec (e.g. from `up`): remember it, under the number its pods carry,
    // as the base a later rollback returns to.
    if (currentRevision(file, service)?.specHash !== spec.specHash) {
      const now = ctx.clock.now();
      const updated = await ctx.store.update((f) => rememberDeployed(f, spec, nextRevisionAbove(pods) - 1, now));
      return { service, revision: currentRevision(updated, service)?.number, result: 'unchanged' };
    }
    return { service, revision: currentRevision(file, service)?.number, result: 'unchanged' };
  }
  // A spec an earlier deployed revision had (a rollback handed to a supervisor, or an edit undone)
  // is recorded as a rollback to it, as `rollback` records it: history reads the same either way.
  const returnsTo = rollbackCandidates(file, service).find((r) => r.specHash === spec.specHash);
  return startRollout(desired, spec, observed, ctx, options, returnsTo?.number);
}

/** Redeploys a kept revision (the one before the current by default) with its own strategy. */
export async function rollbackService(desired: DesiredState, service: string, to: number | undefined, ctx: DeployContext, options: DeployOptions = {}): Promise<DeployOutcome> {
  const target = rollbackTarget(await ctx.store.read(), service, to);
  const observed = await ctx.engine.listProject(desired.project, options.signal);
  return startRollout(desired, target.spec, observed, ctx, options, target.number);
}

/**
 * A rolling restart: a new revision of the same spec, rolled out by the service's strategy (with
 * draining), its pods replacing every pod of the earlier revisions. A failure leaves the old pods
 * serving (nothing to roll back to: the spec did not change).
 */
export async function restartService(desired: DesiredState, service: string, ctx: DeployContext, options: DeployOptions = {}): Promise<DeployOutcome> {
  const spec = desired.services.find((s) => s.name === service);
  if (!spec) throw new FlotillaError('refused', `No service "${service}" in the manifest (services: ${desired.services.map((s) => s.name).join(', ')}).`);
  const observed = await ctx.engine.listProject(desired.project, options.signal);
  return startRollout(desired, spec, observed, ctx, options, undefined, true);
}

/** Picks up rollouts whose process went away (editor reload, crash): resumed or rolled back, never left half-switched. */
export async function resumeRollouts(desired: DesiredState, ctx: DeployContext, options: DeployOptions = {}): Promise<DeployOutcome[]> {
  const outcomes: DeployOutcome[] = [];
  for (const spec of desired.services) {
    let resumed: RevisionRecord | undefined;
    await ctx.store.update((file) => {
      const open = inProgressRevision(file, spec.name);
      if (!open || (open.owner !== undefined && open.owner !== ctx.owner && ctx.ownerAlive(open.owner))) return file;
      resumed = open;
      return patchRevision(file, spec.name, open.number, { owner: ctx.owner });
    });
    if (!resumed) continue;
    options.onNote?.({ kind: 'started', service: spec.name, revision: resumed.number, resumed: true, rollbackOf: resumed.rollbackOf, restart: resumed.restart });
    outcomes.push(await runRecorded(desired, resumed, ctx, options));
  }
  return outcomes;
}

async function startRollout(
  desired: DesiredState,
  spec: DesiredService,
  observed: ObservedState,
  ctx: DeployContext,
  options: DeployOptions,
  rollbackOf?: number,
  restart?: boolean,
): Promise<DeployOutcome> {
  const now = ctx.clock.now();
  let record: RevisionRecord | undefined;
  let resumed = false;
  let superseded: { number: number; owner: string } | undefined;
  await ctx.store.update((file) => {
    let next = file;
    const open = inProgressRevision(file, spec.name);
    if (open) {
      const live = open.owner !== undefined && open.owner !== ctx.owner && ctx.ownerAlive(open.owner);
      if (live && !options.force) {
        throw new FlotillaError(
          'refused',
          `A deploy of ${spec.name} (revision ${open.number}) is already running in process ${open.owner}; wait for it to finish, or pass --force to supersede it.`,
        );
      }
      if (!live && !open.rollingBack && open.specHash === spec.specHash && !restart === !open.restart) {
        // The same rollout, interrupted: carry it on under its number rather than start over.
        record = { ...open, owner: ctx.owner };
        resumed = true;
        return patchRevision(file, spec.name, open.number, { owner: ctx.owner });
      }
      if (live) superseded = { number: open.number, owner: open.owner as string };
      next = setResult(next, spec.name, open.number, live ? `superseded: a forced deploy replaced it` : `superseded: interrupted, then replaced by a new deploy`, now);
    }
    const recorded = recordRevision(next, spec, now, { atLeast: nextRevisionAbove(observed.pods.filter((p) => p.service === spec.name)), rollbackOf, owner: ctx.owner, restart });
    record = recorded.revision;
    return recorded.file;
  });
  const started = record as RevisionRecord;
  if (superseded) await awaitRelease(spec, superseded, ctx, options);
  options.onNote?.({ kind: 'started', service: spec.name, revision: started.number, resumed, rollbackOf: started.rollbackOf, restart: started.restart });
  return runRecorded(desired, started, ctx, options);
}

/**
 * A superseded rollout stops at its next tick and gives its record up; until then it may still
 * be creating or draining pods, so the forced one waits (bounded: a step lasts at most about a
 * drain, plus a pod's creation).
 */
async function awaitRelease(spec: DesiredService, old: { number: number; owner: string }, ctx: DeployContext, options: DeployOptions): Promise<void> {
  const deadline = ctx.clock.now() + spec.deploy.drainTimeoutMs + 10_000;
  options.onNote?.({ kind: 'waiting', service: spec.name, what: `process ${old.owner} to stop its superseded rollout of revision ${old.number}` });
  while (ctx.clock.now() < deadline && ctx.ownerAlive(old.owner)) {
    if (findRevision(await ctx.store.read(), spec.name, old.number)?.owner !== old.owner) return;
    await ctx.clock.sleep(options.tickMs ?? 500, options.signal);
  }
}

async function runRecorded(desired: DesiredState, record: RevisionRecord, ctx: DeployContext, options: DeployOptions): Promise<DeployOutcome> {
  const service = record.spec.name;
  const finish = async (result: RevisionResult, end?: DriveEnd): Promise<DeployOutcome> => {
    const now = ctx.clock.now();
    await ctx.store.update((file) => setResult(file, service, record.number, result, now));
    return end?.error ? { service, revision: record.number, result, error: end.error } : { service, revision: record.number, result };
  };
  if (record.rollingBack) return finish(await rollBack(desired, record, record.rollingBack.reason, ctx, options));
  // A restart keeps its spec: a failure leaves the earlier pods serving, there is nothing to roll back to.
  const deploy = record.restart ? { ...record.spec.deploy, autoRollback: false } : record.spec.deploy;
  const end = await drive(desired, record.spec, deploy, record.number, ctx, options, {
    switched: record.switchedAt !== undefined,
    owned: true,
    restartBelow: record.restart ? record.number : undefined,
  });
  switch (end.kind) {
    case 'done':
      return finish('deployed');
    case 'fail':
      return finish(`failed: ${end.reason}`, end);
    case 'superseded':
      return { service, revision: record.number, result: `superseded: ${end.reason}` };
    case 'roll-back':
      await ctx.store.update((file) => patchRevision(file, service, record.number, { rollingBack: { reason: end.reason } }));
      return finish(await rollBack(desired, record, end.reason, ctx, options), end);
  }
}

/** The old set serves again and the failed set goes; named volumes are never touched. */
async function rollBack(desired: DesiredState, failed: RevisionRecord, reason: string, ctx: DeployContext, options: DeployOptions): Promise<RevisionResult> {
  const service = failed.spec.name;
  options.onNote?.({ kind: 'rolling-back', service, revision: failed.number, reason });
  const file = await ctx.store.read();
  const previous = [...historyOf(file, service).revisions].reverse().find((r) => r.result === 'deployed' && r.specHash !== failed.specHash);
  if (previous) {
    // The previous revision was proven healthy before: no minHealthyTime, and no rollback of the rollback.
    const settings: DesiredDeploy = { ...failed.spec.deploy, autoRollback: false, minHealthyTimeMs: 0 };
    // The failed pods may run and even pass a probe now and then: they never get traffic again.
    const health: HealthSource = {
      podHealth: (spec, pods, now) => {
        const reports = ctx.health.podHealth(spec, pods, now);
        for (const pod of pods) if (pod.specHash === failed.specHash) reports.set(pod.name, { status: 'unhealthy' });
        return reports;
      },
    };
    const end = await drive(desired, previous.spec, settings, previous.number, { ...ctx, health }, options, { switched: false, owned: false });
    return end.kind === 'done' ? `rolled back: ${reason}` : `failed: ${reason}; the rollback to revision ${previous.number} also failed: ${end.reason}`;
  }
  // No earlier spec is known (the service was started without a recorded revision): keep the
  // pods of other specs serving and remove the failed ones.
  const observed = await ctx.engine.listProject(desired.project, options.signal);
  const pods = observed.pods.filter((p) => p.service === service);
  const survivors = pods.filter((p) => p.specHash !== failed.specHash);
  if (failed.spec.expose) {
    const port = failed.spec.expose.port;
    ctx.traffic.route(
      service,
      survivors.map((p) => podBackend(p, port)).filter((b) => b !== undefined),
    );
  }
  const removals: PlanStep[] = pods
    .filter((p) => p.specHash === failed.specHash)
    .map((p) => ({
      action: { kind: 'remove-pod', service, pod: p.name, containerIds: p.containers.map((c) => c.id), graceMs: failed.spec.stopGraceMs },
      reason: `revision ${failed.number} is rolled back`,
    }));
  await executePlan({ steps: removals }, desired, ctx.engine, noneCreated(), { concurrency: removals.length });
  return `rolled back: ${reason}`;
}

/** A number above every revision label on the engine, so no label is ever reused. */
function nextRevisionAbove(pods: ObservedPod[]): number {
  return pods.reduce((max, p) => Math.max(max, p.revision + 1), 0);
}
