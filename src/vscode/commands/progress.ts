// What the commands that run a use case share: a cancellable progress notification that words
// the use case's events ("creating web-2 (2/4)"), the engine failure noted for the status bar,
// the project's views refreshed afterwards, and the outcome of a followed hand-over shown.

import * as vscode from 'vscode';
import type { HandedOver } from '../../app/converge';
import type { AppEvent } from '../../app/env';
import { describeDeployNote, describeDeployOutcome, describeProxyNote, progressText } from '../../core/wording';
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
      // The words of flotilla deploy's progress lines (core/wording).
      const { text } = describeDeployNote(event.note);
      report(text);
      ctx.channel.appendLine(`${project}: ${text}`);
      return;
    }
    case 'resumed':
      ctx.channel.appendLine(`${project}: an interrupted rollout ended: ${describeDeployOutcome(event.outcome).text}`);
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
