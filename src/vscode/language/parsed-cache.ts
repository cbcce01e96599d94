// One parse per document version: parsing is most of a validation's cost (the yaml package
// reads a 500-service manifest in tens of milliseconds), and diagnostics, the outline and the
// CodeLenses all need the same parse of the same text.

import type * as vscode from 'vscode';
import type { LoadedManifest } from '../../core/manifest/load';
import { type ManifestSource, parseSource } from '../../core/manifest/source';
import { loadManifestAt } from './manifest-files';

interface Entry {
  version: number;
  source: ManifestSource;
  loaded?: LoadedManifest;
}

export class ParsedManifests {
  private readonly entries = new Map<string, Entry>();

  /** The full load (schema, semantics, security) of the document as it is now. */
  loaded(document: vscode.TextDocument): LoadedManifest {
    const entry = this.current(document);
    if (entry?.loaded) return entry.loaded;
    const loaded = loadManifestAt(document.uri, document.getText());
    this.entries.set(document.uri.toString(), { version: document.version, source: loaded.source, loaded });
    return loaded;
  }

  /** The parsed text only (for the outline and CodeLenses), reusing a full load if there is one. */
  source(document: vscode.TextDocument): ManifestSource {
    const entry = this.current(document);
    if (entry) return entry.source;
    const { source } = parseSource(document.getText());
    this.entries.set(document.uri.toString(), { version: document.version, source });
    return source;
  }

  forget(uri: vscode.Uri): void {
    this.entries.delete(uri.toString());
  }

  private current(document: vscode.TextDocument): Entry | undefined {
    const entry = this.entries.get(document.uri.toString());
    return entry?.version === document.version ? entry : undefined;
  }
}
