// What the commands that run a use case share: a cancellable progress notification that words
// the use case's events ("creating web-2 (2/4)"), the engine failure noted for the status bar,
// the project's views refreshed afterwards, and the outcome of a followed hand-over shown.

import * as vscode from 'vscode';
import type { HandedOver } from '../../app/converge';
import type { AppEvent } from '../../app/env';
import type { DeployNote } from '../../core/rollout/deploy';
import type { PlanAction } from '../../core/reconcile/plan';
import { describeProxyNote } from '../../proxy';
import type { Ctx } from '../ctx';

type Report = (message: string) => void;

/** Runs a use case under a cancellable notification; cancelling aborts it (a hand-over is then just no longer followed). */
export async function withUseCaseProgress<T>(ctx: Ctx, project: string, title: string, task: (onEvent: (event: AppEvent) => void, signal: AbortSignal) => Promise<T>): Promise<T> {
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => abort.abort());
      try {
        return await task((event) => reportEvent(ctx, project, (message) => progress.report({ message }), event), abort.signal);
      } catch (error) {
        ctx.connection.noteFailure(error);
        throw error;
      } finally {
        cancel.dispose();
      }
    });
  } finally {
    void ctx.refresh.refresh(project);
  }
}

function reportEvent(ctx: Ctx, project: string, report: Report, event: AppEvent): void {
  switch (event.kind) {
    case 'plan':
      if (event.event.type === 'begin') report(`${progressText(event.event.step.action)} (${event.event.index}/${event.event.total})`);
      return;
    case 'up-rolling-back':
      report(`failed: removing the ${event.created.pods.length} pod(s) this run created`);
      return;
    case 'revisions-unreadable':
      ctx.channel.appendLine(`${project}: could not read the revision history (${event.error.message}); Up goes on without it`);
      return;
    case 'following':
      report(event.message);
      return;
    case 'deploy': {
      const line = deployNoteText(event.note);
      if (line) report(line);
      ctx.channel.appendLine(`${project}/${event.note.service}: ${line ?? event.note.kind}`);
      return;
    }
    case 'resumed':
      ctx.channel.appendLine(`${project}/${event.outcome.service}: an interrupted rollout ended: ${event.outcome.result}${event.outcome.revision === undefined ? '' : ` (revision ${event.outcome.revision})`}`);
      return;
    case 'proxy': {
      const line = describeProxyNote(event.service, event.note);
      if (line) ctx.channel.appendLine(line);
      return;
    }
    case 'port-skipped':
      ctx.channel.appendLine(`${event.error.message} Going on without moving ${event.service}'s traffic.`);
      return;
    case 'restart-requested':
      report(`the supervisor restarts ${event.service} (revision ${event.revision})`);
      return;
  }
}

function deployNoteText(note: DeployNote): string | undefined {
  switch (note.kind) {
    case 'started':
      return `${note.resumed ? 'resuming' : 'starting'} ${note.restart ? 'the rolling restart' : 'the rollout'} of revision ${note.revision}`;
    case 'action':
      return note.action.kind === 'route' ? undefined : `${note.action.kind.replace('-', ' ')}${'pod' in note.action ? ` ${note.action.pod}` : ''}`;
    case 'waiting':
      return `waiting for ${note.what}`;
    case 'rolling-back':
      return `revision ${note.revision} failed (${note.reason}); rolling back`;
  }
}

/** Short present-tense words for a notification: "creating web-2". */
export function progressText(action: PlanAction): string {
  switch (action.kind) {
    case 'create-network': return `creating network ${action.network}`;
    case 'create-volume': return `creating volume ${action.volume}`;
    case 'remove-pod': return `removing ${action.pod}`;
    case 'create-pod': return `creating ${action.pod}`;
    case 'start-containers': return `starting ${action.containers.join(', ')} in ${action.pod}`;
    case 'remove-network': return `removing network ${action.network}`;
    case 'remove-volume': return `removing volume ${action.engineName}`;
  }
}

/** Each changed service's outcome after a followed hand-over, in the output and a message. */
export function tellOutcome(ctx: Ctx, project: string, handed: HandedOver): void {
  const result = handed.followed;
  if (!result) return;
  const lines = [...result.outcomes.map((o) => o.text), ...result.pending.map((line) => `${line} (not finished when Up stopped following it; see the Services view)`)];
  for (const line of lines) ctx.channel.appendLine(`${project}: ${line}`);
  if (lines.length === 0) {
    vscode.window.setStatusBarMessage(`Flotilla: ${project} is up (nothing to change)`, 5000);
  } else if (result.outcomes.some((o) => !o.ok)) {
    void vscode.window.showWarningMessage(lines.join('\n'));
  } else {
    void vscode.window.showInformationMessage(lines.join('\n'));
  }
}

/** The refusal every command words the same way when the manifest hands the host to a container. */
export function securityRefusalText(verb: string, project: string): string {
  return `Refusing to ${verb} ${project}: the manifest hands the host to a container (see the Problems panel); add what you accept to "allow:".`;
}
