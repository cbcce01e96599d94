// Scale Service: a replica count for now. It is applied at once and kept by this window's
// supervisor until the manifest's count for the service changes (then the manifest wins again).

import * as vscode from 'vscode';
import { FlotillaError } from '../../core/errors';
import { COMMAND } from '../contract';
import { requireTrust } from '../trust';
import type { FlotillaCommand } from './command';
import { pickManifest, pickService } from './pick';
import { withReplicas } from '../supervision';
import { applyWithProgress } from './up';

export const MAX_REPLICAS = 50;

/** Undefined when valid, else what is wrong (shown under the input box). */
export function validateReplicas(text: string, max = MAX_REPLICAS): string | undefined {
  const value = text.trim();
  if (!/^[0-9]+$/.test(value)) return `A whole number from 0 to ${max}.`;
  return Number(value) > max ? `At most ${max} replicas.` : undefined;
}

export const scaleService: FlotillaCommand = {
  id: COMMAND.scaleService,
  // given: the count as executeCommand's second argument (a keybinding, a test), instead of asking.
  async run(ctx, target, given?: unknown) {
    if (!requireTrust('scale services')) return;
    const service = await pickService(ctx, target);
    if (!service) return;
    const manifest = await pickManifest(ctx, service);
    if (!manifest) return;
    // Scaled from what runs: an edit saved but not applied with Up is not rolled out by a scale.
    const base = ctx.supervisors.applied(manifest.desired);
    const spec = base.services.find((s) => s.name === service.service);
    if (!spec) throw new FlotillaError('refused', `Service ${service.service} is not in ${vscode.workspace.asRelativePath(manifest.uri)}.`);
    const max = Math.max(spec.autoscale?.max ?? MAX_REPLICAS, MAX_REPLICAS);
    const answer = given !== undefined ? String(given) : await vscode.window.showInputBox({
      title: `Scale ${spec.name}`,
      prompt: `Replicas of ${spec.name} (now ${spec.replicas}). Kept while this window supervises, until the manifest's count changes.`,
      value: String(spec.replicas),
      validateInput: (text) => validateReplicas(text, max),
    });
    if (answer === undefined) return;
    if (validateReplicas(answer, max)) throw new FlotillaError('refused', validateReplicas(answer, max) as string);
    if (!vscode.workspace.isTrusted) return void requireTrust('scale services');
    const replicas = Number(answer.trim());
    const manifestCount = manifest.desired.services.find((s) => s.name === spec.name)?.replicas ?? spec.replicas;
    ctx.supervisors.setReplicas(manifest.desired.project, spec.name, replicas, manifestCount);
    await applyWithProgress(ctx, withReplicas(base, spec.name, replicas), `Flotilla: scaling ${spec.name} to ${replicas}`);
    const supervision = ctx.store.project(manifest.desired.project)?.supervision;
    const note = supervision?.mode === 'other'
      ? ` Process ${supervision.ownerPid} supervises this project with the manifest's count (${manifestCount}) and may scale it back.`
      : ` The manifest still says ${manifestCount}: this window keeps ${replicas} until that count changes.`;
    void vscode.window.showInformationMessage(`Scaled ${spec.name} to ${replicas} replica${replicas === 1 ? '' : 's'}.${note}`);
  },
};
