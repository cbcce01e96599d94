// What every command needs: the manifest (found, read, validated, with problems printed as
// file:line:column), an engine connection, and the environment use cases run in.

import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { formatDiagnostic, hasErrors, type Diagnostic } from '../core/model/diagnostics';
import { FlotillaError } from '../core/model/errors';
import { loadManifest, type LoadedManifest } from '../core/manifest/load';
import { decodeManifestBytes } from '../core/manifest/source';
import type { EngineEvents, EngineObservability, EnginePort, ProbeRunner } from '../core/ports/engine';
import type { AppEnv } from '../app/env';
import { lockFileSupervision } from '../app/lock-file-supervision';
import { nodeEnv } from '../app/node-env';
import { loadEngineModule } from '../engine-loader';
import { type Output, paint } from './output';

export const MANIFEST_NAMES = ['flotilla.yaml', 'flotilla.yml'];

export class UsageError extends Error {}

export function findManifest(file: string | undefined, cwd: string): string {
  if (file) {
    const resolved = path.resolve(cwd, file);
    if (!existsSync(resolved)) throw new UsageError(`No manifest at ${file}.`);
    return resolved;
  }
  for (const name of MANIFEST_NAMES) {
    const candidate = path.join(cwd, name);
    if (existsSync(candidate)) return candidate;
  }
  throw new UsageError(`No flotilla.yaml in ${cwd}: run Flotilla in a folder that has one, or name it with -f FILE.`);
}

export interface ReadManifest {
  file: string;
  loaded?: LoadedManifest;
  diagnostics: Diagnostic[];
}

export function readManifest(file: string): ReadManifest {
  const decoded = decodeManifestBytes(readFileSync(file));
  if ('error' in decoded) return { file, diagnostics: [decoded.error] };
  const manifestDir = path.dirname(file);
  const loaded = loadManifest(decoded.text, { manifestDir, defaultProject: path.basename(manifestDir) });
  return { file, loaded, diagnostics: loaded.diagnostics };
}

export function printDiagnostics(output: Output, file: string, diagnostics: readonly Diagnostic[]): void {
  const shown = path.relative(process.cwd(), file) || file;
  for (const d of diagnostics) {
    const line = formatDiagnostic(shown, d);
    output.err(d.severity === 'error' ? paint(output, 'red', line) : paint(output, 'yellow', line));
  }
}

/** Loads and validates; on any error prints every problem and throws (nothing is started). */
export function requireValidManifest(output: Output, file: string | undefined) {
  const manifest = readManifest(findManifest(file, process.cwd()));
  printDiagnostics(output, manifest.file, manifest.diagnostics);
  const desired = manifest.loaded?.desired;
  if (hasErrors(manifest.diagnostics) || !desired) {
    const count = manifest.diagnostics.filter((d) => d.severity === 'error').length;
    throw new FlotillaError('invalid-manifest', `${path.basename(manifest.file)} has ${count} error${count === 1 ? '' : 's'}; nothing was started.`);
  }
  return { ...manifest, desired, doc: manifest.loaded?.doc };
}

export type Engine = EnginePort & EngineEvents & EngineObservability & ProbeRunner;

export async function connectEngine(nodes: { name: string; engine?: string }[] | undefined): Promise<Engine> {
  if (nodes && nodes.length > 1) {
    throw new FlotillaError(
      'refused',
      `This version runs on one engine; the manifest lists ${nodes.length} nodes. Keep one entry under "nodes" (placement across engines comes later).`,
    );
  }
  const { createDockerEngine } = await loadEngineModule();
  const node = nodes?.[0];
  return createDockerEngine({ endpoint: node?.engine, node: node?.name ?? 'local' });
}

/** Where a plain command runs use cases: it cannot supervise; a running supervisor is another process. */
export function cliEnv(nodes: { name: string; engine?: string }[] | undefined): AppEnv {
  return nodeEnv({ engine: () => connectEngine(nodes), supervision: lockFileSupervision() });
}

/** The services a command names that the manifest lacks, worded for the user. */
export function unknownServiceError(unknown: readonly string[], services: readonly string[]): FlotillaError {
  return new FlotillaError('refused', `No service ${unknown.map((n) => `"${n}"`).join(', ')} in the manifest (services: ${services.join(', ')}).`);
}
