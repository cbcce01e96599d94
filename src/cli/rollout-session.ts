// How the CLI words what a use case reports while it runs (src/app/env.ts AppEvent) and the
// outcome of each rollout: deploy notes with the time since the command started, proxy notes,
// ports left to another program, rollouts resumed from an earlier run.

import type { AppEvent } from '../app/env';
import type { HandedOver } from '../app/converge';
import type { DeployNote, DeployOutcome } from '../core/rollout/deploy';
import { formatDuration } from '../core/model/units';
import { describeDeployNote, describeDeployOutcome, describeProxyNote } from '../core/wording';
import { type Output, paint } from './output';

/** Prints every event except core up/down steps (each command words those its own way). */
export function printAppEvent(output: Output, event: AppEvent, started: number): void {
  switch (event.kind) {
    case 'deploy':
      return printDeployNote(output, event.note, started);
    case 'resumed':
      printOutcome(output, event.outcome);
      return;
    case 'proxy': {
      const line = describeProxyNote(event.service, event.note);
      if (line) output.err(paint(output, 'yellow', line));
      return;
    }
    case 'port-skipped':
      output.err(paint(output, 'yellow', `${event.error.message} Deploying ${event.service} without moving that port's traffic.`));
      return;
    case 'revisions-unreadable':
      output.err(paint(output, 'yellow', `could not read the revision history (${event.error.message}); up goes on without it`));
      return;
    case 'up-rolling-back':
      output.err(
        paint(
          output,
          'yellow',
          `rolling back what this run created (${event.created.pods.length} pod(s), ${event.created.networks.length} network(s), ${event.created.volumes.length} volume(s))`,
        ),
      );
      return;
    case 'following':
      output.out(paint(output, 'dim', event.message));
      return;
    case 'restart-requested':
      output.out(`${event.service}: asked the supervisor for a rolling restart (revision ${event.revision})`);
      return;
    case 'plan':
      return;
  }
}

/** The line every command prints when it gave the manifest to a running supervisor. */
export function printHandedOver(output: Output, project: string, handed: HandedOver): void {
  const who = handed.owner.kind === 'process' ? `process ${handed.owner.pid}` : 'this process';
  output.out(
    `Project ${project} is supervised by ${who} (flotilla up --watch or the editor): handed this manifest to it. It rolls changed services out by their deploy strategy; follow it with flotilla status and flotilla history SERVICE.`,
  );
}

/** Exit code of a followed hand-over: 0 when every change has a good outcome. */
export function printFollowed(output: Output, handed: HandedOver): number {
  if (!handed.followed) return 0;
  for (const outcome of handed.followed.outcomes) output.out(outcome.ok ? paint(output, 'green', outcome.text) : paint(output, 'red', outcome.text));
  for (const line of handed.followed.pending) output.err(paint(output, 'yellow', `${line} (not finished when this command stopped following it; see flotilla status)`));
  return handed.followed.outcomes.every((o) => o.ok) && handed.followed.pending.length === 0 ? 0 : 1;
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

/** The worst exit code of the outcomes (printed as they came, or now). */
export function outcomesCode(outcomes: readonly DeployOutcome[]): number {
  return outcomes.some((o) => o.result !== 'deployed' && o.result !== 'unchanged') ? 1 : 0;
}
