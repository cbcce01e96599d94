// A rollout's notes and outcome in words, for `flotilla deploy`, `up --watch` and the editor.

import type { DeployNote, DeployOutcome } from '../rollout/deploy';
import type { Worded } from './tone';

export function describeDeployNote(note: DeployNote): Worded {
  switch (note.kind) {
    case 'started':
      return {
        tone: 'plain',
        text: `${note.service}: ${note.resumed ? 'resuming' : 'starting'} ${note.restart ? 'rolling restart' : 'rollout'} of revision ${note.revision}${note.rollbackOf === undefined ? '' : ` (back to revision ${note.rollbackOf})`}`,
      };
    case 'action': {
      const { action } = note;
      const what =
        action.kind === 'route'
          ? `route to ${action.pods.join(', ') || 'no pod'}${action.switch ? ' (switch)' : ''}`
          : 'pod' in action
            ? `${action.kind} ${action.pod}`
            : action.kind;
      return { tone: 'plain', text: `${note.service}: ${what}: ${action.reason}` };
    }
    case 'waiting':
      return { tone: 'dim', text: `${note.service}: waiting for ${note.what}` };
    case 'rolling-back':
      return { tone: 'warning', text: `${note.service}: revision ${note.revision} failed (${note.reason}); rolling back` };
  }
}

/** "web: deployed (revision 3)."; good when deployed or unchanged, an error otherwise. */
export function describeDeployOutcome(outcome: DeployOutcome): Worded {
  const revision = outcome.revision === undefined ? '' : ` (revision ${outcome.revision})`;
  if (outcome.result === 'unchanged') return { tone: 'plain', text: `${outcome.service}: already runs this spec${revision}; nothing to deploy.` };
  if (outcome.result === 'deployed') return { tone: 'good', text: `${outcome.service}: deployed${revision}.` };
  return { tone: 'error', text: `${outcome.service}: ${outcome.result}${revision}.` };
}

/** The rollout of a service stopped on an error; the supervisor does not retry it. */
export function describeDeployError(service: string, error: Error): string {
  return `${service}: the rollout stopped: ${error.message}; not retried until the manifest changes`;
}
