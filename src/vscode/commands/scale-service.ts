// Scale Service: a replica count for now, from what runs. It is applied at once and held until
// the manifest's count for the service changes (then the manifest wins again); a running
// supervisor, here or in another process, gets it handed over (src/app/scale.ts decides).

import * as vscode from 'vscode';
import { checkReplicas, maxReplicas, MAX_REPLICAS } from '../../app/replicas';
import { scaleBase, scaleServiceTo } from '../../app/scale';
import { FlotillaError } from '../../core/model/errors';
import { COMMAND } from '../contract';
import { editorEnv } from '../editor-env';
import { requireTrust } from '../trust';
import type { FlotillaCommand } from './command';
import { pickManifest, pickService } from './pick';
import { securityRefusalText, tellOutcome, withUseCaseProgress } from './progress';

export { MAX_REPLICAS };

/** Undefined when valid, else what is wrong (shown under the input box). */
export function validateReplicas(text: string, max = MAX_REPLICAS): string | undefined {
  const problem = checkReplicas(text, max);
  if (!problem) return undefined;
  return problem.problem === 'too-many' ? `At most ${max} replicas.` : `A whole number from 0 to ${max}.`;
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
    const env = editorEnv(ctx);
    const spec = scaleBase(manifest.desired, service.service, env);
    if (!spec) throw new FlotillaError('refused', `Service ${service.service} is not in ${vscode.workspace.asRelativePath(manifest.uri)}.`);
    const max = maxReplicas(spec);
    const answer =
      given !== undefined
        ? String(given)
        : await vscode.window.showInputBox({
            title: `Scale ${spec.name}`,
            prompt: `Replicas of ${spec.name} (now ${spec.replicas}). Kept while this window supervises, until the manifest's count changes.`,
            value: String(spec.replicas),
            validateInput: (text) => validateReplicas(text, max),
          });
    if (answer === undefined) return;
    if (validateReplicas(answer, max)) throw new FlotillaError('refused', validateReplicas(answer, max) as string);
    if (!vscode.workspace.isTrusted) return void requireTrust('scale services');
    const project = manifest.desired.project;
    const result = await withUseCaseProgress(ctx, project, `Flotilla: scaling ${spec.name} to ${answer.trim()}`, (onEvent, signal) =>
      scaleServiceTo(manifest.desired, manifest.loaded?.diagnostics ?? [], spec.name, answer, env, { follow: true, signal, onEvent }),
    );
    if (result.kind === 'refused')
      throw new FlotillaError('refused', result.reason === 'security' ? securityRefusalText('scale', project) : `Service ${spec.name} cannot be scaled to ${answer.trim()}.`);
    if (result.kind === 'handed-over') tellOutcome(ctx, project, result);
    else ctx.store.setObserved(result.observed);
    const note =
      result.kind === 'handed-over' && result.owner.kind === 'process'
        ? ` Process ${result.owner.pid} supervises this project and keeps ${result.replicas} until it is given another manifest.`
        : ` The manifest still says ${result.manifestReplicas}: this window keeps ${result.replicas} until that count changes.`;
    void vscode.window.showInformationMessage(`Scaled ${spec.name} to ${result.replicas} replica${result.replicas === 1 ? '' : 's'}.${note}`);
  },
};
