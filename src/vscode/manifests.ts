// The workspace's manifests: the one list that commands, the views, the CodeLenses and the
// Problems panel read. Every file matching flotilla.manifestGlob is read from disk and run through
// the core's loader (same parse, schema and checks as the CLI), and read again when a file
// watcher says it changed.
//
// Scans and reads run one at a time, and the list changes only when one has finished: a rescan
// swaps in the new list whole, a read replaces one entry. So the list is never empty or partial
// while a scan or a save is in flight, and a read started before a later one cannot overwrite
// it. Commands await settled(), which also covers the first scan after activation.

import * as vscode from 'vscode';
import type { Diagnostic } from '../core/model/diagnostics';
import type { LoadedManifest } from '../core/manifest/load';
import { decodeManifestBytes } from '../core/manifest/source';
import { loadManifestAt } from './language/manifest-files';
import type { ManifestEntry } from './views/model';

export interface Manifest extends ManifestEntry {
  uri: vscode.Uri;
  loaded?: LoadedManifest;
  /** Every problem of the file as read: the loader's, or why its bytes could not be decoded. */
  problems: readonly Diagnostic[];
}

export class ManifestRegistry implements vscode.Disposable {
  private entries: ReadonlyMap<string, Manifest> = new Map();
  private sorted: readonly Manifest[] = [];
  /** The scans and reads not yet finished, chained so that they run one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Reads queued and not yet started, by path: a burst of watcher events is read once. */
  private readonly queuedReads = new Map<string, Promise<Manifest | undefined>>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly globChanged = new vscode.EventEmitter<void>();
  private watcher: vscode.FileSystemWatcher | undefined;
  readonly onDidChange = this.changed.event;
  /** The glob changed: what counts as a manifest in an editor changed too. */
  readonly onDidChangeGlob = this.globChanged.event;

  constructor(private currentGlob: string) {}

  get glob(): string {
    return this.currentGlob;
  }

  /** The manifests as last read, sorted by path. */
  list(): readonly Manifest[] {
    return this.sorted;
  }

  get(manifestPath: string): Manifest | undefined {
    return this.entries.get(manifestPath);
  }

  byProject(project: string): Manifest | undefined {
    return this.sorted.find((m) => m.desired?.project === project || m.project === project);
  }

  /** The list once every scan and read queued so far (and any they queued) has finished. */
  async settled(): Promise<readonly Manifest[]> {
    let seen: Promise<unknown>;
    do {
      seen = this.queue;
      await seen;
    } while (seen !== this.queue);
    return this.sorted;
  }

  /**
   * Which editor documents are manifests: the glob as it matches any path (the default
   * `**` globs match a manifest opened from outside the workspace too), and relative to each
   * workspace folder, as the scan finds files.
   */
  selector(): vscode.DocumentSelector {
    const folders = vscode.workspace.workspaceFolders ?? [];
    return [{ pattern: this.currentGlob }, ...folders.map((folder) => ({ pattern: new vscode.RelativePattern(folder, this.currentGlob) }))];
  }

  isManifest(document: vscode.TextDocument): boolean {
    return this.entries.has(document.uri.fsPath) || vscode.languages.match(this.selector(), document) > 0;
  }

  /** Finds every manifest and starts watching; called at activation and when the glob changes. */
  scan(glob = this.currentGlob): Promise<void> {
    const globChanged = glob !== this.currentGlob;
    this.currentGlob = glob;
    this.watcher?.dispose();
    this.watcher = vscode.workspace.createFileSystemWatcher(glob);
    this.watcher.onDidCreate((uri) => void this.read(uri));
    this.watcher.onDidChange((uri) => void this.read(uri));
    // Deleted, or replaced (some editors save by delete and create): the read tells which.
    this.watcher.onDidDelete((uri) => void this.read(uri));
    if (globChanged) this.globChanged.fire();
    return this.enqueue(async () => {
      const found = await vscode.workspace.findFiles(glob, '**/node_modules/**');
      const read = await Promise.all(found.map((uri) => this.load(uri)));
      this.replace(new Map(read.filter((m) => m !== undefined).map((m) => [m.path, m])));
    });
  }

  /** Reads (again) one manifest from disk; undefined when it is gone. */
  read(uri: vscode.Uri): Promise<Manifest | undefined> {
    const key = uri.fsPath;
    const queued = this.queuedReads.get(key);
    if (queued) return queued;
    const reading = this.enqueue(async () => {
      this.queuedReads.delete(key);
      const manifest = await this.load(uri);
      const next = new Map(this.entries);
      if (manifest) next.set(key, manifest);
      else next.delete(key);
      this.replace(next);
      return manifest;
    });
    this.queuedReads.set(key, reading);
    return reading;
  }

  dispose(): void {
    this.watcher?.dispose();
    this.changed.dispose();
    this.globChanged.dispose();
  }

  private enqueue<T>(step: () => Promise<T>): Promise<T> {
    const run = this.queue.then(step);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * The manifest as the file is now; undefined when the file is gone. A file that exists but
   * cannot be read at this instant (a save in flight) keeps what was read before: the watcher
   * reports the save's end and that read replaces it.
   */
  private async load(uri: vscode.Uri): Promise<Manifest | undefined> {
    try {
      return parseManifest(uri, await vscode.workspace.fs.readFile(uri));
    } catch {
      const exists = await vscode.workspace.fs.stat(uri).then(
        () => true,
        () => false,
      );
      return exists ? this.entries.get(uri.fsPath) : undefined;
    }
  }

  private replace(next: ReadonlyMap<string, Manifest>): void {
    const before = this.entries;
    this.entries = next;
    this.sorted = [...next.values()].sort((a, b) => a.path.localeCompare(b.path));
    if (before.size !== next.size || [...next].some(([key, manifest]) => before.get(key) !== manifest)) this.changed.fire();
  }
}

export function parseManifest(uri: vscode.Uri, bytes: Uint8Array): Manifest {
  const decoded = decodeManifestBytes(bytes);
  if ('error' in decoded) return { uri, path: uri.fsPath, errorCount: 1, problems: [decoded.error] };
  const loaded = loadManifestAt(uri, decoded.text);
  return {
    uri,
    path: uri.fsPath,
    loaded,
    desired: loaded.desired,
    project: loaded.desired?.project ?? loaded.doc?.project,
    errorCount: loaded.diagnostics.filter((d) => d.severity === 'error').length,
    problems: loaded.diagnostics,
  };
}
