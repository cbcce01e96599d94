// Extension entry point. The editor features (views, commands, manifest language features)
// are being built in the editor issue; this entry only reports its activation time so far.

import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const channel = vscode.window.createOutputChannel('Flotilla');
  context.subscriptions.push(channel);
  channel.appendLine(`Flotilla activated in ${(performance.now() - started).toFixed(1)} ms`);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
