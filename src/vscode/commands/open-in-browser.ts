// Open in Browser: an exposed service in the user's browser, at its service port while a
// supervisor serves it (this window or `flotilla up --watch`), else at one running replica's own
// published port, saying why (src/app/service-link.ts decides).

import * as vscode from 'vscode';
import { serviceLink } from '../../app/service-link';
import { FlotillaError } from '../../core/model/errors';
import { COMMAND } from '../contract';
import type { FlotillaCommand } from './command';
import { pickManifest, pickService } from './pick';

export const openInBrowser: FlotillaCommand = {
  id: COMMAND.openInBrowser,
  async run(ctx, target) {
    const picked = await pickService(ctx, target);
    if (!picked) return;
    const manifest = await pickManifest(ctx, picked);
    if (!manifest) return;
    const project = manifest.desired.project;
    // What a supervisor serves is what it keeps, which may differ from a saved, unapplied edit.
    const desired = ctx.supervisors.kept(project) ?? manifest.desired;
    const service = desired.services.find((s) => s.name === picked.service);
    if (!service) throw new FlotillaError('refused', `Service ${picked.service} is not in ${vscode.workspace.asRelativePath(manifest.uri)}.`);
    const snapshot = ctx.store.project(project);
    const link = serviceLink(service, snapshot?.observed?.pods ?? [], (snapshot?.supervision.mode ?? 'none') !== 'none');
    if ('refused' in link) throw new FlotillaError('refused', link.refused);
    if (link.via === 'pod') vscode.window.setStatusBarMessage(`Flotilla: opening ${link.pod} directly (${link.why})`, 8000);
    await vscode.env.openExternal(vscode.Uri.parse(link.url));
  },
};
