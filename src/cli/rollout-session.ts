// What the deploy and rollback commands share: the deploy context on this machine (engine,
// revision file, service ports served by this process during the rollout, probe health for the
// new pods) and the printing of a rollout's progress.

import { systemClock } from '../core/clock';
import { resumeRollouts, type DeployContext, type DeployNote, type DeployOptions, type DeployOutcome } from '../core/deploy';
import { ProbedHealth } from '../core/deploy-health';
import { isFlotillaError } from '../core/errors';
import { desiredWithRevision } from '../core/supervised-rollouts';
import type { DesiredState } from '../core/state';
import { formatDuration } from '../core/units';
import { handOverDesired } from '../host/desired-handover';
import { FileRevisionStore } from '../host/revision-store';
import { alive, supervisorOwner } from '../host/supervisor-lock';
import { describeDeployNote, describeDeployOutcome, describeProxyNote } from '../core/wording';
import { ServicePorts } from '../proxy';
import { connectEngine, type Engine } from './context';
import { interruptSignal } from './interrupt';
import { type Output, paint } from './output';

/** Whether a process id still runs (the owner of an in-progress rollout). */
export function processAlive(owner: string): boolean {
  const pid = Number(owner);
  return Number.isInteger(pid) && pid > 0 && alive(pid);
}

/**
 * A rollback beside a running supervisor would be undone by its manifest: the supervisor gets
 * the manifest with the service's spec set to the revision instead, and rolls it out by the
 * strategy (until the next manifest change). False when no supervisor runs.
 */
export async function handRollbackToSupervisor(desired: DesiredState, service: string, to: number | undefined, output: Output): Promise<boolean> {
  if (supervisorOwner(desired.project) === undefined) return false;
  const { desired: back, revision } = desiredWithRevision(desired, await new FileRevisionStore(desired.project).read(), service, to);
  handOverToSupervisor(back, output);
  output.out(`${service}: the supervisor rolls it back to revision ${revision.number} (${revision.images.join(', ')}); it keeps that spec until the manifest changes again.`);
  return true;
}

/** When a supervisor runs, gives it the manifest (it rolls changes out) and says so; false when none runs. */
export function handOverToSupervisor(desired: DesiredState, output: Output): boolean {
  const owner = supervisorOwner(desired.project);
  if (owner === undefined) return false;
  handOverDesired(desired);
  output.out(`Project ${desired.project} is supervised by process ${owner} (flotilla up --watch or the editor): handed this manifest to it. It rolls changed services out by their deploy strategy; follow it with flotilla status and flotilla history SERVICE.`);
  return true;
}

export interface RolloutSession {
  ctx: DeployContext;
  close(): Promise<void>;
}

/**
 * Serves the exposed services' host ports for the length of the rollout, so traffic moves and
 * drains as the rollout goes. A port another process holds is left to it (the rollout of that
 * service goes on without moving its traffic, and says so); a port that cannot be served at all
 * (an address this machine lacks, a privileged port) stops the command before anything starts.
 */
export async function openRolloutSession(desired: DesiredState, engine: Engine, output: Output): Promise<RolloutSession> {
  const ports = new ServicePorts((service, note) => {
    const line = describeProxyNote(service, note);
    if (line) output.err(paint(output, 'yellow', line));
  });
  for (const service of desired.services) {
    try {
      await ports.openOne(service);
    } catch (error) {
      if (!isFlotillaError(error, 'port-in-use')) {
        await ports.close();
        throw error;
      }
      output.err(paint(output, 'yellow', `${error.message} Deploying ${service.name} without moving that port's traffic.`));
    }
  }
  const health = new ProbedHealth(engine, systemClock);
  const ctx: DeployContext = {
    engine,
    health,
    traffic: ports,
    store: new FileRevisionStore(desired.project),
    clock: systemClock,
    owner: String(process.pid),
    ownerAlive: processAlive,
  };
  return {
    ctx,
    close: async () => {
      health.dispose();
      await ports.close();
    },
  };
}

/**
 * Runs rollouts from this process: connects, serves the ports, first finishes (or rolls back)
 * what an interrupted run left, then does `work`; Ctrl-C aborts it. Returns the worst exit code.
 */
export async function withRolloutSession(
  desired: DesiredState,
  nodes: { name: string; engine?: string }[] | undefined,
  output: Output,
  force: boolean | undefined,
  work: (ctx: DeployContext, options: DeployOptions) => Promise<number>,
): Promise<number> {
  const engine = await connectEngine(nodes);
  const session = await openRolloutSession(desired, engine, output);
  const { signal, dispose } = interruptSignal(output);
  const started = Date.now();
  const options: DeployOptions = { signal, force, onNote: (note) => printDeployNote(output, note, started) };
  try {
    let code = 0;
    for (const outcome of await resumeRollouts(desired, session.ctx, options)) code = Math.max(code, printOutcome(output, outcome));
    return Math.max(code, await work(session.ctx, options));
  } finally {
    dispose();
    await session.close();
  }
}

export function printDeployNote(output: Output, note: DeployNote, started: number): void {
  const at = paint(output, 'dim', `[${formatDuration(Date.now() - started)}]`);
  const { text, tone } = describeDeployNote(note);
  if (tone === 'dim') output.out(paint(output, 'dim', `${at} ${text}`));
  else if (tone === 'warning') output.err(paint(output, 'yellow', `${at} ${text}`));
  else output.out(`${at} ${text}`);
}

/** Exit code: 0 deployed or unchanged, 1 rolled back, failed or superseded. */
export function printOutcome(output: Output, outcome: DeployOutcome): number {
  const { text, tone } = describeDeployOutcome(outcome);
  if (tone === 'error') {
    output.err(paint(output, 'red', text));
    return 1;
  }
  output.out(tone === 'good' ? paint(output, 'green', text) : text);
  return 0;
}
