// Up: converge the project with core `up` under a cancellable progress notification that says
// what is happening ("creating web-2 (2/4)"), then supervise it from this window.

import * as vscode from 'vscode';
import { FlotillaError } from '../../core/errors';
import type { ProgressEvent } from '../../core/executor';
import { refusedBySecurity } from '../../core/manifest/security';
import type { PlanAction } from '../../core/plan';
import type { DesiredState } from '../../core/state';
import { up as converge } from '../../core/up';
import { COMMAND } from '../contract';
import type { Ctx } from '../ctx';
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
    const applied = await applyWithProgress(ctx, desired, `Flotilla: bringing ${desired.project} up`);
    ctx.broughtUp.add(desired.project);
    const engine = await ctx.engine();
    const mode = ctx.supervisors.start(desired, engine);
    vscode.window.setStatusBarMessage(`Flotilla: ${desired.project} is up${applied === 0 ? ' (nothing to change)' : ''}${mode === 'other' ? '; supervised by another process' : ''}`, 5000);
  },
};

/**
 * Runs core `up` for the desired state with a progress notification. The window's own supervisor
 * pauses meanwhile (both would create the same pods), and resumes after.
 */
export async function applyWithProgress(ctx: Ctx, desired: DesiredState, title: string): Promise<number> {
  // Trust is checked again here: every path that starts something goes through this function.
  if (!vscode.workspace.isTrusted) throw new FlotillaError('refused', 'Flotilla starts nothing in an untrusted workspace.');
  const engine = await ctx.engine();
  const wasSupervising = ctx.supervisors.isSupervising(desired.project);
  // Paused, not stopped: its service ports stay open while the project converges.
  await ctx.supervisors.stop(desired.project, { keepPorts: wasSupervising });
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => abort.abort());
      try {
        const result = await converge(desired, engine, {
          signal: abort.signal,
          observability: engine,
          onProgress: (event) => reportProgress(progress, event),
          onRollback: (created) => progress.report({ message: `failed: removing the ${created.pods.length} pod(s) this run created` }),
        });
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
    if (wasSupervising) ctx.supervisors.start(desired, engine);
    void ctx.refresh.refresh(desired.project);
  }
}

function reportProgress(progress: vscode.Progress<{ message?: string }>, event: ProgressEvent): void {
  if (event.type !== 'begin') return;
  progress.report({ message: `${progressText(event.step.action)} (${event.index}/${event.total})` });
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
