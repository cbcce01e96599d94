// The one entry point from manifest text to desired state, shared by the CLI and the editor:
// parse (with positions) -> schema -> semantics -> security -> expand.

import { type Diagnostic, hasErrors, sortDiagnostics, ZERO_RANGE } from '../model/diagnostics';
import { NAME_PATTERN } from '../model/labels';
import type { DesiredState } from '../model/state';
import { expandManifest } from './expand';
import { validateAgainstSchema } from './schema-validate';
import { reparseSource } from './reparse';
import { checkSecurity } from './security';
import { checkSemantics, DiagnosticSink } from './semantic';
import { type ManifestSource, parseSource, rangeAt, toPlainData } from './source';
import type { ManifestDoc } from './types';

export interface LoadOptions {
  /** Absolute folder of the manifest file. */
  manifestDir: string;
  /** Absolute workspace folder (bind mounts outside it are flagged); default manifestDir. */
  workspaceDir?: string;
  /** Project name when the manifest has none, usually the folder name. */
  defaultProject: string;
  /**
   * The source of this manifest before the latest edit (the editor re-validates on every
   * keystroke): only the edited entry is parsed again when possible. It is taken over.
   */
  previous?: ManifestSource;
}

export interface LoadedManifest {
  source: ManifestSource;
  /** Present when the manifest passed the schema. */
  doc?: ManifestDoc;
  /** Present when there is no error (warnings allowed). */
  desired?: DesiredState;
  diagnostics: Diagnostic[];
}

/** Folder names become project names the way docker-compose does it: lower case, safe chars. */
export function projectNameFromFolder(folder: string): string {
  return folder
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 63);
}

/** Larger manifests are refused unread: parsing runs at about 2 MB/s and would stall the editor. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;

export function loadManifest(text: string, options: LoadOptions): LoadedManifest {
  if (text.length > MAX_MANIFEST_BYTES) return tooLarge(text);
  const { source, diagnostics } = options.previous ? reparseSource(options.previous, text) : parseSource(text);
  if (hasErrors(diagnostics)) return { source, diagnostics: sortDiagnostics(diagnostics) };

  const { value, diagnostic } = toPlainData(source);
  if (diagnostic) return { source, diagnostics: [...diagnostics, diagnostic] };

  diagnostics.push(...validateAgainstSchema(source, value));
  if (hasErrors(diagnostics)) return { source, diagnostics: sortDiagnostics(diagnostics) };

  const doc = value as ManifestDoc;
  const sink = new DiagnosticSink(source);
  checkSemantics(doc, sink);
  checkSecurity(doc, sink, options.workspaceDir ?? options.manifestDir, options.manifestDir);
  const project = doc.project ?? projectNameFromFolder(options.defaultProject);
  if (!NAME_PATTERN.test(project)) {
    sink.items.push({
      severity: 'error',
      code: 'project-name',
      path: [],
      range: rangeAt(source, []),
      message: `The folder name "${options.defaultProject}" does not make a valid project name; set "project:" in the manifest`,
    });
  }
  diagnostics.push(...sink.items);
  sortDiagnostics(diagnostics);
  if (hasErrors(diagnostics)) return { source, doc, diagnostics };
  return { source, doc, desired: expandManifest(doc, project, options.manifestDir), diagnostics };
}

function tooLarge(text: string): LoadedManifest {
  const { source } = parseSource('');
  const size = `${(text.length / 1024 / 1024).toFixed(1)} MB`;
  return {
    source: { ...source, text },
    diagnostics: [
      {
        severity: 'error',
        code: 'too-large',
        path: [],
        range: ZERO_RANGE,
        message: `The manifest is ${size}; Flotilla reads manifests of up to 1 MB (about 2,000 services): split the project`,
      },
    ],
  };
}
