// Manifest discovery: every file matching flotilla.manifestGlob in the workspace, read from disk
// and run through the core's loader (same parse, schema and checks as the CLI), re-read when a
// file watcher says it changed. Each entry carries its project and DesiredState when valid.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadManifest, type LoadedManifest } from '../core/manifest/load';
import { decodeManifestBytes } from '../core/manifest/source';
import type { ManifestEntry } from './views/model';

export interface Manifest extends ManifestEntry {
  uri: vscode.Uri;
  loaded?: LoadedManifest;
}

export class ManifestRegistry implements vscode.Disposable {
  private readonly entries = new Map<string, Manifest>();
  private readonly changed = new vscode.EventEmitter<void>();
  private watcher: vscode.FileSystemWatcher | undefined;
  readonly onDidChange = this.changed.event;

  constructor(private glob: string) {}

  list(): Manifest[] {
    return [...this.entries.values()].sort((a, b) => a.path.localeCompare(b.path));
  }

  get(manifestPath: string): Manifest | undefined {
    return this.entries.get(manifestPath);
  }

  byProject(project: string): Manifest | undefined {
    return this.list().find((m) => m.desired?.project === project || m.project === project);
  }

  /** Finds every manifest and starts watching; called at activation and when the glob changes. */
  async scan(glob = this.glob): Promise<void> {
    this.glob = glob;
    this.watcher?.dispose();
    this.watcher = vscode.workspace.createFileSystemWatcher(glob);
    this.watcher.onDidCreate((uri) => void this.read(uri));
    this.watcher.onDidChange((uri) => void this.read(uri));
    this.watcher.onDidDelete((uri) => {
      if (this.entries.delete(uri.fsPath)) this.changed.fire();
    });
    const found = await vscode.workspace.findFiles(glob, '**/node_modules/**');
    this.entries.clear();
    await Promise.all(found.map((uri) => this.read(uri, false)));
    this.changed.fire();
  }

  /** Reads (again) one manifest from disk. */
  async read(uri: vscode.Uri, announce = true): Promise<Manifest | undefined> {
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      if (this.entries.delete(uri.fsPath) && announce) this.changed.fire();
      return undefined;
    }
    const manifest = parseManifest(uri, bytes);
    this.entries.set(uri.fsPath, manifest);
    if (announce) this.changed.fire();
    return manifest;
  }

  dispose(): void {
    this.watcher?.dispose();
    this.changed.dispose();
  }
}

export function parseManifest(uri: vscode.Uri, bytes: Uint8Array): Manifest {
  const manifestDir = path.dirname(uri.fsPath);
  const decoded = decodeManifestBytes(bytes);
  if ('error' in decoded) return { uri, path: uri.fsPath, errorCount: 1 };
  const workspaceDir = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
  const loaded = loadManifest(decoded.text, { manifestDir, workspaceDir, defaultProject: path.basename(manifestDir) });
  return {
    uri,
    path: uri.fsPath,
    loaded,
    desired: loaded.desired,
    project: loaded.desired?.project ?? loaded.doc?.project,
    errorCount: loaded.diagnostics.filter((d) => d.severity === 'error').length,
  };
}
