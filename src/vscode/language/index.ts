// Manifest language features in plain VS Code (no YAML extension needed): problems as you type,
// completion and hover from the schema, the outline, and service CodeLenses. Registered for the
// manifest registry's files (flotilla.manifestGlob), not a language id, since VS Code opens these
// files as `yaml`; registered again when the glob changes.

import * as vscode from 'vscode';
import type { LiveServiceState } from '../contract';
import type { ManifestRegistry } from '../manifests';
import { ServiceCodeLensProvider } from './code-lens';
import { ManifestDiagnostics } from './diagnostics';
import { ParsedManifests } from './parsed-cache';
import { COMPLETION_TRIGGERS, ManifestCompletionProvider, ManifestHoverProvider, ManifestSymbolProvider } from './providers';

export function registerManifestLanguage(context: vscode.ExtensionContext, live: LiveServiceState, manifests: ManifestRegistry): void {
  const parsed = new ParsedManifests();
  const diagnostics = new ManifestDiagnostics(parsed, manifests);
  const codeLenses = new ServiceCodeLensProvider(live, parsed);
  const completion = new ManifestCompletionProvider();
  const hover = new ManifestHoverProvider(live);
  const symbols = new ManifestSymbolProvider(parsed);
  const register = (selector = manifests.selector()): vscode.Disposable[] => [
    vscode.languages.registerCompletionItemProvider(selector, completion, ...COMPLETION_TRIGGERS),
    vscode.languages.registerHoverProvider(selector, hover),
    vscode.languages.registerDocumentSymbolProvider(selector, symbols, { label: 'Flotilla' }),
    vscode.languages.registerCodeLensProvider(selector, codeLenses),
  ];
  let providers = register();
  context.subscriptions.push(
    diagnostics,
    codeLenses,
    manifests.onDidChangeGlob(() => {
      for (const provider of providers) provider.dispose();
      providers = register();
    }),
    { dispose: () => providers.forEach((provider) => provider.dispose()) },
  );
  // After activation returns: the first validation compiles the schema (about 0.1 s).
  const startup = setTimeout(() => diagnostics.validateWorkspace(), 0);
  context.subscriptions.push({ dispose: () => clearTimeout(startup) });
}
