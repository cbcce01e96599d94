// Down: stop this window's supervisor and remove the project's pods and network; volumes are kept.

import * as vscode from 'vscode';
import { down as teardown } from '../../core/reconcile/down';
import { FlotillaError } from '../../core/model/errors';
import { supervisorOwner } from '../../host/supervisor-lock';
import { COMMAND } from '../contract';
import type { FlotillaCommand } from './command';
import { pickManifest } from './pick';

export const down: FlotillaCommand = {
  id: COMMAND.down,
  async run(ctx, target) {
    const manifest = await pickManifest(ctx, target);
    if (!manifest) return;
    const project = manifest.desired.project;
    await ctx.supervisors.stop(project);
    // Another supervisor would bring every pod straight back.
    const owner = supervisorOwner(project);
    if (owner !== undefined && owner !== process.pid) {
      throw new FlotillaError('refused', `Project ${project} is supervised by process ${owner} (flotilla up --watch or another window), which would bring its pods back: stop that supervisor first; nothing was removed.`);
    }
    const engine = await ctx.engine();
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Flotilla: taking ${project} down` }, (progress) =>
      teardown(project, engine, {
        removeVolumes: false,
        desired: manifest.desired,
        onProgress: (event) => {
          if (event.type === 'begin') progress.report({ message: `${event.step.action.kind === 'remove-pod' ? `removing ${event.step.action.pod}` : event.step.reason} (${event.index}/${event.total})` });
        },
      }),
    );
    ctx.broughtUp.delete(project);
    await ctx.refresh.refresh(project);
    vscode.window.setStatusBarMessage(`Flotilla: ${project} is down (${result.pods} pod(s) removed; ${result.volumesKept} volume(s) kept)`, 5000);
  },
};
