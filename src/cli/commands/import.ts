import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { type Diagnostic, formatDiagnostic, hasErrors } from '../../core/model/diagnostics';
import { FlotillaError } from '../../core/model/errors';
import { loadManifest } from '../../core/manifest/load';
import { importCompose, type SchemaProblem } from '../../interop/compose/index';
import type { ImportNote } from '../../interop/compose/notes';
import { noteLine } from '../../interop/compose/render';
import { importEcs } from '../../interop/ecs/import';
import { UsageError } from '../context';
import { type Output, paint } from '../output';

export const help = 'import compose [FILE] | ecs TASKDEF.json [-o OUT] [--force]   write a flotilla.yaml from a compose file or an ECS task definition';

/** Compose's own lookup order when no file is named. */
const COMPOSE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];

declare const __FLOTILLA_BUNDLED__: boolean | undefined;

type Validate = ((value: unknown) => boolean) & { errors?: SchemaProblem[] | null };

/**
 * The compose-spec validator: precompiled beside the bundle, compiled from dclint's schema when
 * unbundled (tests). An if/else on the build constant, so the bundle leaves out the other branch
 * and with it ajv's compiler (about 300 KB).
 */
async function composeValidator(): Promise<Validate> {
  let loaded: Validate | { default: Validate };
  if (typeof __FLOTILLA_BUNDLED__ !== 'undefined' && __FLOTILLA_BUNDLED__) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require('./compose-validator.js') as Validate | { default: Validate };
  } else {
    // The same schema and options as scripts/compose-validator.mjs.
    const { default: Ajv } = await import('ajv');
    const schemaFile = path.join(path.dirname(require.resolve('dclint/package.json')), 'schemas', 'compose.schema.json');
    loaded = new Ajv({ strict: false, allErrors: true, validateSchema: false }).compile(JSON.parse(readFileSync(schemaFile, 'utf8'))) as Validate;
  }
  return typeof loaded === 'function' ? loaded : loaded.default;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export async function run(args: string[], output: Output): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { output: { type: 'string', short: 'o' }, force: { type: 'boolean' } } });
  const [format, file, ...extra] = positionals;
  if (format !== 'compose' && format !== 'ecs')
    throw new UsageError(
      format
        ? `cannot import "${format}": flotilla import compose [FILE] or flotilla import ecs TASKDEF.json.`
        : 'name what to import: flotilla import compose [FILE] or flotilla import ecs TASKDEF.json.',
    );
  if (extra.length > 0) throw new UsageError(`one file at a time (got ${positionals.slice(1).join(', ')}).`);
  if (format === 'ecs' && !file) throw new UsageError('name the task definition: flotilla import ecs TASKDEF.json.');
  const cwd = process.cwd();
  const sourceFile = file ? path.resolve(cwd, file) : COMPOSE_NAMES.map((name) => path.join(cwd, name)).find((candidate) => existsSync(candidate));
  if (!sourceFile) throw new UsageError(`no compose file in ${cwd} (looked for ${COMPOSE_NAMES.join(', ')}); name one: flotilla import compose FILE.`);
  const text = readText(sourceFile);
  if (text === undefined) throw new UsageError(`cannot read ${file ?? sourceFile}.`);
  const manifestFile = path.resolve(cwd, values.output ?? path.join(path.dirname(sourceFile), 'flotilla.yaml'));
  if (existsSync(manifestFile) && !values.force) {
    throw new FlotillaError(
      'refused',
      `${path.relative(cwd, manifestFile) || manifestFile} already exists; nothing was written. Use --force to overwrite it, or -o to write elsewhere.`,
    );
  }
  const result = format === 'ecs' ? importEcs(text, path.basename(sourceFile)) : await fromCompose(text, sourceFile, manifestFile);
  return writeImported(output, result, sourceFile, manifestFile);
}

async function fromCompose(text: string, composeFile: string, manifestFile: string) {
  const validate = await composeValidator();
  return importCompose({
    text,
    composeFile,
    manifestFile,
    environment: process.env,
    dotEnv: readText(path.join(path.dirname(composeFile), '.env')),
    readFile: readText,
    checkSchema: (value) => (validate(value) ? [] : (validate.errors ?? [])),
  });
}

interface Imported {
  manifest?: string;
  diagnostics: Diagnostic[];
  notes: ImportNote[];
}

function writeImported(output: Output, result: Imported, sourceFile: string, manifestFile: string): number {
  const cwd = process.cwd();
  const shown = path.relative(cwd, sourceFile) || sourceFile;
  for (const d of result.diagnostics) output.err(paint(output, d.severity === 'error' ? 'red' : 'yellow', formatDiagnostic(shown, d)));
  if (!result.manifest || hasErrors(result.diagnostics)) {
    throw new FlotillaError('invalid-manifest', `${path.basename(sourceFile)} cannot be imported; nothing was written.`);
  }

  // The manifest must be one Flotilla accepts as it stands: checked before it is written.
  const manifestDir = path.dirname(manifestFile);
  const check = loadManifest(result.manifest, { manifestDir, defaultProject: path.basename(manifestDir) });
  const problems = check.diagnostics.filter((d) => d.severity === 'error');
  if (problems.length > 0) {
    for (const d of problems) output.err(formatDiagnostic('(generated manifest)', d));
    throw new FlotillaError('invalid-manifest', 'the generated manifest does not validate (a bug in the import); nothing was written.');
  }
  writeFileSync(manifestFile, result.manifest);
  const counts = { 'not-carried': 0, changed: 0, warning: 0 };
  for (const note of result.notes) {
    counts[note.kind] += 1;
    output.out(paint(output, note.kind === 'warning' ? 'yellow' : 'dim', `  ${noteLine(note)}`));
  }
  output.out(
    `${path.relative(cwd, manifestFile) || manifestFile}: written from ${shown}, project ${check.desired?.project}, ${check.desired?.services.length} service(s); ${counts['not-carried']} setting(s) not carried, ${counts.changed} changed, ${counts.warning} warning(s) (each is a comment in the manifest).`,
  );
  return 0;
}
