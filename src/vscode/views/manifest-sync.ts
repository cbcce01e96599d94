// Keeps the manifest editor and the Services view in step: the cursor on a service key (or
// anywhere in its block) selects that service's node; selecting a node selects its key in an open
// manifest editor, without taking focus from the tree. Programmatic changes are not echoed back.

import * as vscode from 'vscode';
import type { Range } from '../../core/model/diagnostics';
import { keyNodeAt, offsetsToRange, rangeAt, valueNodeAt } from '../../core/manifest/source';
import type { Ctx } from '../ctx';
import type { Manifest } from '../manifests';
import type { ViewNode } from './model';

/** The services of a manifest with the range of their block (key to end of value). */
export function serviceBlocks(manifest: Manifest): { service: string; key: Range; block: Range }[] {
  const source = manifest.loaded?.source;
  const services = manifest.loaded?.doc?.services ?? manifest.desired?.services.map((s) => s.name);
  if (!source || !services) return [];
  const names = Array.isArray(services) ? services : Object.keys(services);
  return names.flatMap((service) => {
    const key = keyNodeAt(source, ['services', service])?.range;
    const value = valueNodeAt(source, ['services', service])?.range;
    if (!key) return [];
    return [{ service, key: rangeAt(source, ['services', service], 'key'), block: offsetsToRange(source, key[0], value?.[1] ?? key[1]) }];
  });
}

export function toVsRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export function syncManifestSelection(ctx: Ctx): vscode.Disposable {
  let lastRevealed: string | undefined;
  const fromEditor = vscode.window.onDidChangeTextEditorSelection((event) => {
    if (event.kind === vscode.TextEditorSelectionChangeKind.Command || !ctx.servicesView.visible) return;
    const manifest = ctx.manifests.get(event.textEditor.document.uri.fsPath);
    const project = manifest?.desired?.project;
    if (!manifest || !project) return;
    const cursor = event.selections[0]?.active;
    const hit = cursor && serviceBlocks(manifest).find((b) => toVsRange(b.block).contains(cursor));
    const node = hit && ctx.servicesTree.findNode(`service:${project}/${hit.service}`);
    if (!node || ctx.servicesView.selection[0]?.id === node.id) return;
    lastRevealed = node.id;
    void ctx.servicesView.reveal(node, { select: true, focus: false, expand: false }).then(undefined, () => undefined);
  });
  const fromTree = ctx.servicesView.onDidChangeSelection((event) => {
    const node: ViewNode | undefined = event.selection[0];
    if (!node?.target || node.id === lastRevealed) {
      lastRevealed = undefined;
      return;
    }
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === node.target?.manifestPath);
    const manifest = ctx.manifests.get(node.target.manifestPath);
    const block = manifest && serviceBlocks(manifest).find((b) => b.service === node.target?.service);
    if (!editor || !block) return;
    const range = toVsRange(block.key);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  });
  return vscode.Disposable.from(fromEditor, fromTree);
}
