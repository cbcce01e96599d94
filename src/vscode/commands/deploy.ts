// Deploy: rolls the manifest out by each service's deploy.strategy through the project's
// supervisor, which runs rollouts: another process's (`flotilla up --watch`) or this window's
// gets the manifest handed over, followed to each service's outcome; with none running, this
// window starts one (src/app/deploy.ts decides).

import * as vscode from 'vscode';
import { deployProject } from '../../app/deploy';
import { FlotillaError } from '../../core/model/errors';
import { COMMAND } from '../contract';
import { editorEnv } from '../editor-env';
import { requireTrust } from '../trust';
import type { FlotillaCommand } from './command';
import { pickManifest } from './pick';
import { securityRefusalText, tellOutcome, withUseCaseProgress } from './progress';

export const deploy: FlotillaCommand = {
  id: COMMAND.deploy,
  async run(ctx, target) {
    if (!requireTrust('deploy services')) return;
    const manifest = await pickManifest(ctx, target);
    if (!manifest) return;
    // Re-checked on the path that starts containers, not only in the command's when clause.
    if (!vscode.workspace.isTrusted) return void requireTrust('deploy services');
    const project = manifest.desired.project;
    const env = editorEnv(ctx);
    const result = await withUseCaseProgress(ctx, project, `Flotilla: deploying ${project}`, (onEvent, signal) =>
      deployProject(manifest.desired, manifest.loaded?.diagnostics ?? [], undefined, env, { follow: true, signal, onEvent }),
    );
    if (result.kind === 'refused') throw new FlotillaError('refused', securityRefusalText('deploy', project));
    if (result.kind === 'handed-over') return tellOutcome(ctx, project, result);
    if (result.kind !== 'supervising') return;
    const owner = result.owner.kind === 'process' ? `process ${result.owner.pid}` : 'this window';
    ctx.channel.appendLine(`Deploy ${project}: handed to the supervisor in ${owner}; changed services roll out by their deploy strategy.`);
    void vscode.window.showInformationMessage(
      `Deploying ${project}: the supervisor in ${owner} rolls changed services out by their deploy strategy (progress in the Flotilla output and the Services view).`,
    );
  },
};
