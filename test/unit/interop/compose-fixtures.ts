// Imports the compose corpus in test/fixtures/compose with the real compose-spec schema (from
// npm dclint, as the build does) and checks the result with Flotilla's own loader.
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { loadManifest } from '../../../src/core/manifest/load';
import type { ManifestDoc } from '../../../src/core/manifest/types';
import { type ComposeImportResult, importCompose, type SchemaProblem } from '../../../src/interop/compose/index';

export const CORPUS = path.resolve(__dirname, '..', '..', 'fixtures', 'compose');

type Validate = ((value: unknown) => boolean) & { errors?: SchemaProblem[] | null };
let validate: Validate | undefined;

/** Compiled once per run: the schema takes most of a second to compile. */
export function composeSchemaCheck(value: unknown): SchemaProblem[] {
  if (!validate) {
    const file = path.join(path.dirname(require.resolve('dclint/package.json')), 'schemas', 'compose.schema.json');
    validate = new Ajv({ strict: false, allErrors: true, validateSchema: false }).compile(JSON.parse(readFileSync(file, 'utf8'))) as Validate;
  }
  return validate(value) ? [] : (validate.errors ?? []);
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export interface Imported extends ComposeImportResult {
  doc: ManifestDoc;
  /** Flotilla's loader on the written manifest. */
  loaded: ReturnType<typeof loadManifest>;
  /** The notes as "kind from" strings, for short assertions. */
  noted: string[];
}

/** The import as the command runs it, on a corpus folder's docker-compose.yml, .env and env files. */
export function importRaw(name: string, environment: Record<string, string> = {}): ComposeImportResult {
  const dir = path.join(CORPUS, name);
  const composeFile = path.join(dir, 'docker-compose.yml');
  return importCompose({
    text: readFileSync(composeFile, 'utf8'),
    composeFile,
    manifestFile: path.join(dir, 'flotilla.yaml'),
    environment,
    dotEnv: readText(path.join(dir, '.env')),
    readFile: readText,
    checkSchema: composeSchemaCheck,
  });
}

export function importFixture(name: string, options: { environment?: Record<string, string> } = {}): Imported {
  const dir = path.join(CORPUS, name);
  const result = importRaw(name, options.environment);
  if (!result.manifest) throw new Error(`no manifest: ${JSON.stringify(result.diagnostics, null, 2)}`);
  const loaded = loadManifest(result.manifest, { manifestDir: dir, defaultProject: name });
  return { ...result, doc: parse(result.manifest) as ManifestDoc, loaded, noted: result.notes.map((n) => `${n.kind} ${n.from}`) };
}

export function importBad(file: string): ComposeImportResult {
  const composeFile = path.join(CORPUS, 'bad', file);
  return importCompose({
    text: readFileSync(composeFile, 'utf8'),
    composeFile,
    manifestFile: path.join(CORPUS, 'bad', 'flotilla.yaml'),
    environment: {},
    readFile: () => undefined,
    checkSchema: composeSchemaCheck,
  });
}
