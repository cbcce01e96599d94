// Open Manifest: the project's flotilla.yaml in an editor.

import * as vscode from 'vscode';
import { FlotillaError } from '../../core/model/errors';
import { COMMAND } from '../contract';
import type { FlotillaCommand } from './command';

export const openManifest: FlotillaCommand = {
  id: COMMAND.openManifest,
  async run(ctx, target) {
    const manifests = await ctx.manifests.settled();
    if (manifests.length === 0) throw new FlotillaError('refused', 'No flotilla.yaml in this workspace: create one with "Flotilla: Create flotilla.yaml".');
    const chosen = target
      ? manifests.find((m) => m.path === target.manifestPath)
      : manifests.length === 1
        ? manifests[0]
        : (
            await vscode.window.showQuickPick(
              manifests.map((m) => ({ label: vscode.workspace.asRelativePath(m.uri), description: m.desired?.project, manifest: m })),
              { placeHolder: 'Which manifest?' },
            )
          )?.manifest;
    if (chosen) await vscode.window.showTextDocument(chosen.uri);
  },
};
