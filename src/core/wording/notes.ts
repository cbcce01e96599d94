// Supervisor notes in words: the one place that says what a supervisor did, for `up --watch`,
// the live view `flotilla status` reads, and the editor's output. Which notes a front end shows
// is its choice; the words are these.

import { describeHealth } from '../health/health';
import type { EngineEvent } from '../ports/engine';
import type { ContainerHealth } from '../model/state';
import type { SupervisorNote } from '../supervise/supervisor';
import { describeBackoff } from './backoff';
import { describeDeployError, describeDeployNote, describeDeployOutcome } from './deploy';
import { describeAction } from './plan';
import { describePortClosed, describePortFailed, describeServing } from './serving';
import { formatDuration } from '../model/units';
import type { Worded } from './tone';

/** Events that end a container: worth a line of their own. */
const ENDINGS = new Set(['die', 'oom', 'destroy']);

/** "event web-1/app die (exit 137)" */
export function describeEvent(event: EngineEvent): string {
  const who = event.pod && event.container ? `${event.pod}/${event.container}` : event.containerId.slice(0, 12);
  return `event ${who} ${event.action}${event.exitCode === undefined ? '' : ` (exit ${event.exitCode})`}`;
}

/** "web-1/app: starting -> healthy (3 ms)"; the first report of a container: "web-1/app: starting". */
export function describeHealthChange(pod: string, container: string, before: ContainerHealth | undefined, after: ContainerHealth): string {
  return `${pod}/${container}: ${before ? `${before.status} -> ` : ''}${describeHealth(after)}`;
}

/** A heal began: the pod is replaced (stop, remove, create). */
export function describeHealing(pod: string, reason: string): string {
  return `${pod}: restarting: ${reason}`;
}

/**
 * One line for a note, or undefined when the note alone is not worth one: health results (a
 * transition needs the state before: describeHealthChange), plan steps beginning, engine events
 * other than a container's end.
 */
export function describeNote(note: SupervisorNote): Worded | undefined {
  switch (note.kind) {
    case 'event':
      return ENDINGS.has(note.event.action) ? { tone: 'warning', text: describeEvent(note.event) } : undefined;
    case 'stream':
      return note.status.state === 'connected'
        ? { tone: 'plain', text: 'engine event stream connected' }
        : { tone: 'warning', text: `lost the engine's event stream (${note.status.error}); reconnecting in ${formatDuration(note.status.retryInMs)}` };
    case 'heal-delayed':
      return { tone: 'warning', text: describeBackoff(note.pod, note.crashes + 1, note.inMs) };
    case 'progress': {
      const { event } = note;
      if (event.type === 'done') return { tone: 'plain', text: `healed: ${describeAction(event.step.action)} (${event.step.reason})` };
      if (event.type === 'failed') return { tone: 'error', text: `failed: ${describeAction(event.step.action)}: ${event.error.message}` };
      return undefined;
    }
    case 'pass-failed':
      return { tone: 'error', text: `reconcile failed: ${note.error.message}; retrying` };
    case 'health':
      return undefined;
    case 'serving':
      return { tone: 'plain', text: describeServing(note.service, note.url, note.pods) };
    case 'port-failed':
      return { tone: 'error', text: describePortFailed(note.service, note.error) };
    case 'port-closed':
      return { tone: 'plain', text: describePortClosed(note.service, note.url, note.reason) };
    case 'desired-changed':
      return {
        tone: 'plain',
        text: `took over a new manifest${note.services.length > 0 ? `; rolling out ${note.services.join(', ')} by their deploy strategy` : ' (no service spec changed)'}`,
      };
    case 'deploy-error':
      return { tone: 'error', text: describeDeployError(note.service, note.error) };
    case 'deploy':
      return describeDeployNote(note.note);
    case 'deploy-outcome':
      return describeDeployOutcome(note.outcome);
  }
}
