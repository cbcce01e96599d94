// Rollback: pick a kept revision of a service (the revision file the CLI shares) and hand the
// project's supervisor the manifest with that spec; it rolls it out by the service's strategy
// and keeps it until the manifest changes. With no supervisor running, this window starts one.

import * as vscode from 'vscode';
import { currentRevision, historyOf } from '../../core/rollout/revisions';
import { desiredWithRevision } from '../../core/rollout/supervised-rollouts';
import { FileRevisionStore } from '../../host/revision-store';
import { supervisorOwner } from '../../host/supervisor-lock';
import { COMMAND } from '../contract';
import { requireTrust } from '../trust';
import type { FlotillaCommand } from './command';
import { pickManifest, pickService } from './pick';

export const rollback: FlotillaCommand = {
  id: COMMAND.rollback,
  async run(ctx, target) {
    if (!requireTrust('roll services back')) return;
    const service = await pickService(ctx, target);
    if (!service) return;
    const manifest = await pickManifest(ctx, service);
    if (!manifest) return;
    const file = await new FileRevisionStore(manifest.desired.project).read();
    const current = currentRevision(file, service.service);
    const choices = [...historyOf(file, service.service).revisions].reverse().filter((r) => r.result === 'deployed' && r.number !== current?.number);
    if (choices.length === 0) {
      void vscode.window.showInformationMessage(`No earlier deployed revision of ${service.service} is kept.`);
      return;
    }
    const picked = await vscode.window.showQuickPick(
      choices.map((r) => ({ label: `Revision ${r.number}`, description: r.images.join(', '), detail: `${new Date(r.time).toLocaleString()}: ${r.result}`, number: r.number })),
      { title: `Roll ${service.service} back to`, placeHolder: current ? `Now: revision ${current.number}` : undefined },
    );
    if (!picked) return;
    if (!vscode.workspace.isTrusted) return void requireTrust('roll services back');
    const { desired } = desiredWithRevision(ctx.supervisors.effective(manifest.desired), file, service.service, picked.number);
    if (ctx.supervisors.isSupervising(desired.project) || supervisorOwner(desired.project) !== undefined) ctx.supervisors.handOver(desired);
    else ctx.supervisors.start(desired, await ctx.engine());
    void vscode.window.showInformationMessage(`Rolling ${service.service} back to revision ${picked.number}; it keeps that spec until the manifest changes.`);
  },
};
