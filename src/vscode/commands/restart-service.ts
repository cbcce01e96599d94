// Restart Service: a rolling restart through the rollout machine (src/app/restart.ts): new pods
// replace the old ones by the service's deploy strategy, each old pod drained first, so the
// service port keeps serving. The supervisor runs it when one runs (here or in another process),
// else this window does, serving the port meanwhile.

import * as vscode from 'vscode';
import { restartServiceOf } from '../../app/restart';
import type { DeployOutcome } from '../../core/rollout/deploy';
import { FlotillaError } from '../../core/model/errors';
import { COMMAND } from '../contract';
import { editorEnv } from '../editor-env';
import { requireTrust } from '../trust';
import type { FlotillaCommand } from './command';
import { pickManifest, pickService } from './pick';
import { securityRefusalText, withUseCaseProgress } from './progress';

export const restartService: FlotillaCommand = {
  id: COMMAND.restartService,
  async run(ctx, target) {
    if (!requireTrust('restart services')) return;
    const service = await pickService(ctx, target);
    if (!service) return;
    const manifest = await pickManifest(ctx, service);
    if (!manifest) return;
    if (!vscode.workspace.isTrusted) throw new FlotillaError('refused', 'Flotilla starts nothing in an untrusted workspace.');
    const name = service.service;
    const project = manifest.desired.project;
    const result = await withUseCaseProgress(ctx, project, `Flotilla: restarting ${name}`, (onEvent, signal) =>
      restartServiceOf(manifest.desired, manifest.loaded?.diagnostics ?? [], name, editorEnv(ctx), { signal, onEvent }),
    );
    switch (result.kind) {
      case 'refused':
        if (result.reason === 'security') throw new FlotillaError('refused', securityRefusalText('restart', project));
        if (result.reason === 'unknown-service') throw new FlotillaError('refused', `Service ${name} is not in ${vscode.workspace.asRelativePath(manifest.uri)}.`);
        if (result.reason === 'not-applied')
          throw new FlotillaError(
            'refused',
            `${result.services.join(', ')} run${result.services.length === 1 ? 's' : ''} another spec than the manifest says: Up or Deploy first; a restart replaces pods, it does not deploy.`,
          );
        if (result.reason === 'no-pods') throw new FlotillaError('refused', `${name} has no pods to restart: run "Flotilla: Up" first.`);
        throw new FlotillaError('refused', `A rollout of ${name} (revision ${result.revision}) is under way: restart it once that has finished.`);
      case 'restarted':
        return tell(ctx, project, name, result.pods, result.outcomes[0]);
      case 'restarted-by-supervisor':
        return tell(ctx, project, name, result.pods, result.outcome);
    }
  },
};

function tell(ctx: { channel: { appendLine(line: string): void } }, project: string, service: string, pods: number, outcome: DeployOutcome | undefined): void {
  if (outcome?.result === 'deployed') {
    ctx.channel.appendLine(`${project}/${service}: restarted (revision ${outcome.revision})`);
    vscode.window.setStatusBarMessage(`Flotilla: restarted ${pods} pod(s) of ${service}`, 5000);
    return;
  }
  const what = outcome ? `the restart ended: ${outcome.result}` : 'the supervisor has not finished the restart (see the Services view)';
  ctx.channel.appendLine(`${project}/${service}: ${what}`);
  void vscode.window.showWarningMessage(`${service}: ${what}.`);
}
