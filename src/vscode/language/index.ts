// Manifest language features in plain VS Code (no YAML extension needed): problems as you type,
// completion and hover from the schema, the outline, and service CodeLenses. Registered for the
// file pattern, not a language id, since VS Code opens these files as `yaml`.

import * as vscode from 'vscode';
import type { LiveServiceState } from '../contract';
import { ServiceCodeLensProvider } from './code-lens';
import { ManifestDiagnostics } from './diagnostics';
import { MANIFEST_SELECTOR } from './manifest-files';
import { ParsedManifests } from './parsed-cache';
import { COMPLETION_TRIGGERS, ManifestCompletionProvider, ManifestHoverProvider, ManifestSymbolProvider } from './providers';

export function registerManifestLanguage(context: vscode.ExtensionContext, live: LiveServiceState): void {
  const parsed = new ParsedManifests();
  const diagnostics = new ManifestDiagnostics(parsed);
  const codeLenses = new ServiceCodeLensProvider(live, parsed);
  context.subscriptions.push(
    diagnostics,
    codeLenses,
    vscode.languages.registerCompletionItemProvider(MANIFEST_SELECTOR, new ManifestCompletionProvider(), ...COMPLETION_TRIGGERS),
    vscode.languages.registerHoverProvider(MANIFEST_SELECTOR, new ManifestHoverProvider(live)),
    vscode.languages.registerDocumentSymbolProvider(MANIFEST_SELECTOR, new ManifestSymbolProvider(parsed), { label: 'Flotilla' }),
    vscode.languages.registerCodeLensProvider(MANIFEST_SELECTOR, codeLenses),
  );
  // After activation returns: the first validation compiles the schema (about 0.1 s).
  const startup = setTimeout(() => void diagnostics.validateWorkspace(), 0);
  context.subscriptions.push({ dispose: () => clearTimeout(startup) });
}
