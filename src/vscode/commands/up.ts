// Up: on a project nobody supervises yet, converge it under a cancellable progress notification
// that says what is happening ("creating web-2 (2/4)"), then supervise it from this window. On a
// project already supervised (this window, or another process such as `flotilla up --watch`),
// the manifest is handed to that supervisor instead (src/app/up.ts decides): it rolls each
// changed service out by its deploy.strategy; the notification follows it and the outcome
// ("web: deployed revision 3") is shown.

import * as vscode from 'vscode';
import { upProject } from '../../app/up';
import { FlotillaError } from '../../core/model/errors';
import { COMMAND } from '../contract';
import { editorEnv } from '../editor-env';
import { requireTrust } from '../trust';
import type { FlotillaCommand } from './command';
import { pickManifest } from './pick';
import { tellOutcome, withUseCaseProgress } from './progress';

export const up: FlotillaCommand = {
  id: COMMAND.up,
  async run(ctx, target) {
    if (!requireTrust('start containers')) return;
    const manifest = await pickManifest(ctx, target);
    if (!manifest) return;
    const project = manifest.desired.project;
    // Trust is checked again on the path that starts containers, not only in the when clause.
    if (!vscode.workspace.isTrusted) throw new FlotillaError('refused', 'Flotilla starts nothing in an untrusted workspace.');
    const env = editorEnv(ctx);
    const title = env.supervision.owner(project).kind === 'none' ? `Flotilla: bringing ${project} up` : `Flotilla: ${project}`;
    const result = await withUseCaseProgress(ctx, project, title, (onEvent, signal) =>
      upProject(manifest.desired, manifest.loaded?.diagnostics ?? [], env, { follow: true, supervise: true, signal, onEvent }),
    );
    if (result.kind === 'refused') {
      const n = result.reason === 'security' ? result.settings : 0;
      throw new FlotillaError(
        'refused',
        `Refusing to start ${project}: ${n} setting${n === 1 ? '' : 's'} hand${n === 1 ? 's' : ''} the host to a container (see the Problems panel); add what you accept to "allow:" in the manifest.`,
      );
    }
    if (result.kind === 'handed-over') return tellOutcome(ctx, project, result);
    for (const left of result.leftAlone)
      ctx.channel.appendLine(`${project}/${left.service}: a rollout of it is in progress or was interrupted; Up left its pods to it (the supervisor resumes it)`);
    ctx.store.setObserved(result.observed);
    ctx.broughtUp.add(project);
    // A save while Up was converging reached no supervisor yet: tell it now, as a later save would be.
    const latest = ctx.manifestFor(project)?.desired;
    if (latest) ctx.supervisors.manifestChanged(latest);
    const elsewhere = result.supervisor?.kind === 'process' ? '; supervised by another process' : '';
    vscode.window.setStatusBarMessage(`Flotilla: ${project} is up${result.applied === 0 ? ' (nothing to change)' : ''}${elsewhere}`, 5000);
  },
};
