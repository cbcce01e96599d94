// Completion, hover and outline for manifests: thin conversions of the pure core's answers
// (src/core/manifest/language) to VS Code's types.

import * as vscode from 'vscode';
import type { LiveServiceState } from '../contract';
import type { ParsedManifests } from './parsed-cache';
import { completeAt, hoverAt, manifestSymbols, type ManifestSymbol, type ManifestSymbolKind } from '../../core/manifest/language';

/** Space after "key:", the colon itself, and a new line (a new key at the new indentation). */
export const COMPLETION_TRIGGERS = [' ', ':', '\n'];

export class ManifestCompletionProvider implements vscode.CompletionItemProvider {
  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    return completeAt(document.getText(), document.offsetAt(position)).map((entry) => {
      const kind = entry.kind === 'key' ? vscode.CompletionItemKind.Property : vscode.CompletionItemKind.EnumMember;
      const item = new vscode.CompletionItem(entry.label, kind);
      item.insertText = new vscode.SnippetString(entry.snippet);
      item.range = new vscode.Range(document.positionAt(entry.replaceStart), document.positionAt(entry.replaceEnd));
      item.detail = entry.detail;
      item.documentation = new vscode.MarkdownString(entry.documentation);
      item.sortText = entry.sortText;
      item.filterText = entry.label;
      return item;
    });
  }
}

export class ManifestHoverProvider implements vscode.HoverProvider {
  constructor(private readonly live: LiveServiceState) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const info = hoverAt(document.getText(), document.offsetAt(position));
    if (!info) return undefined;
    const markdown = new vscode.MarkdownString(info.markdown);
    const [section, service] = info.path;
    if (info.path.length === 2 && section === 'services' && typeof service === 'string') {
      const state = this.live.describe(document.uri.fsPath, service);
      markdown.appendMarkdown(`\n\nNow: ${state ?? 'not running'}`);
    }
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(info.start), document.positionAt(info.end)));
  }
}

const SYMBOL_KIND: Record<ManifestSymbolKind, vscode.SymbolKind> = {
  project: vscode.SymbolKind.Package,
  services: vscode.SymbolKind.Namespace,
  service: vscode.SymbolKind.Class,
  container: vscode.SymbolKind.Object,
  volumes: vscode.SymbolKind.Namespace,
  volume: vscode.SymbolKind.File,
  nodes: vscode.SymbolKind.Namespace,
  node: vscode.SymbolKind.Module,
};

export class ManifestSymbolProvider implements vscode.DocumentSymbolProvider {
  constructor(private readonly parsed: ParsedManifests) {}

  provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] {
    return manifestSymbols(document.getText(), this.parsed.source(document)).map(toDocumentSymbol);
  }
}

function toDocumentSymbol(symbol: ManifestSymbol): vscode.DocumentSymbol {
  const shown = new vscode.DocumentSymbol(symbol.name, symbol.detail, SYMBOL_KIND[symbol.kind], toRange(symbol.range), toRange(symbol.selectionRange));
  shown.children = symbol.children.map(toDocumentSymbol);
  return shown;
}

export function toRange(range: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}
