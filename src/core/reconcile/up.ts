// `up`: converge the engine on the desired state, level-based, and make sure every container
// runs. All or nothing for what this call creates: on failure it is removed again, so a failed
// `up` leaves the engine as it found it (pods it replaced are not brought back).

import { systemClock } from '../ports/clock';
import { FlotillaError } from '../model/errors';
import { type CreatedObjects, executePlan, type ExecuteOptions, noneCreated } from './executor';
import { computePlan, type Plan } from './plan';
import type { EngineObservability, EnginePort } from '../ports/engine';
import type { DesiredState, ObservedContainer, ObservedState } from '../model/state';

export interface UpOptions extends ExecuteOptions {
  /** How long containers must stay up after start to count as running. */
  settleMs?: number;
  /** Re-plan rounds before giving up (each round re-reads the engine). */
  maxRounds?: number;
  /** Used to show a crashed container's last log lines. */
  observability?: EngineObservability;
  onRollback?: (created: CreatedObjects) => void;
  /**
   * Services a rollout owns (one in progress, or interrupted and waiting to be resumed): their
   * pods are neither planned nor checked here, so `up` never replaces a half-done blue-green
   * set at once under the deploy driver that resumes it. Only services with pods on the engine:
   * one with none (after `down`) is created as usual.
   */
  leaveAlone?: ReadonlySet<string>;
}

export interface UpResult {
  observed: ObservedState;
  /** Steps applied over all rounds; 0 means the engine already matched. */
  applied: number;
  /** The services of `leaveAlone` whose pods were left as they were. */
  leftAlone: string[];
}

export async function up(desired: DesiredState, engine: EnginePort, options: UpOptions = {}): Promise<UpResult> {
  const clock = options.clock ?? systemClock;
  const created = noneCreated();
  let applied = 0;
  let lastApplied = clock.now();
  try {
    let observed = await observeForUp(desired, engine, options.signal);
    const leave = new Set([...(options.leaveAlone ?? [])].filter((service) => observed.pods.some((p) => p.service === service)));
    const leftAlone = [...leave];
    const scoped = leaveServices(desired, leave);
    const planFor = (current: ObservedState) => computePlan(scoped, withoutServices(current, leave));
    let plan = planFor(observed);
    if (plan.steps.length === 0) return { observed, applied, leftAlone };
    await checkImages(scoped, plan, engine);
    for (let round = 1; plan.steps.length > 0; round++) {
      if (round > (options.maxRounds ?? 3)) {
        throw new FlotillaError('timeout', `The engine did not converge after ${round - 1} rounds; still to do: ${plan.steps.map((s) => s.reason).join('; ')}.`);
      }
      await executePlan(plan, scoped, engine, created, options);
      lastApplied = clock.now();
      applied += plan.steps.length;
      observed = await engine.listProject(desired.project, options.signal);
      // A pod this run created that crashed at once is reported, not replaced in a loop.
      await failOnCrash(scoped, withoutServices(observed, leave), options, created.pods);
      plan = planFor(observed);
    }
    // The settle time runs from the last change, so re-listing and re-planning count in it.
    await clock.sleep(Math.max(0, (options.settleMs ?? 500) - (clock.now() - lastApplied)), options.signal);
    observed = await engine.listProject(desired.project, options.signal);
    await failOnCrash(scoped, withoutServices(observed, leave), options);
    return { observed, applied, leftAlone };
  } catch (error) {
    await rollback(desired.project, engine, created, options);
    throw error;
  }
}

/** The desired state without the named services: the plan then neither creates nor removes their pods. */
function leaveServices(desired: DesiredState, leave: ReadonlySet<string>): DesiredState {
  return leave.size === 0 ? desired : { ...desired, services: desired.services.filter((s) => !leave.has(s.name)) };
}

/** Their pods hidden too, or the plan would remove them as pods of a service no longer wanted. */
function withoutServices(observed: ObservedState, leave: ReadonlySet<string>): ObservedState {
  return leave.size === 0 ? observed : { ...observed, pods: observed.pods.filter((p) => !leave.has(p.service)) };
}

/**
 * The first look: when the containers alone show the project's network and every volume in use,
 * that one call is enough to plan (the usual no-op re-apply); otherwise everything is listed.
 */
async function observeForUp(desired: DesiredState, engine: EnginePort, signal: AbortSignal | undefined): Promise<ObservedState> {
  if (engine.listProjectContainers) {
    const seen = await engine.listProjectContainers(desired.project, signal);
    if (seen.networks.includes(desired.network) && desired.volumes.every((v) => seen.volumes.includes(v.engineName))) return seen;
  }
  return engine.listProject(desired.project, signal);
}

/** One look-up per distinct image, before anything is created. */
async function checkImages(desired: DesiredState, plan: Plan, engine: EnginePort): Promise<void> {
  const services = new Set(plan.steps.flatMap((s) => (s.action.kind === 'create-pod' ? [s.action.service] : [])));
  const images = [...new Set(desired.services.filter((s) => services.has(s.name)).flatMap((s) => s.containers.map((c) => c.image)))];
  const present = await Promise.all(images.map((image) => engine.imageExists(image)));
  const missing = images.filter((_, i) => !present[i]);
  if (missing.length > 0) {
    const list = missing.map((m) => `"${m}"`).join(', ');
    throw new FlotillaError(
      'image-missing',
      `Image${missing.length > 1 ? 's' : ''} ${list} ${missing.length > 1 ? 'are' : 'is'} not on the engine: build or pull ${missing.length > 1 ? 'them' : 'it'} first; nothing was started.`,
    );
  }
}

function crashed(desired: DesiredState, c: ObservedContainer): boolean {
  if (c.state !== 'exited' && c.state !== 'dead') return false;
  const restart = desired.services.find((s) => s.name === c.service)?.restart ?? 'always';
  // A one-shot container that finished cleanly is fine unless it was meant to run forever.
  return !(c.exitCode === 0 && restart !== 'always');
}

/** Fails with the first crashed container's exit code and output (of the named pods, if given). */
async function failOnCrash(desired: DesiredState, observed: ObservedState, options: UpOptions, pods?: string[]): Promise<void> {
  const dead = observed.pods
    .filter((p) => pods === undefined || pods.includes(p.name))
    .flatMap((p) => p.containers)
    .filter((c) => crashed(desired, c));
  if (dead.length === 0) return;
  const first = dead[0] as ObservedContainer;
  const logs = options.observability ? await lastLines(options.observability, first.id) : '';
  throw new FlotillaError(
    'container-exited',
    `${first.pod}/${first.container} exited with code ${first.exitCode ?? '?'} right after it started${dead.length > 1 ? ` (and ${dead.length - 1} more container${dead.length > 2 ? 's' : ''})` : ''}; check its command and image.${logs ? ` Its last output:\n${logs}` : ''}`,
  );
}

async function lastLines(observability: EngineObservability, containerId: string): Promise<string> {
  const lines: string[] = [];
  try {
    for await (const line of observability.logs(containerId, { follow: false, tail: 10, timestamps: false })) lines.push(`  ${line.text}`);
  } catch {
    // The logs only help the message; their absence must not hide the real failure.
  }
  return lines.join('\n');
}

async function rollback(project: string, engine: EnginePort, created: CreatedObjects, options: UpOptions): Promise<void> {
  if (created.pods.length + created.networks.length + created.volumes.length === 0) return;
  options.onRollback?.(created);
  const observed = await engine.listProject(project).catch(() => undefined);
  const pods = observed?.pods.filter((p) => created.pods.includes(p.name)) ?? [];
  await Promise.allSettled(
    pods.map((p) =>
      engine.removePod(
        p.containers.map((c) => c.id),
        0,
      ),
    ),
  );
  await Promise.allSettled(created.volumes.map((v) => engine.removeVolume(v)));
  await Promise.allSettled(created.networks.map((n) => engine.removeNetwork(n)));
}
