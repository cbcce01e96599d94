// Restart Service: replace the service's pods one at a time, each removed and created again by
// core `up` (which waits until it runs), so the other replicas keep serving meanwhile.

import * as vscode from 'vscode';
import { FlotillaError } from '../../core/model/errors';
import { supervisorOwner } from '../../host/supervisor-lock';
import { COMMAND } from '../contract';
import { requireTrust } from '../trust';
import type { FlotillaCommand } from './command';
import { pickManifest, pickService } from './pick';
import { applyWithProgress } from './up';

export const restartService: FlotillaCommand = {
  id: COMMAND.restartService,
  async run(ctx, target) {
    if (!requireTrust('restart services')) return;
    const service = await pickService(ctx, target);
    if (!service) return;
    const manifest = await pickManifest(ctx, service);
    if (!manifest) return;
    // What runs, not an edit saved since: a restart replaces pods, it does not deploy.
    const desired = ctx.supervisors.applied(manifest.desired);
    const spec = desired.services.find((s) => s.name === service.service);
    if (!spec) throw new FlotillaError('refused', `Service ${service.service} is not in ${vscode.workspace.asRelativePath(manifest.uri)}.`);
    const engine = await ctx.engine();
    const pods = (await engine.listProject(desired.project)).pods.filter((p) => p.service === spec.name);
    if (pods.length === 0) throw new FlotillaError('refused', `${spec.name} has no pods to restart: run "Flotilla: Up" first.`);
    const wasSupervising = ctx.supervisors.isSupervising(desired.project);
    // Paused, not stopped: the service port keeps serving the other pods during the restart.
    await ctx.supervisors.stop(desired.project, { keepPorts: wasSupervising });
    const owner = supervisorOwner(desired.project);
    if (owner !== undefined && owner !== process.pid) {
      if (wasSupervising) ctx.supervisors.start(desired, engine);
      throw new FlotillaError('refused', `Project ${desired.project} is supervised by process ${owner} (flotilla up --watch or another window), which replaces pods itself: restart from there, or stop it first; nothing was restarted.`);
    }
    try {
      for (const [i, pod] of pods.entries()) {
        if (!vscode.workspace.isTrusted) throw new FlotillaError('refused', 'Flotilla starts nothing in an untrusted workspace.');
        await engine.removePod(pod.containers.map((c) => c.id), spec.stopGraceMs);
        await applyWithProgress(ctx, desired, `Flotilla: restarting ${spec.name}: ${pod.name} (${i + 1}/${pods.length})`);
      }
    } finally {
      if (wasSupervising) ctx.supervisors.start(desired, engine);
    }
    vscode.window.setStatusBarMessage(`Flotilla: restarted ${pods.length} pod(s) of ${spec.name}`, 5000);
  },
};
