// Down: stop this window's supervisor and remove the project's pods and network; volumes are
// kept. While another process supervises the project, Down refuses (src/app/down.ts).

import * as vscode from 'vscode';
import { downProject } from '../../app/down';
import { FlotillaError } from '../../core/model/errors';
import { COMMAND } from '../contract';
import { editorEnv } from '../editor-env';
import type { FlotillaCommand } from './command';
import { pickManifest } from './pick';

export const down: FlotillaCommand = {
  id: COMMAND.down,
  async run(ctx, target) {
    const manifest = await pickManifest(ctx, target);
    if (!manifest) return;
    const project = manifest.desired.project;
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Flotilla: taking ${project} down` }, (progress) =>
      downProject(manifest.desired, editorEnv(ctx), {
        onEvent: (event) => {
          if (event.kind !== 'plan' || event.event.type !== 'begin') return;
          const { step, index, total } = event.event;
          progress.report({ message: `${step.action.kind === 'remove-pod' ? `removing ${step.action.pod}` : step.reason} (${index}/${total})` });
        },
      }),
    );
    if (result.kind === 'refused') {
      throw new FlotillaError(
        'refused',
        `Project ${project} is supervised by process ${result.pid} (flotilla up --watch or another window), which would bring its pods back: stop that supervisor first; nothing was removed.`,
      );
    }
    ctx.broughtUp.delete(project);
    await ctx.refresh.refresh(project);
    vscode.window.setStatusBarMessage(`Flotilla: ${project} is down (${result.pods} pod(s) removed; ${result.volumesKept} volume(s) kept)`, 5000);
  },
};
