// `up --watch`: supervise the project in the foreground until Ctrl-C, which stops supervising
// and leaves the containers running.

import { describeAction } from '../core/plan';
import type { EngineEvent } from '../core/ports';
import type { DesiredState } from '../core/state';
import { supervise, type SupervisorNote } from '../core/supervisor';
import { formatDuration } from '../core/units';
import type { Engine } from './context';
import { type Output, paint } from './output';
import { acquireSupervisorLock } from '../host/supervisor-lock';

export async function watch(desired: DesiredState, engine: Engine, output: Output, signal: AbortSignal): Promise<void> {
  const lock = acquireSupervisorLock(desired.project);
  if (!lock.held) {
    output.out(`Project ${desired.project} is already supervised by process ${lock.ownerPid}; this run only watches its events (Ctrl-C to stop).`);
    engine.watchEvents(desired.project, (event) => output.out(describeEvent(event)), () => undefined, signal);
    await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    return;
  }
  output.out(`Supervising project ${desired.project}: crashed or deleted pods are replaced. Ctrl-C stops supervising and leaves the containers running.`);
  try {
    await supervise(desired, engine, signal, { onNote: (note) => printNote(output, note) });
  } finally {
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
  }
}
