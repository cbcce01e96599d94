// In the extension host: the Flotilla extension's test API, the workspace's manifest, the
// Services tree read through its provider, and the engine's view of the project (by label).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { LABEL } from '../../src/core/model/labels';
import type { FlotillaTarget } from '../../src/vscode/contract';
import type { FlotillaExtensionApi } from '../../src/vscode/extension';
import type { ViewNode } from '../../src/vscode/views/model';
import { docker } from '../docker/helpers';

export const EXTENSION_ID = 'flotilla-dev.flotilla';

export async function flotilla(): Promise<FlotillaExtensionApi> {
  const extension = vscode.extensions.getExtension<FlotillaExtensionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded in this extension host`);
  return extension.activate();
}

export interface ShopManifest {
  path: string;
  uri: vscode.Uri;
  project: string;
  /** Replicas per service, as the manifest says. */
  replicas: Record<string, number>;
  /** Containers per service, as the manifest names them. */
  containers: Record<string, string[]>;
  /** Services with a health probe: the tree says "healthy" for them, "running" for the others. */
  probed: Set<string>;
}

/** The workspace's flotilla.yaml (the runner's copy of examples/shop, with a unique project name). */
export function shopManifest(): ShopManifest {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the window has no workspace folder');
  const file = path.join(folder.uri.fsPath, 'flotilla.yaml');
  const manifest = parse(readFileSync(file, 'utf8')) as { project: string; services: Record<string, { replicas?: number; containers: Record<string, unknown>; health?: unknown }> };
  const services = Object.entries(manifest.services);
  return {
    path: file,
    uri: vscode.Uri.file(file),
    project: manifest.project,
    replicas: Object.fromEntries(services.map(([name, spec]) => [name, spec.replicas ?? 1])),
    containers: Object.fromEntries(services.map(([name, spec]) => [name, Object.keys(spec.containers)])),
    probed: new Set(services.filter(([, spec]) => spec.health !== undefined).map(([name]) => name)),
  };
}

export function serviceTarget(manifest: ShopManifest, service: string): FlotillaTarget {
  return { kind: 'service', manifestPath: manifest.path, project: manifest.project, service };
}

/** The tree as the view shows it: each node's TreeItem (label, description) and its path of labels. */
export interface ShownNode {
  /** The node itself: what a tree item passes to the command run on it. */
  node: ViewNode;
  path: string;
  kind: ViewNode['kind'];
  label: string;
  description: string;
}

export function shownTree(api: FlotillaExtensionApi): ShownNode[] {
  const tree = api.testApi.servicesTree;
  const walk = (nodes: ViewNode[], parent: string): ShownNode[] =>
    nodes.flatMap((node) => {
      const item = tree.getTreeItem(node);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      const shown = { node, path: parent ? `${parent}/${label}` : label, kind: node.kind, label, description: typeof item.description === 'string' ? item.description : '' };
      return [shown, ...walk(tree.getChildren(node), shown.path)];
    });
  return walk(tree.getChildren(), '');
}

/** "service/pod/container" of every container node in the tree. */
export function treeContainers(api: FlotillaExtensionApi): string[] {
  return shownTree(api)
    .filter((node) => node.kind === 'container')
    .map((node) => node.path)
    .sort();
}

export interface EngineContainer {
  name: string;
  id: string;
  state: string;
  service: string;
  pod: string;
  container: string;
}

export async function engineContainers(project: string): Promise<EngineContainer[]> {
  const listed = await docker.listContainers({ all: true, filters: JSON.stringify({ label: [`${LABEL.project}=${project}`] }) });
  return listed
    .map((c) => ({
      name: c.Names[0]?.replace(/^\//, '') ?? c.Id,
      id: c.Id,
      state: c.State,
      service: c.Labels[LABEL.service] ?? '',
      pod: c.Labels[LABEL.pod] ?? '',
      container: c.Labels[LABEL.container] ?? '',
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Labelled networks and volumes of the project still on the engine. */
export async function engineNetworksAndVolumes(project: string): Promise<{ networks: string[]; volumes: string[] }> {
  const filters = JSON.stringify({ label: [`${LABEL.project}=${project}`] });
  const networks = await docker.listNetworks({ filters });
  const { Volumes: volumes } = await docker.listVolumes({ filters });
  return { networks: networks.map((n) => n.Name), volumes: (volumes ?? []).map((v) => v.Name) };
}

/** Polls until check returns a value other than undefined; fails saying what never happened and what was last seen. */
export async function eventually<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000, seen?: () => unknown): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms${seen ? `; last seen: ${JSON.stringify(seen())}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The text of a hover's or lens' markdown contents. */
export function markdownText(contents: readonly (vscode.MarkdownString | vscode.MarkedString)[]): string {
  return contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
}

/** Runs a command as the palette, a tree node or a lens would; fails naming it if it has not returned within limitMs. */
export async function runCommand(id: string, args: unknown[] = [], limitMs = 90_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${id} did not return within ${limitMs} ms`)), limitMs)));
  try {
    await Promise.race([vscode.commands.executeCommand(id, ...args), limit]);
  } finally {
    clearTimeout(timer);
  }
}
