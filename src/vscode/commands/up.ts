// Up: on a project nobody supervises yet, converge it with core `up` under a cancellable
// progress notification that says what is happening ("creating web-2 (2/4)"), then supervise it
// from this window. On a project already supervised (this window, or another process such as
// `flotilla up --watch`), hand the manifest to that supervisor instead: it rolls each changed
// service out by its deploy.strategy, scales replica-only changes and leaves the rest alone;
// the notification follows it and the outcome ("web: deployed revision 3") is shown.

import * as vscode from 'vscode';
import { FlotillaError } from '../../core/errors';
import type { ProgressEvent } from '../../core/executor';
import { refusedBySecurity } from '../../core/manifest/security';
import { progressText } from '../../core/wording';
import type { DesiredState } from '../../core/state';
import { up as converge } from '../../core/up';
import { rolloutsInProgress } from '../../host/rollouts-in-progress';
import { FileRevisionStore } from '../../host/revision-store';
import { supervisorOwner } from '../../host/supervisor-lock';
import { COMMAND } from '../contract';
import type { Ctx } from '../ctx';
import { upThroughSupervisor, type HandoverResult } from '../handover-up';
import { requireTrust } from '../trust';
import type { FlotillaCommand } from './command';
import { pickManifest } from './pick';

export const up: FlotillaCommand = {
  id: COMMAND.up,
  async run(ctx, target) {
    if (!requireTrust('start containers')) return;
    const manifest = await pickManifest(ctx, target);
    if (!manifest) return;
    const refused = refusedBySecurity(manifest.loaded?.diagnostics ?? []);
    if (refused.length > 0) {
      throw new FlotillaError('refused', `Refusing to start ${manifest.desired.project}: ${refused.length} setting${refused.length === 1 ? '' : 's'} hand${refused.length === 1 ? 's' : ''} the host to a container (see the Problems panel); add what you accept to "allow:" in the manifest.`);
    }
    const desired = ctx.supervisors.effective(manifest.desired);
    if (ctx.supervisors.isSupervising(desired.project) || supervisorOwner(desired.project) !== undefined) {
      await upSupervised(ctx, desired, `Flotilla: ${desired.project}`);
      return;
    }
    const applied = await applyWithProgress(ctx, desired, `Flotilla: bringing ${desired.project} up`);
    ctx.broughtUp.add(desired.project);
    const engine = await ctx.engine();
    const mode = ctx.supervisors.start(desired, engine);
    // A save while Up was converging reached no supervisor yet: tell it now, as a later save would be.
    const latest = ctx.manifestFor(desired.project)?.desired;
    if (latest) ctx.supervisors.manifestChanged(latest);
    vscode.window.setStatusBarMessage(`Flotilla: ${desired.project} is up${applied === 0 ? ' (nothing to change)' : ''}${mode === 'other' ? '; supervised by another process' : ''}`, 5000);
  },
};

/**
 * Hands the desired state to the project's running supervisor and follows it in a cancellable
 * notification (cancelling stops the following, not the rollout); then shows each changed
 * service's outcome. Used by Up, and by Scale while this window supervises.
 */
export async function upSupervised(ctx: Ctx, desired: DesiredState, title: string): Promise<HandoverResult> {
  // Trust is checked again here: every path that starts something goes through this function.
  if (!vscode.workspace.isTrusted) throw new FlotillaError('refused', 'Flotilla starts nothing in an untrusted workspace.');
  const engine = await ctx.engine();
  const revisions = new FileRevisionStore(desired.project);
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    try {
      const target = {
        engine,
        readRevisions: () => revisions.read(),
        handOver: (next: DesiredState) => ctx.supervisors.handOver(next),
        supervised: () => ctx.supervisors.isSupervising(desired.project) || supervisorOwner(desired.project) !== undefined,
      };
      return await upThroughSupervisor(desired, target, { report: (message) => progress.report({ message }), signal: abort.signal });
    } catch (error) {
      ctx.connection.noteFailure(error);
      throw error;
    } finally {
      cancel.dispose();
      void ctx.refresh.refresh(desired.project);
    }
  });
  tellOutcome(ctx, desired.project, result);
  return result;
}

function tellOutcome(ctx: Ctx, project: string, result: HandoverResult): void {
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

/**
 * Applies the desired state with a progress notification: handed to this window's supervisor
 * when it runs (see upSupervised), else core `up`. Returns how many changes it made or asked for.
 */
export async function applyWithProgress(ctx: Ctx, desired: DesiredState, title: string): Promise<number> {
  // Trust is checked again here: every path that starts something goes through this function.
  if (!vscode.workspace.isTrusted) throw new FlotillaError('refused', 'Flotilla starts nothing in an untrusted workspace.');
  if (ctx.supervisors.isSupervising(desired.project)) {
    return (await upSupervised(ctx, desired, title)).changes.filter((c) => c.kind !== 'unchanged').length;
  }
  const engine = await ctx.engine();
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => abort.abort());
      try {
        // A rollout in progress or interrupted keeps its service: the supervisor resumes it.
        const rollouts = await rolloutsInProgress(desired.project, desired.services.map((s) => s.name)).catch((error: Error) => {
          ctx.channel.appendLine(`${desired.project}: could not read the revision history (${error.message}); Up goes on without it`);
          return new Map<string, unknown>();
        });
        const result = await converge(desired, engine, {
          leaveAlone: new Set(rollouts.keys()),
          signal: abort.signal,
          observability: engine,
          onProgress: (event) => reportProgress(progress, event),
          onRollback: (created) => progress.report({ message: `failed: removing the ${created.pods.length} pod(s) this run created` }),
        });
        for (const service of result.leftAlone) ctx.channel.appendLine(`${desired.project}/${service}: a rollout of it is in progress or was interrupted; Up left its pods to it (the supervisor resumes it)`);
        ctx.store.setObserved(result.observed);
        return result.applied;
      } catch (error) {
        ctx.connection.noteFailure(error);
        throw error;
      } finally {
        cancel.dispose();
      }
    });
  } finally {
    void ctx.refresh.refresh(desired.project);
  }
}

function reportProgress(progress: vscode.Progress<{ message?: string }>, event: ProgressEvent): void {
  if (event.type !== 'begin') return;
  progress.report({ message: `${progressText(event.step.action)} (${event.index}/${event.total})` });
}
