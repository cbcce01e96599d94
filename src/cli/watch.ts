// `up --watch`: supervise the project in the foreground until Ctrl-C, which stops supervising
// and leaves the containers running. The supervisor host (src/app) probes health and publishes
// the live view for `flotilla status`; this file only prints what it hears.

import { KUBELET_BACKOFF, type BackoffPolicy } from '../core/reconcile/backoff';
import { FlotillaError } from '../core/model/errors';
import type { DesiredState } from '../core/model/state';
import type { SupervisorNote } from '../core/supervise/supervisor';
import { describeEvent, describeNote, describeProxyNote, type Tone } from '../core/wording';
import { LocalSupervisors } from '../app/local-supervisors';
import type { Engine } from './context';
import { type Output, paint } from './output';
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
  const project = desired.project;
  const started = Date.now();
  const supervisors = new LocalSupervisors({
    timing,
    onNote: (_project, note, told) => printNote(output, note, told, started),
    onProxyNote: (_project, service, note) => {
      const line = describeProxyNote(service, note);
      if (line) output.err(paint(output, 'yellow', line));
    },
    onTrouble: (_project, message) => output.err(message),
  });
  const owner = supervisors.startOn(desired, engine);
  if (owner.kind === 'process') {
    output.out(`Project ${project} is already supervised by process ${owner.pid}; this run only watches its events (Ctrl-C to stop).`);
    engine.watchEvents(
      project,
      (event) => output.out(describeEvent(event)),
      () => undefined,
      signal,
    );
    await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    return;
  }
  output.out(`Supervising project ${project}: crashed, unhealthy or deleted pods are replaced. Ctrl-C stops supervising and leaves the containers running.`);
  const supervisor = supervisors.supervisor(project);
  const interrupted = new Promise<void>((resolve) => (signal.aborted ? resolve() : signal.addEventListener('abort', () => resolve(), { once: true })));
  try {
    await Promise.race([supervisor?.done, interrupted]);
  } finally {
    await supervisors.stopAll();
  }
  output.out(`Stopped supervising ${project}; its containers keep running (flotilla down removes them).`);
}

const COLOR = { plain: undefined, dim: 'dim', good: 'green', warning: 'yellow', error: 'red' } as const satisfies Record<Tone, string | undefined>;

function printNote(output: Output, note: SupervisorNote, told: readonly string[], started: number): void {
  switch (note.kind) {
    case 'deploy':
      return printDeployNote(output, note.note, started);
    case 'deploy-outcome':
      printOutcome(output, note.outcome);
      return;
    case 'health':
      // Transitions, as the live view tells them.
      told.forEach((text) => output.out(paint(output, note.health.status === 'healthy' ? 'green' : 'yellow', `health ${text}`)));
      return;
    case 'heal-delayed':
      // Noted on every pass; the live view tells it once per crash.
      if (told.length === 0) return;
      break;
    case 'stream':
      if (note.status.state === 'connected') return;
      break;
  }
  const worded = describeNote(note);
  if (!worded) return;
  const color = COLOR[worded.tone];
  const line = color === undefined ? worded.text : paint(output, color, worded.text);
  // Trouble goes to stderr: a lost stream, a failed step or pass, a port not served, a rollout stopped.
  if (worded.tone === 'error' || note.kind === 'stream') output.err(line);
  else output.out(line);
}
