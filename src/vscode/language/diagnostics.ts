// Problems of every manifest in the Problems panel, from the same checks as `flotilla validate`:
// open documents as the user types (debounced), on open and save; manifests that are not open
// once at startup and whenever they change on disk.

import * as vscode from 'vscode';
import type { Diagnostic, Severity } from '../../core/model/diagnostics';
import { editorRange, lineLengthsOf } from '../../core/manifest/language';
import { decodeManifestBytes } from '../../core/manifest/source';
import { isManifestUri, loadManifestAt, MANIFEST_GLOB } from './manifest-files';
import type { ParsedManifests } from './parsed-cache';

export const DIAGNOSTIC_COLLECTION = 'flotilla';
const TYPING_DEBOUNCE_MS = 250;

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export class ManifestDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_COLLECTION);
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(private readonly parsed: ParsedManifests) {
    const watcher = vscode.workspace.createFileSystemWatcher(MANIFEST_GLOB);
    this.disposables.push(
      watcher,
      vscode.workspace.onDidOpenTextDocument((document) => this.validateDocument(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)),
      vscode.workspace.onDidSaveTextDocument((document) => this.validateDocument(document)),
      vscode.workspace.onDidCloseTextDocument((document) => void this.closed(document.uri)),
      // VS Code closes a document's model some time after its last tab; the tab closing is
      // when the user expects a deleted file's problems to go.
      vscode.window.tabGroups.onDidChangeTabs((event) => {
        for (const tab of event.closed) {
          const uri = tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
          if (uri && isManifestUri(uri) && !this.shownInTab(uri)) void this.closed(uri);
        }
      }),
      watcher.onDidCreate((uri) => void this.validateFile(uri)),
      watcher.onDidChange((uri) => void this.validateFile(uri)),
      // A deleted file still open in an editor keeps its problems until its tab closes.
      watcher.onDidDelete((uri) => (this.openDocument(uri) && this.shownInTab(uri) ? undefined : this.forget(uri))),
    );
  }

  /** Validates open manifests now and every other manifest of the workspace once. */
  async validateWorkspace(): Promise<void> {
    for (const document of vscode.workspace.textDocuments) this.validateDocument(document);
    const files = await vscode.workspace.findFiles(MANIFEST_GLOB, '**/node_modules/**');
    await Promise.all(files.map((uri) => this.validateFile(uri)));
  }

  validateDocument(document: vscode.TextDocument): void {
    if (!isManifestUri(document.uri) || document.uri.scheme === 'git') return;
    this.cancel(document.uri);
    this.publish(document.uri, document.getText(), this.parsed.loaded(document).diagnostics);
  }

  private schedule(document: vscode.TextDocument): void {
    if (!isManifestUri(document.uri)) return;
    this.cancel(document.uri);
    const key = document.uri.toString();
    this.pending.set(key, setTimeout(() => {
      this.pending.delete(key);
      if (!document.isClosed) this.validateDocument(document);
    }, TYPING_DEBOUNCE_MS));
  }

  /** A manifest on disk; an open document wins, since its text is what the user sees. */
  private async validateFile(uri: vscode.Uri, evenIfOpen = false): Promise<void> {
    if (!isManifestUri(uri) || (!evenIfOpen && this.openDocument(uri))) return;
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      this.forget(uri); // gone between the event and the read
      return;
    }
    if (!evenIfOpen && this.openDocument(uri)) return;
    const decoded = decodeManifestBytes(bytes);
    if ('error' in decoded) this.publish(uri, '', [decoded.error]);
    else this.publish(uri, decoded.text, loadManifestAt(uri, decoded.text).diagnostics);
  }

  /** Closing drops unsaved edits: show what is on disk, or nothing when the file is gone. */
  private async closed(uri: vscode.Uri): Promise<void> {
    if (!isManifestUri(uri)) return;
    this.cancel(uri);
    this.parsed.forget(uri);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      this.forget(uri);
      return;
    }
    await this.validateFile(uri, true);
  }

  private shownInTab(uri: vscode.Uri): boolean {
    const key = uri.toString();
    return vscode.window.tabGroups.all.some((group) =>
      group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === key));
  }

  private publish(uri: vscode.Uri, text: string, diagnostics: readonly Diagnostic[]): void {
    const lines = lineLengthsOf(text);
    this.collection.set(uri, diagnostics.map((d) => {
      const { start, end } = editorRange(d, lines);
      const shown = new vscode.Diagnostic(new vscode.Range(start.line, start.character, end.line, end.character), d.message, SEVERITY[d.severity]);
      shown.source = 'flotilla';
      shown.code = d.code;
      return shown;
    }));
  }

  private openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    const key = uri.toString();
    return vscode.workspace.textDocuments.find((document) => document.uri.toString() === key && !document.isClosed);
  }

  private forget(uri: vscode.Uri): void {
    this.cancel(uri);
    this.collection.delete(uri);
  }

  private cancel(uri: vscode.Uri): void {
    const key = uri.toString();
    const timer = this.pending.get(key);
    if (timer) clearTimeout(timer);
    this.pending.delete(key);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
