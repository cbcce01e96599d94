// Targets for commands run from the palette: quick picks over the workspace's manifests and what
// the store shows on the engine. A target given by a tree node or CodeLens is used as is.

import * as vscode from 'vscode';
import { FlotillaError } from '../../core/model/errors';
import type { FlotillaTarget } from '../contract';
import type { Ctx } from '../ctx';
import type { Manifest } from '../manifests';

type Valid = Manifest & { desired: NonNullable<Manifest['desired']> };

async function pickOne<T>(items: (vscode.QuickPickItem & { value: T })[], placeHolder: string): Promise<T | undefined> {
  if (items.length === 1) return items[0]?.value;
  return (await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true }))?.value;
}

/**
 * A manifest without errors; with errors, the command stops with what to fix. Waits for the
 * manifests to settle: a command run while they are scanned (just after activation, or on a
 * settings change) or while a save is read must see the manifest the views show.
 */
export async function pickManifest(ctx: Ctx, target?: FlotillaTarget): Promise<Valid | undefined> {
  const manifests = await ctx.manifests.settled();
  if (manifests.length === 0) throw new FlotillaError('refused', 'No flotilla.yaml in this workspace: create one with "Flotilla: Create flotilla.yaml".');
  const manifest = target
    ? ctx.manifests.get(target.manifestPath)
    : await pickOne(
        manifests.map((m) => ({ label: m.desired?.project ?? m.project ?? m.path, description: vscode.workspace.asRelativePath(m.uri), value: m })),
        'Which project?',
      );
  if (!manifest) {
    if (target) throw new FlotillaError('refused', `${target.manifestPath} is not one of the workspace's manifests (flotilla.manifestGlob): open the folder that holds it.`);
    return undefined;
  }
  if (!manifest.desired) {
    throw new FlotillaError(
      'invalid-manifest',
      `${vscode.workspace.asRelativePath(manifest.uri)} has ${manifest.errorCount} error${manifest.errorCount === 1 ? '' : 's'}: fix them (see the Problems panel) first; nothing was started.`,
    );
  }
  return manifest as Valid;
}

export async function pickService(ctx: Ctx, target?: FlotillaTarget): Promise<FlotillaTarget | undefined> {
  if (target) return { ...target, kind: 'service' };
  const manifest = await pickManifest(ctx);
  if (!manifest) return undefined;
  const project = manifest.desired.project;
  return pickOne(
    manifest.desired.services.map((s) => ({
      label: s.name,
      description: ctx.servicesTree.findNode(`service:${project}/${s.name}`)?.description,
      value: { kind: 'service' as const, manifestPath: manifest.path, project, service: s.name },
    })),
    'Which service?',
  );
}

/** Any level: service, pod or container (Show Logs). */
export async function pickLogTarget(ctx: Ctx, target?: FlotillaTarget): Promise<FlotillaTarget | undefined> {
  if (target) return target;
  const manifest = await pickManifest(ctx);
  if (!manifest) return undefined;
  const project = manifest.desired.project;
  const pods = ctx.store.project(project)?.observed?.pods ?? [];
  const base = { manifestPath: manifest.path, project };
  const items: (vscode.QuickPickItem & { value: FlotillaTarget })[] = [];
  for (const s of manifest.desired.services) {
    items.push({ label: s.name, description: 'service: every replica and sidecar', value: { ...base, kind: 'service', service: s.name } });
    for (const pod of pods.filter((p) => p.service === s.name)) {
      items.push({ label: `${pod.name}`, description: 'pod', value: { ...base, kind: 'pod', service: s.name, pod: pod.name } });
      for (const c of pod.containers)
        items.push({
          label: `${pod.name}/${c.container}`,
          description: `container · ${c.state}`,
          value: { ...base, kind: 'container', service: s.name, pod: pod.name, container: c.container, containerId: c.id },
        });
    }
  }
  return pickOne(items, 'Logs of which service, pod or container?');
}

/** A container that exists on the engine (Open Shell, Inspect). */
export async function pickContainer(ctx: Ctx, target: FlotillaTarget | undefined, runningOnly: boolean): Promise<(FlotillaTarget & { containerId: string }) | undefined> {
  if (target?.kind === 'container' && target.containerId) return target as FlotillaTarget & { containerId: string };
  const candidates: (vscode.QuickPickItem & { value: FlotillaTarget & { containerId: string } })[] = [];
  for (const manifest of await ctx.manifests.settled()) {
    const project = manifest.desired?.project;
    if (!project) continue;
    for (const pod of ctx.store.project(project)?.observed?.pods ?? []) {
      if (target && (pod.service !== target.service || (target.pod && pod.name !== target.pod))) continue;
      for (const c of pod.containers) {
        if (runningOnly && c.state !== 'running') continue;
        candidates.push({
          label: `${pod.name}/${c.container}`,
          description: `${project} · ${c.state} · ${c.image}`,
          value: { kind: 'container', manifestPath: manifest.path, project, service: pod.service, pod: pod.name, container: c.container, containerId: c.id },
        });
      }
    }
  }
  if (candidates.length === 0)
    throw new FlotillaError(
      'refused',
      `No ${runningOnly ? 'running ' : ''}container${target ? ` in ${target.pod ?? target.service}` : ''}: bring the project up with "Flotilla: Up" first.`,
    );
  return pickOne(candidates, 'Which container?');
}
