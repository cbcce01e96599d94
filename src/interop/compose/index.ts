// `flotilla import compose`, the pure part: compose text (plus the environment, the .env text
// and a reader for env_files) in; a commented flotilla.yaml, located errors and notes out.
// Nothing here touches the file system: the command reads and writes.

import * as path from 'node:path';
import { type Diagnostic, hasErrors, sortDiagnostics } from '../../core/model/diagnostics';
import { parseSource, rangeAt, toPlainData, type ManifestSource, type PathSegment } from '../../core/manifest/source';
import { type Variables, parseDotEnv, substitute } from './interpolate';
import type { ImportNote } from './notes';
import { renderManifest } from './render';
import { checkReferences } from './references';
import { translateCompose } from './translate';

/** The subset of an ajv error the import reads. */
export interface SchemaProblem {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

export interface ComposeImportInput {
  text: string;
  /** Absolute path of the compose file (relative paths in it are relative to its folder). */
  composeFile: string;
  /** Absolute path the manifest will be written to (host paths are written relative to it). */
  manifestFile: string;
  environment: Variables;
  /** Text of the .env file beside the compose file, if any. */
  dotEnv?: string;
  readFile: (file: string) => string | undefined;
  /** The compose-spec schema check (ajv errors); empty when the document is valid. */
  checkSchema: (value: unknown) => SchemaProblem[];
}

export interface ComposeImportResult {
  /** The manifest text; absent when the compose file has errors. */
  manifest?: string;
  diagnostics: Diagnostic[];
  notes: ImportNote[];
}

const SUPPORTED_VERSION = /^[23](\.[0-9]+)?$/;

export function importCompose(input: ComposeImportInput): ComposeImportResult {
  const parsed = parseSource(input.text);
  const { source } = parsed;
  if (hasErrors(parsed.diagnostics)) return { diagnostics: parsed.diagnostics.map((d) => ({ ...d, code: `compose/${d.code}` })), notes: [] };
  const plain = toPlainData(source);
  if (plain.diagnostic) return { diagnostics: [plain.diagnostic], notes: [] };
  const diagnostics: Diagnostic[] = [];
  const at = (severity: Diagnostic['severity'], code: string, where: PathSegment[], message: string, prefer: 'key' | 'value' = 'value') =>
    diagnostics.push({ severity, code: `compose/${code}`, path: where, range: rangeAt(source, where, prefer), message });
  if (!isDict(plain.value) || !isDict(plain.value.services)) {
    at('error', 'no-services', [], 'This is not a compose file: it needs a top-level "services:" map');
    return { diagnostics, notes: [] };
  }

  const variables: Variables = { ...parseDotEnv(input.dotEnv ?? '', input.environment), ...input.environment };
  const compose = interpolate(plain.value, variables, [], at) as Record<string, unknown>;
  const version = compose.version;
  if (version !== undefined && !SUPPORTED_VERSION.test(String(version))) {
    at('error', 'version', ['version'], `Compose file version "${String(version)}" is not supported: Flotilla imports the compose spec (versions 2.x and 3.x, or none)`);
  }
  if (typeof version === 'number') compose.version = String(version);
  if (!hasErrors(diagnostics)) {
    for (const problem of input.checkSchema(compose)) schemaDiagnostic(source, problem, diagnostics);
  }
  if (!hasErrors(diagnostics)) checkReferences(compose, at);
  if (hasErrors(diagnostics)) return { diagnostics: sortDiagnostics(diagnostics), notes: [] };

  const composeDir = path.dirname(input.composeFile);
  const manifestDir = path.dirname(input.manifestFile);
  const { doc, notes } = translateCompose(compose, { composeDir, manifestDir, variables, readFile: input.readFile, defaultProject: projectName(composeDir) });
  const manifest = renderManifest(doc, notes.items, path.basename(input.composeFile));
  return { manifest, diagnostics: sortDiagnostics(diagnostics), notes: notes.items };
}

/** Compose's default project name: the folder's name, lower case, [a-z0-9_-] only. */
function projectName(dir: string): string | undefined {
  const name = path
    .basename(dir)
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '');
  return /^[a-z0-9]/.test(name) ? name : undefined;
}

function isDict(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Report = (severity: Diagnostic['severity'], code: string, where: PathSegment[], message: string, prefer?: 'key' | 'value') => void;

/** Substitutes variables in every string value (not in keys), as compose does. */
function interpolate(value: unknown, variables: Variables, where: PathSegment[], report: Report, warned = new Set<string>()): unknown {
  if (typeof value === 'string') {
    const result = substitute(value, variables);
    if (result.required) report('error', 'variable', where, result.required);
    for (const name of result.unset) {
      if (warned.has(name)) continue;
      warned.add(name);
      report('warning', 'variable', where, `The variable ${name} is not set: an empty string is used (as compose does)`);
    }
    return result.value;
  }
  if (Array.isArray(value)) return value.map((item, i) => interpolate(item, variables, [...where, i], report, warned));
  if (isDict(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, key.startsWith('x-') ? item : interpolate(item, variables, [...where, key], report, warned)]));
  }
  return value;
}

function schemaDiagnostic(source: ManifestSource, problem: SchemaProblem, diagnostics: Diagnostic[]): void {
  const where: PathSegment[] = problem.instancePath
    .split('/')
    .slice(1)
    .map((part) => {
      const text = part.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^[0-9]+$/.test(text) ? Number(text) : text;
    });
  let message = `${where.join('.') || 'the file'} ${problem.message ?? 'is not valid'}`;
  let range = rangeAt(source, where);
  if (problem.keyword === 'additionalProperties') {
    const key = String(problem.params.additionalProperty);
    message = `${where.join('.') || 'the top level'} has an unknown key "${key}" (not in the compose spec)`;
    range = rangeAt(source, [...where, key], 'key');
  } else if (problem.keyword === 'enum') {
    message += `: ${(problem.params.allowedValues as unknown[]).join(', ')}`;
  }
  if (diagnostics.some((d) => d.path.join('.') === where.join('.'))) return;
  diagnostics.push({ severity: 'error', code: 'compose/schema', path: where, range, message });
}
