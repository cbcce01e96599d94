// The Events view: the store's bounded event log, newest first.

import * as vscode from 'vscode';
import type { FlotillaStore, StoreEvent } from '../../core/status/store';

const ICON: Record<StoreEvent['severity'], vscode.ThemeIcon> = {
  info: new vscode.ThemeIcon('info'),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
};

export class EventsTreeProvider implements vscode.TreeDataProvider<StoreEvent>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void };

  constructor(private readonly store: FlotillaStore) {
    this.subscription = store.onDidChange((change) => {
      if (change.kinds.has('events')) this.changed.fire();
    });
  }

  getTreeItem(event: StoreEvent): vscode.TreeItem {
    const item = new vscode.TreeItem(event.message, vscode.TreeItemCollapsibleState.None);
    item.id = `event:${event.seq}`;
    const time = new Date(event.time);
    item.description = `${time.toLocaleTimeString()}${event.project ? ` · ${event.project}` : ''}`;
    item.tooltip = `${time.toISOString()} ${event.message}`;
    item.iconPath = ICON[event.severity];
    item.contextValue = `flotilla.event ${event.kind}`;
    return item;
  }

  getChildren(event?: StoreEvent): StoreEvent[] {
    return event ? [] : [...this.store.events()];
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
