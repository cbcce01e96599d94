// Validate Manifest: re-reads and validates the manifests with the core (the same checks as
// `flotilla validate`), says how many problems there are, lists them in the Flotilla channel and
// opens the Problems panel when there are any.

import * as vscode from 'vscode';
import { formatDiagnostic } from '../../core/model/diagnostics';
import { COMMAND } from '../contract';
import type { FlotillaCommand } from './command';

export const validate: FlotillaCommand = {
  id: COMMAND.validate,
  async run(ctx, target) {
    const listed = await ctx.manifests.settled();
    const manifests = target ? listed.filter((m) => m.path === target.manifestPath) : listed;
    if (manifests.length === 0) {
      void vscode.window.showInformationMessage('No flotilla.yaml in this workspace to validate.');
      return;
    }
    let errors = 0;
    let warnings = 0;
    for (const listed of manifests) {
      const manifest = (await ctx.manifests.read(listed.uri)) ?? listed;
      const diagnostics = manifest.loaded?.diagnostics ?? [];
      const shown = vscode.workspace.asRelativePath(manifest.uri);
      for (const d of diagnostics) ctx.channel.appendLine(formatDiagnostic(shown, d));
      errors += manifest.loaded ? diagnostics.filter((d) => d.severity === 'error').length : manifest.errorCount;
      warnings += diagnostics.filter((d) => d.severity === 'warning').length;
    }
    const what = manifests.length === 1 ? vscode.workspace.asRelativePath(manifests[0]!.uri) : `${manifests.length} manifests`;
    if (errors + warnings === 0) {
      void vscode.window.showInformationMessage(`${what}: no problems.`);
      return;
    }
    void vscode.window.showWarningMessage(
      `${what}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} (listed in the Problems panel and the Flotilla output).`,
    );
    await vscode.commands.executeCommand('workbench.actions.view.problems');
  },
};
