// The Services view: a thin TreeDataProvider over the pure view model. Node objects are kept by id
// and updated in place, so a store change fires only the nodes it touched (VS Code knows tree
// elements by identity); structural changes refresh the whole tree.

import * as vscode from 'vscode';
import { indexNodes, type TreeInput, type ViewNode, buildServicesTree } from './model';

export class ServicesTreeProvider implements vscode.TreeDataProvider<ViewNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ViewNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: ViewNode[] = [];
  private index = new Map<string, { node: ViewNode; parentId?: string }>();

  constructor(private readonly input: () => TreeInput) {
    this.rebuild();
  }

  /** Rebuilds the model; fires only the changed nodes when the shape is unchanged. */
  update(): void {
    const before = this.index;
    const fresh = buildServicesTree(this.input());
    const freshIndex = indexNodes(fresh);
    const sameShape = before.size === freshIndex.size && [...freshIndex].every(([id, entry]) => before.get(id)?.parentId === entry.parentId) && sameOrder(this.roots, fresh);
    if (!sameShape) {
      this.roots = fresh;
      this.index = freshIndex;
      this.changed.fire(undefined);
      return;
    }
    const touched: ViewNode[] = [];
    for (const [id, { node }] of freshIndex) {
      const kept = (before.get(id) as { node: ViewNode }).node;
      if (!sameDisplay(kept, node)) touched.push(kept);
      const children = node.children.map((c) => (before.get(c.id) as { node: ViewNode }).node);
      Object.assign(kept, node, { children });
    }
    for (const node of touched) this.changed.fire(node);
  }

  rebuild(): void {
    this.roots = buildServicesTree(this.input());
    this.index = indexNodes(this.roots);
    this.changed.fire(undefined);
  }

  findNode(id: string): ViewNode | undefined {
    return this.index.get(id)?.node;
  }

  allNodes(): ViewNode[] {
    return [...this.index.values()].map((e) => e.node);
  }

  getTreeItem(node: ViewNode): vscode.TreeItem {
    const collapsible =
      node.children.length === 0 ? vscode.TreeItemCollapsibleState.None : node.collapsed ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded;
    const item = new vscode.TreeItem(node.label, collapsible);
    item.id = node.id;
    item.description = node.description;
    item.contextValue = node.contextValue;
    if (node.tooltip) item.tooltip = new vscode.MarkdownString(node.tooltip);
    if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon.id, node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined);
    if (node.command) item.command = { ...node.command, arguments: node.target ? [node.target] : [] };
    return item;
  }

  getChildren(node?: ViewNode): ViewNode[] {
    return node ? node.children : this.roots;
  }

  getParent(node: ViewNode): ViewNode | undefined {
    const parentId = this.index.get(node.id)?.parentId;
    return parentId === undefined ? undefined : this.index.get(parentId)?.node;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function sameOrder(a: readonly ViewNode[], b: readonly ViewNode[]): boolean {
  return a.length === b.length && a.every((node, i) => node.id === b[i]?.id && sameOrder(node.children, b[i]?.children ?? []));
}

function sameDisplay(a: ViewNode, b: ViewNode): boolean {
  return (
    a.label === b.label &&
    a.description === b.description &&
    a.tooltip === b.tooltip &&
    a.contextValue === b.contextValue &&
    a.icon?.id === b.icon?.id &&
    a.icon?.color === b.icon?.color
  );
}
