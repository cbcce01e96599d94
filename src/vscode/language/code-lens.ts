// Above each service in a manifest: Up, Restart, Logs, and what runs now (from the views'
// store through LiveServiceState), refreshed when that state changes.

import * as vscode from 'vscode';
import { COMMAND, type FlotillaTarget, type LiveServiceState } from '../contract';
import { manifestSymbols } from '../../core/manifest/language';
import { projectOf } from './manifest-files';
import type { ParsedManifests } from './parsed-cache';
import { toRange } from './providers';

export class ServiceCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly live: LiveServiceState,
    private readonly parsed: ParsedManifests,
  ) {
    this.subscription = live.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const symbols = manifestSymbols(document.getText(), this.parsed.source(document));
    const project = projectOf(document.uri, symbols.find((symbol) => symbol.kind === 'project')?.name);
    const services = symbols.find((symbol) => symbol.kind === 'services')?.children ?? [];
    const manifestPath = document.uri.fsPath;
    return services.flatMap((service) => {
      const range = toRange(service.selectionRange);
      const target: FlotillaTarget = { kind: 'service', manifestPath, project, service: service.name };
      const state = this.live.describe(manifestPath, service.name) ?? 'not running';
      return [
        new vscode.CodeLens(range, { title: 'Up', command: COMMAND.up, arguments: [target], tooltip: `Start or update ${service.name}` }),
        new vscode.CodeLens(range, { title: 'Restart', command: COMMAND.restartService, arguments: [target], tooltip: `Restart the pods of ${service.name}` }),
        new vscode.CodeLens(range, { title: 'Logs', command: COMMAND.showLogs, arguments: [target], tooltip: `Show the logs of ${service.name}` }),
        // A lens without a command is drawn as plain text.
        new vscode.CodeLens(range, { title: state, command: '' }),
      ];
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
