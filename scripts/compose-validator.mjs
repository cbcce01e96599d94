// Compiles the compose-spec schema shipped in npm `dclint` into a standalone ajv validator.
// The build bundles it as dist/compose-validator.js, loaded only by `flotilla import compose`:
// compiling the 74 KB schema at run time takes 0.6-1 s, and keeping it out of dist/cli-main.js
// keeps every other command's start-up as it was. dclint is a devDependency only: nothing of
// it is needed at run time.
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The compose spec schema uses keywords ajv's strict mode rejects, and a $schema URL it does not know. */
export const COMPOSE_AJV_OPTIONS = { strict: false, allErrors: true, validateSchema: false };

export function composeSchemaFile() {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('dclint/package.json')), 'schemas', 'compose.schema.json');
}

export function renderComposeValidator() {
  const schema = JSON.parse(readFileSync(composeSchemaFile(), 'utf8'));
  const ajv = new Ajv({ ...COMPOSE_AJV_OPTIONS, code: { source: true, esm: false } });
  return standaloneCode.default(ajv, ajv.compile(schema));
}
