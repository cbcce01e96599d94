// One rollout's loop: every tick re-reads the engine, asks the rollout state machine
// (machine.ts) for the next actions, moves traffic first, then runs the pod actions, until the
// machine says done, roll back or fail. Pods are created and removed through the executor
// (reconcile/executor.ts), the same one `up` and the supervisor apply plans with.

import { FlotillaError, isFlotillaError } from '../model/errors';
import { executePlan, noneCreated, type ProgressEvent } from '../reconcile/executor';
import type { PlanStep } from '../reconcile/plan';
import { findRevision, patchRevision } from './revisions';
import { DEFAULT_CRASH_LOOP_THRESHOLD, decideRollout, type RolloutAction, type RolloutPod } from './machine';
import type { DesiredDeploy, DesiredService, DesiredState, ObservedPod, ObservedState } from '../model/state';
import { podBackend } from '../serving/traffic';
import type { DeployContext, DeployOptions } from './deploy';

export interface DriveEnd {
  kind: 'done' | 'roll-back' | 'fail' | 'superseded';
  reason: string;
  /** The engine error that ended it, with its FlotillaError code, when one did. */
  error?: Error;
}

export interface DriveState {
  switched: boolean;
  /** The rollout owns the revision record: it persists the switch and stops if superseded. */
  owned: boolean;
  /** A restart: pods of the target spec below this revision are old too. */
  restartBelow?: number;
}

export async function drive(
  desired: DesiredState,
  target: DesiredService,
  deploy: DesiredDeploy,
  revision: number,
  ctx: DeployContext,
  options: DeployOptions,
  state: DriveState,
): Promise<DriveEnd> {
  const service = target.name;
  const tickMs = options.tickMs ?? 500;
  const crashes = new Map<string, number>();
  const retiring = new Set<string>();
  const drained = new Set<string>();
  let routed = ctx.traffic.routed(service);
  let lastWait = '';
  let prepared = false;
  // A machine that waits on nothing that can change would wait for ever: bound it.
  const startedAt = ctx.clock.now();
  let lastProgressAt = startedAt;
  const stallMs = deploy.healthyDeadlineMs + deploy.drainTimeoutMs;
  const isNew = (pod: ObservedPod) => pod.specHash === target.specHash && (state.restartBelow === undefined || pod.revision >= state.restartBelow);
  for (;;) {
    if (options.signal?.aborted) {
      throw new FlotillaError('cancelled', `The deploy of ${service} (revision ${revision}) was interrupted; the next deploy or supervisor start resumes it or rolls it back.`);
    }
    if (state.owned) {
      const record = findRevision(await ctx.store.read(), service, revision);
      if (!record || record.result !== 'in progress' || (record.owner !== undefined && record.owner !== ctx.owner)) {
        // Give the record up, so the rollout that superseded this one knows it may act.
        await ctx.store.update((file) => (findRevision(file, service, revision)?.owner === ctx.owner ? patchRevision(file, service, revision, { owner: undefined }) : file));
        return { kind: 'superseded', reason: (record?.result ?? 'its record is gone').replace(/^superseded: /, '') };
      }
    }
    const observed = await ctx.engine.listProject(desired.project, options.signal);
    if (!prepared) {
      await prepareProject(desired, target, observed, ctx, options.signal);
      prepared = true;
    }
    const pods = observed.pods.filter((p) => p.service === service);
    const now = ctx.clock.now();
    const health = ctx.health.podHealth(target, pods, now);
    const view = (pod: ObservedPod): RolloutPod => {
      const report = health.get(pod.name) ?? { status: 'starting' as const };
      const createdAt = Math.min(...pod.containers.map((c) => c.createdAt));
      // Nothing starts such a pod any more: it would wait as 'starting' until its deadline.
      if (neverStarted(pod)) return { name: pod.name, status: 'crashed', neverStarted: true, createdAt, crashes: crashes.get(pod.name) ?? 0 };
      // A restart's old pods served before it: not yet probed by this process is not "not ready".
      const unprobedOld = state.restartBelow !== undefined && !isNew(pod) && report.status === 'starting' && pod.containers.every((c) => c.state === 'running');
      if (unprobedOld) return { name: pod.name, status: 'healthy', healthySince: createdAt, createdAt, crashes: 0 };
      return { name: pod.name, status: report.status, healthySince: report.healthySince, exitCode: report.exitCode, createdAt, crashes: crashes.get(pod.name) ?? 0 };
    };
    const decision = decideRollout({
      service,
      replicas: target.replicas,
      deploy,
      oldPods: pods.filter((p) => !isNew(p)).map(view),
      newPods: pods.filter(isNew).map(view),
      routed,
      switched: state.switched,
      retiring: [...retiring],
      drained: [...drained],
      now,
      startedAt,
      crashLoopThreshold: options.crashLoopThreshold ?? DEFAULT_CRASH_LOOP_THRESHOLD,
    });
    const terminal = decision.actions.find((a) => a.kind === 'done' || a.kind === 'roll-back' || a.kind === 'fail');
    if (terminal) return { kind: terminal.kind as DriveEnd['kind'], reason: terminal.reason };
    if (decision.actions.length === 0) {
      if (now - lastProgressAt > stallMs)
        return { kind: deploy.autoRollback ? 'roll-back' : 'fail', reason: `no progress for ${Math.round(stallMs / 1000)} s (waiting for ${decision.waiting ?? 'nothing'})` };
      if (decision.waiting && decision.waiting !== lastWait) options.onNote?.({ kind: 'waiting', service, what: decision.waiting });
      lastWait = decision.waiting ?? '';
      await ctx.clock.sleep(tickMs, options.signal).catch(() => undefined);
      continue;
    }
    lastWait = '';
    lastProgressAt = now;
    const byName = new Map(pods.map((p) => [p.name, p]));
    // Traffic moves first, so a pod leaves the routes before it drains and goes.
    for (const action of decision.actions) {
      if (action.kind !== 'route') continue;
      options.onNote?.({ kind: 'action', service, action });
      if (target.expose) {
        const port = target.expose.port;
        ctx.traffic.route(
          service,
          action.pods
            .map((name) => byName.get(name))
            .filter((p) => p !== undefined)
            .map((p) => podBackend(p, port))
            .filter((b) => b !== undefined),
        );
      }
      routed = action.pods;
      if (action.switch) {
        state.switched = true;
        if (state.owned) await ctx.store.update((file) => patchRevision(file, service, revision, { switchedAt: now }));
      }
    }
    const failure = await runPodActions(decision.actions, { desired, target, revision, byName, ctx, crashes, retiring, drained, deploy, options });
    if (failure) return { kind: deploy.autoRollback ? 'roll-back' : 'fail', reason: failure.message, error: failure };
  }
}

interface PodActionScope {
  desired: DesiredState;
  target: DesiredService;
  revision: number;
  byName: Map<string, ObservedPod>;
  ctx: DeployContext;
  crashes: Map<string, number>;
  retiring: Set<string>;
  drained: Set<string>;
  deploy: DesiredDeploy;
  options: DeployOptions;
}

/**
 * Runs the pod actions of one decision concurrently (each pod's steps through the executor, in
 * order); returns the first failure, its FlotillaError code kept, naming the pod it concerned.
 */
async function runPodActions(actions: RolloutAction[], scope: PodActionScope): Promise<Error | undefined> {
  const { target, ctx, byName } = scope;
  // The executor creates pods of the services its desired state names: here, the spec rolled out.
  const desired: DesiredState = { ...scope.desired, services: [target] };
  const createStep = (pod: string): PlanStep => ({
    action: { kind: 'create-pod', service: target.name, pod, revision: scope.revision },
    reason: `rolling out revision ${scope.revision}`,
  });
  const removeSteps = (pod: string): PlanStep[] => {
    const observed = byName.get(pod);
    return observed
      ? [
          {
            action: { kind: 'remove-pod', service: target.name, pod, containerIds: observed.containers.map((c) => c.id), graceMs: target.stopGraceMs },
            reason: 'retired by the rollout',
          },
        ]
      : [];
  };
  /** Runs one pod's steps in order; a failed creation names its pod (recreating: after a crash). */
  const execute = async (steps: PlanStep[], recreating = false): Promise<void> => {
    let failed: PlanStep | undefined;
    const onProgress = (event: ProgressEvent) => {
      if (event.type === 'failed') failed ??= event.step;
    };
    try {
      await executePlan({ steps }, desired, ctx.engine, noneCreated(), { signal: scope.options.signal, onProgress, concurrency: steps.length });
    } catch (error) {
      throw failed?.action.kind === 'create-pod' ? prefixed(error as Error, `${recreating ? 'recreating' : 'creating'} pod ${failed.action.pod} failed`) : error;
    }
  };
  const results = await Promise.allSettled(
    actions.map(async (action) => {
      if (action.kind === 'route') return;
      scope.options.onNote?.({ kind: 'action', service: target.name, action });
      switch (action.kind) {
        case 'create-pod':
          return execute([createStep(action.pod)]);
        case 'replace-crashed':
          // A pod stranded before its start is not the spec's fault: it does not count as a crash.
          if (!neverStarted(byName.get(action.pod))) scope.crashes.set(action.pod, (scope.crashes.get(action.pod) ?? 0) + 1);
          return execute([...removeSteps(action.pod), createStep(action.pod)], true);
        case 'drain-pod':
          scope.retiring.add(action.pod);
          await ctx.traffic.drain(target.name, action.pod, scope.deploy.drainTimeoutMs);
          scope.drained.add(action.pod);
          return;
        case 'remove-pod':
          await execute(removeSteps(action.pod));
          scope.retiring.delete(action.pod);
          scope.drained.delete(action.pod);
          return;
      }
    }),
  );
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  return failed ? (failed.reason as Error) : undefined;
}

/** The error with what failed said first; a FlotillaError keeps its code and detail. */
function prefixed(error: Error, what: string): Error {
  const message = `${what}: ${error.message}`;
  const wrapped = isFlotillaError(error) ? new FlotillaError(error.code, message, error.detail) : new Error(message);
  return Object.assign(wrapped, { cause: error });
}

/** A deploy may be the first thing run on an engine: the network and the volumes it mounts must exist. */
async function prepareProject(desired: DesiredState, target: DesiredService, observed: ObservedState, ctx: DeployContext, signal: AbortSignal | undefined): Promise<void> {
  const steps: PlanStep[] = [];
  if (!observed.networks.includes(desired.network)) steps.push({ action: { kind: 'create-network', network: desired.network }, reason: 'the project network does not exist yet' });
  const used = new Set(target.containers.flatMap((c) => c.mounts.flatMap((m) => (m.kind === 'volume' ? [m.engineName] : []))));
  for (const volume of desired.volumes) {
    if (used.has(volume.engineName) && !observed.volumes.includes(volume.engineName)) {
      steps.push({
        action: { kind: 'create-volume', volume: volume.name, engineName: volume.engineName, labels: volume.labels },
        reason: `volume ${volume.name} does not exist yet`,
      });
    }
  }
  // One at a time, network first, as before.
  if (steps.length > 0) await executePlan({ steps }, desired, ctx.engine, noneCreated(), { signal, concurrency: 1 });
}

/**
 * A pod the engine lists as created and never started: its creator (a deploy or supervisor
 * process) stopped between creating and starting it. This rollout's own creations are awaited
 * before it lists again, so it never sees one of its own half-way.
 */
export function neverStarted(pod: ObservedPod | undefined): boolean {
  return pod !== undefined && pod.containers.some((c) => c.state === 'created');
}
