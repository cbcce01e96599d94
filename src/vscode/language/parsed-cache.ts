// One load per document version: parsing is most of a validation's cost (the yaml package
// reads a 500-service manifest in tens of milliseconds; the schema and semantic checks after it
// take about a millisecond), and diagnostics, the outline and the CodeLenses all need the same
// parse of the same text, so whichever asks first loads fully and the others reuse it.

import type * as vscode from 'vscode';
import type { LoadedManifest } from '../../core/manifest/load';
import type { ManifestSource } from '../../core/manifest/source';
import { loadManifestAt } from './manifest-files';

export class ParsedManifests {
  private readonly entries = new Map<string, { version: number; loaded: LoadedManifest }>();

  /** The full load (schema, semantics, security) of the document as it is now. */
  loaded(document: vscode.TextDocument): LoadedManifest {
    const key = document.uri.toString();
    const entry = this.entries.get(key);
    if (entry?.version === document.version) return entry.loaded;
    const loaded = loadManifestAt(document.uri, document.getText());
    this.entries.set(key, { version: document.version, loaded });
    return loaded;
  }

  /** The parsed text, for the outline and CodeLenses. */
  source(document: vscode.TextDocument): ManifestSource {
    return this.loaded(document).source;
  }

  forget(uri: vscode.Uri): void {
    this.entries.delete(uri.toString());
  }
}
