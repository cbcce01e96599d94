// `up --watch`: supervise the project in the foreground until Ctrl-C, which stops supervising
// and leaves the containers running. It probes health, prints transitions, and publishes its
// live view for `flotilla status`.

import { KUBELET_BACKOFF, type BackoffPolicy } from '../core/reconcile/backoff';
import { systemClock } from '../core/ports/clock';
import { FlotillaError } from '../core/model/errors';
import { describePortClosed, describeServing, LiveView } from '../core/supervise/live-view';
import { describeAction } from '../core/reconcile/plan';
import type { EngineEvent } from '../core/ports/engine';
import type { DesiredState } from '../core/model/state';
import { supervise, type SupervisorNote } from '../core/supervise/supervisor';
import { formatDuration } from '../core/model/units';
import type { Engine } from './context';
import { type Output, paint } from './output';
import { acquireSupervisorLock } from '../host/supervisor-lock';
import { LiveStatusPublisher } from '../host/live-status';
import { describeProxyNote, ServicePorts } from '../proxy';
import { HandoverFollower } from '../host/desired-handover';
import { supervisorRollouts } from '../host/supervisor-rollouts';
import { printDeployNote, printOutcome } from './rollout-session';

/** Test-sized timing (never needed by users): milliseconds, whole and above 0. */
export const TIMING_ENV = { backoffBase: 'FLOTILLA_BACKOFF_BASE_MS', resync: 'FLOTILLA_RESYNC_MS' } as const;

function msFromEnv(name: string, env: NodeJS.ProcessEnv): number | undefined {
  const text = env[name];
  if (text === undefined || text === '') return undefined;
  const ms = Number(text);
  if (!Number.isInteger(ms) || ms <= 0) throw new FlotillaError('refused', `${name} must be a whole number of milliseconds above 0 (got "${text}").`);
  return ms;
}

export function timingFromEnv(env: NodeJS.ProcessEnv = process.env): { backoff: BackoffPolicy; resyncMs?: number } {
  const baseMs = msFromEnv(TIMING_ENV.backoffBase, env);
  return { backoff: baseMs === undefined ? KUBELET_BACKOFF : { ...KUBELET_BACKOFF, baseMs }, resyncMs: msFromEnv(TIMING_ENV.resync, env) };
}

export async function watch(desired: DesiredState, engine: Engine, output: Output, signal: AbortSignal, timing = timingFromEnv()): Promise<void> {
  const lock = acquireSupervisorLock(desired.project);
  if (!lock.held) {
    output.out(`Project ${desired.project} is already supervised by process ${lock.ownerPid}; this run only watches its events (Ctrl-C to stop).`);
    engine.watchEvents(desired.project, (event) => output.out(describeEvent(event)), () => undefined, signal);
    await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    return;
  }
  output.out(`Supervising project ${desired.project}: crashed, unhealthy or deleted pods are replaced. Ctrl-C stops supervising and leaves the containers running.`);
  const servicePorts = new ServicePorts((service, note) => {
    const line = describeProxyNote(service, note);
    if (line) output.err(paint(output, 'yellow', line));
  });
  const started = Date.now();
  const view = new LiveView(desired.project, process.pid, systemClock);
  const publisher = new LiveStatusPublisher(desired.project, () => view.snapshot(), (error) => output.err(`could not publish the live status: ${error.message}`));
  try {
    await supervise(desired, engine, signal, {
      ...timing,
      probes: engine,
      servicePorts,
      rollouts: supervisorRollouts(desired.project),
      desiredUpdates: new HandoverFollower(desired.project, (error) => output.err(error.message)),
      onNote: (note) => {
        if (note.kind === 'deploy') printDeployNote(output, note.note, started);
        if (note.kind === 'deploy-outcome') printOutcome(output, note.outcome);
        const told = view.apply(note);
        publisher.changed();
        if (note.kind === 'health') told.forEach((text) => output.out(paint(output, note.health.status === 'healthy' ? 'green' : 'yellow', `health ${text}`)));
        // A held-back restart is noted on every pass; the view tells it once per crash.
        if (note.kind !== 'heal-delayed' || told.length > 0) printNote(output, note);
      },
    });
  } finally {
    publisher.close();
    lock.release();
  }
  output.out(`Stopped supervising ${desired.project}; its containers keep running (flotilla down removes them).`);
}

function describeEvent(event: EngineEvent): string {
  const who = event.pod && event.container ? `${event.pod}/${event.container}` : event.containerId.slice(0, 12);
  return `event ${who} ${event.action}${event.exitCode === undefined ? '' : ` (exit ${event.exitCode})`}`;
}

function printNote(output: Output, note: SupervisorNote): void {
  switch (note.kind) {
    case 'event':
      if (['die', 'oom', 'destroy'].includes(note.event.action)) output.out(paint(output, 'yellow', describeEvent(note.event)));
      return;
    case 'stream':
      if (note.status.state === 'disconnected') output.err(paint(output, 'yellow', `lost the engine's event stream (${note.status.error}); reconnecting in ${formatDuration(note.status.retryInMs)}`));
      return;
    case 'heal-delayed':
      output.out(paint(output, 'yellow', `${note.pod}: restarting in ${formatDuration(note.inMs)} (crash ${note.crashes + 1})`));
      return;
    case 'progress':
      if (note.event.type === 'done') output.out(`healed: ${describeAction(note.event.step.action)} (${note.event.step.reason})`);
      if (note.event.type === 'failed') output.err(paint(output, 'red', `failed: ${describeAction(note.event.step.action)}: ${note.event.error.message}`));
      return;
    case 'pass-failed':
      output.err(paint(output, 'red', `reconcile failed: ${note.error.message}; retrying`));
      return;
    case 'health':
      return; // transitions are printed from the live view
    case 'serving':
      output.out(describeServing(note.service, note.url, note.pods));
      return;
    case 'port-failed':
      output.err(paint(output, 'red', `${note.service}: not served (the rest of the project is still supervised): ${note.error.message}`));
      return;
    case 'port-closed':
      output.out(describePortClosed(note.service, note.url, note.reason));
      return;
    case 'desired-changed':
      output.out(`took over a new manifest${note.services.length > 0 ? `; rolling out ${note.services.join(', ')} by their deploy strategy` : ' (no service spec changed)'}`);
      return;
    case 'deploy-error':
      output.err(paint(output, 'red', `${note.service}: the rollout stopped: ${note.error.message}; not retried until the manifest changes`));
      return;
    case 'deploy':
    case 'deploy-outcome':
      return; // printed above
  }
}
