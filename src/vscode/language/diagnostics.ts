// Problems of every manifest in the Problems panel, from the same checks as `flotilla validate`:
// open documents as the user types (debounced), on open and save; manifests that are not open
// as the manifest registry read them from disk (the list the views and commands use).

import * as vscode from 'vscode';
import type { Diagnostic, Severity } from '../../core/model/diagnostics';
import { editorRange, lineLengthsOf } from '../../core/manifest/language';
import { decodeManifestBytes } from '../../core/manifest/source';
import { systemClock, type Clock } from '../../core/ports/clock';
import { after } from '../clock-timers';
import type { Manifest, ManifestRegistry } from '../manifests';
import { loadManifestAt } from './manifest-files';
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
  /** Per document: cancels its scheduled validation. */
  private readonly pending = new Map<string, () => void>();
  /** The registry's manifests at its last change, by URI string. */
  private listed = new Map<string, vscode.Uri>();
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(
    private readonly parsed: ParsedManifests,
    private readonly manifests: ManifestRegistry,
    private readonly clock: Clock = systemClock,
  ) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.validateDocument(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)),
      vscode.workspace.onDidSaveTextDocument((document) => this.validateDocument(document)),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (this.manifests.isManifest(document) || this.collection.has(document.uri)) void this.closed(document.uri);
      }),
      // VS Code closes a document's model some time after its last tab; the tab closing is
      // when the user expects a deleted file's problems to go.
      vscode.window.tabGroups.onDidChangeTabs((event) => {
        for (const tab of event.closed) {
          const uri = tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
          if (uri && this.isManifestUri(uri) && !this.shownInTab(uri)) void this.closed(uri);
        }
      }),
      manifests.onDidChange(() => this.showRegistry()),
      manifests.onDidChangeGlob(() => this.validateOpenDocuments()),
    );
  }

  /** Validates open manifests now and shows what the registry has read of the others. */
  validateWorkspace(): void {
    this.validateOpenDocuments();
    this.showRegistry();
  }

  validateDocument(document: vscode.TextDocument): void {
    if (!this.manifests.isManifest(document) || document.uri.scheme === 'git') return;
    this.cancel(document.uri);
    this.publish(document.uri, document.getText(), this.parsed.loaded(document).diagnostics);
  }

  private validateOpenDocuments(): void {
    for (const document of vscode.workspace.textDocuments) {
      if (this.manifests.isManifest(document)) this.validateDocument(document);
      else if (this.collection.has(document.uri)) this.forget(document.uri);
    }
  }

  private schedule(document: vscode.TextDocument): void {
    if (!this.manifests.isManifest(document)) return;
    this.cancel(document.uri);
    const key = document.uri.toString();
    this.pending.set(
      key,
      after(this.clock, TYPING_DEBOUNCE_MS, () => {
        this.pending.delete(key);
        if (!document.isClosed) this.validateDocument(document);
      }),
    );
  }

  /**
   * Manifests not open in an editor show the problems of the text the registry read; one that
   * left the registry (deleted) loses its problems, unless a tab still shows it.
   */
  private showRegistry(): void {
    const listed = new Map<string, vscode.Uri>();
    for (const manifest of this.manifests.list()) {
      listed.set(manifest.uri.toString(), manifest.uri);
      if (!this.openDocument(manifest.uri)) this.publishRead(manifest);
    }
    for (const [key, uri] of this.listed) {
      if (listed.has(key)) continue;
      const document = this.openDocument(uri);
      if (!(document && this.manifests.isManifest(document) && this.shownInTab(uri))) this.forget(uri);
    }
    this.listed = listed;
  }

  private publishRead(manifest: Manifest): void {
    this.publish(manifest.uri, manifest.loaded?.source.text ?? '', manifest.problems);
  }

  /** Closing drops unsaved edits: show what is on disk, or nothing when the file is gone. */
  private async closed(uri: vscode.Uri): Promise<void> {
    this.cancel(uri);
    this.parsed.forget(uri);
    const manifest = (await this.manifests.settled()).find((m) => m.path === uri.fsPath);
    if (manifest) {
      if (!this.openDocument(uri)) this.publishRead(manifest);
      return;
    }
    // Not one of the workspace's manifests (opened from elsewhere): read it here.
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch {
      this.forget(uri);
      return;
    }
    const decoded = decodeManifestBytes(bytes);
    if ('error' in decoded) this.publish(uri, '', [decoded.error]);
    else this.publish(uri, decoded.text, loadManifestAt(uri, decoded.text).diagnostics);
  }

  /** A URI that has no open document any more: a manifest if the registry or the panel knows it. */
  private isManifestUri(uri: vscode.Uri): boolean {
    const document = this.openDocument(uri);
    return document ? this.manifests.isManifest(document) : this.manifests.get(uri.fsPath) !== undefined || this.collection.has(uri);
  }

  private shownInTab(uri: vscode.Uri): boolean {
    const key = uri.toString();
    return vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === key));
  }

  private publish(uri: vscode.Uri, text: string, diagnostics: readonly Diagnostic[]): void {
    const lines = lineLengthsOf(text);
    this.collection.set(
      uri,
      diagnostics.map((d) => {
        const { start, end } = editorRange(d, lines);
        const shown = new vscode.Diagnostic(new vscode.Range(start.line, start.character, end.line, end.character), d.message, SEVERITY[d.severity]);
        shown.source = 'flotilla';
        shown.code = d.code;
        return shown;
      }),
    );
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
    this.pending.get(key)?.();
    this.pending.delete(key);
  }

  dispose(): void {
    for (const cancel of this.pending.values()) cancel();
    this.pending.clear();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
