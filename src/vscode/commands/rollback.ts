// Rollback: pick a kept revision of a service (the revision file the CLI shares; the candidates
// are core's one rule) and hand the project's supervisor the manifest with that spec; it rolls
// it out by the service's strategy and keeps it until the manifest changes. With no supervisor
// running, this window starts one (src/app/rollback.ts decides).

import * as vscode from 'vscode';
import { rollbackChoices, rollbackServiceTo } from '../../app/rollback';
import { FlotillaError } from '../../core/model/errors';
import { COMMAND } from '../contract';
import { editorEnv } from '../editor-env';
import { requireTrust } from '../trust';
import type { FlotillaCommand } from './command';
import { pickManifest, pickService } from './pick';
import { securityRefusalText } from './progress';

export const rollback: FlotillaCommand = {
  id: COMMAND.rollback,
  async run(ctx, target) {
    if (!requireTrust('roll services back')) return;
    const service = await pickService(ctx, target);
    if (!service) return;
    const manifest = await pickManifest(ctx, service);
    if (!manifest) return;
    const env = editorEnv(ctx);
    const { current, candidates } = await rollbackChoices(manifest.desired.project, service.service, env);
    if (candidates.length === 0) {
      void vscode.window.showInformationMessage(`No earlier deployed revision of ${service.service} is kept.`);
      return;
    }
    const picked = await vscode.window.showQuickPick(
      candidates.map((r) => ({ label: `Revision ${r.number}`, description: r.images.join(', '), detail: `${new Date(r.time).toLocaleString()}: ${r.result}`, number: r.number })),
      { title: `Roll ${service.service} back to`, placeHolder: current ? `Now: revision ${current.number}` : undefined },
    );
    if (!picked) return;
    if (!vscode.workspace.isTrusted) return void requireTrust('roll services back');
    const result = await rollbackServiceTo(manifest.desired, manifest.loaded?.diagnostics ?? [], service.service, picked.number, env);
    if (result.kind === 'refused')
      throw new FlotillaError(
        'refused',
        result.reason === 'security'
          ? securityRefusalText('roll back', manifest.desired.project)
          : `Service ${service.service} is not in ${vscode.workspace.asRelativePath(manifest.uri)}.`,
      );
    void ctx.refresh.refresh(manifest.desired.project);
    void vscode.window.showInformationMessage(`Rolling ${service.service} back to revision ${picked.number}; it keeps that spec until the manifest changes.`);
  },
};
