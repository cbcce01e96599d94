// "Flotilla 3/3 healthy" in the status bar, with a warning background when anything is unhealthy
// or restarting; a click focuses the Services view.

import * as vscode from 'vscode';
import { VIEW } from '../contract';
import { summarize, type TreeInput, buildServicesTree, type ViewNode } from './model';

export class FlotillaStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('flotilla.status', vscode.StatusBarAlignment.Left, 10);

  constructor(private readonly input: () => TreeInput) {
    this.item.name = 'Flotilla';
    this.item.command = `${VIEW.services}.focus`;
    this.update();
  }

  update(): void {
    const input = this.input();
    if (input.manifests.length === 0) {
      this.item.hide();
      return;
    }
    if (input.engine.state === 'unreachable') {
      this.item.text = '$(debug-disconnect) Flotilla: engine unreachable';
      this.item.tooltip = input.engine.message;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      this.item.show();
      return;
    }
    const services = servicesOf(buildServicesTree(input));
    const { text, state } = summarize(services);
    this.item.text = `$(server-process) Flotilla ${text}`;
    this.item.tooltip = `${text} across ${services.length} service${services.length === 1 ? '' : 's'}; click to show the Services view`;
    this.item.backgroundColor = state === 'unhealthy' || state === 'restarting' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}

function servicesOf(roots: readonly ViewNode[]): ViewNode[] {
  return roots.flatMap((node) => (node.kind === 'service' ? [node] : node.kind === 'project' ? node.children.filter((c) => c.kind === 'service') : []));
}
