// Reveal in Manifest: opens the manifest and selects the service's key.

import * as vscode from 'vscode';
import { FlotillaError } from '../../core/model/errors';
import { COMMAND } from '../contract';
import { serviceBlocks, toVsRange } from '../views/manifest-sync';
import type { FlotillaCommand } from './command';
import { pickService } from './pick';

export const revealInManifest: FlotillaCommand = {
  id: COMMAND.revealInManifest,
  async run(ctx, target) {
    const service = await pickService(ctx, target);
    if (!service) return;
    const manifest = ctx.manifests.get(service.manifestPath);
    const block = manifest && serviceBlocks(manifest).find((b) => b.service === service.service);
    if (!manifest || !block) throw new FlotillaError('refused', `Service ${service.service} is not in ${service.manifestPath} any more.`);
    const range = toVsRange(block.key);
    await vscode.window.showTextDocument(manifest.uri, { selection: range });
  },
};
