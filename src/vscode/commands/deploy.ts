// Deploy: rolls the manifest out by each service's deploy.strategy through the project's
// supervisor, which runs rollouts (src/core/rollout/supervised-rollouts.ts): this window's (started if
// none runs) or another process's (`flotilla up --watch`), which gets the manifest handed over.

import * as vscode from 'vscode';
import { FlotillaError } from '../../core/model/errors';
import { refusedBySecurity } from '../../core/manifest/security';
import { supervisorOwner } from '../../host/supervisor-lock';
import { COMMAND } from '../contract';
import { requireTrust } from '../trust';
import type { FlotillaCommand } from './command';
import { pickManifest } from './pick';
import { upSupervised } from './up';

export const deploy: FlotillaCommand = {
  id: COMMAND.deploy,
  async run(ctx, target) {
    if (!requireTrust('deploy services')) return;
    const manifest = await pickManifest(ctx, target);
    if (!manifest) return;
    if (refusedBySecurity(manifest.loaded?.diagnostics ?? []).length > 0) {
      throw new FlotillaError('refused', `Refusing to deploy ${manifest.desired.project}: the manifest hands the host to a container (see the Problems panel); add what you accept to "allow:".`);
    }
    // Re-checked on the path that starts containers, not only in the command's when clause.
    if (!vscode.workspace.isTrusted) return void requireTrust('deploy services');
    const desired = ctx.supervisors.effective(manifest.desired);
    const project = desired.project;
    if (ctx.supervisors.isSupervising(project) || supervisorOwner(project) !== undefined) {
      // As Up does: handed over, followed in a notification, and each service's outcome shown.
      await upSupervised(ctx, desired, `Flotilla: deploying ${project}`);
      return;
    }
    ctx.supervisors.start(desired, await ctx.engine());
    const owner = ctx.supervisors.isSupervising(project) ? 'this window' : `process ${supervisorOwner(project) ?? '?'}`;
    ctx.channel.appendLine(`Deploy ${project}: handed to the supervisor in ${owner}; changed services roll out by their deploy strategy.`);
    void vscode.window.showInformationMessage(`Deploying ${project}: the supervisor in ${owner} rolls changed services out by their deploy strategy (progress in the Flotilla output and the Services view).`);
  },
};
