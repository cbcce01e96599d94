// Compiles schemas/flotilla.schema.json into a standalone validator module
// (src/core/manifest/schema-validator.generated.js) with ajv's standalone code generation, so
// nothing compiles the schema at run time: compiling it took about 40 ms of every CLI command and
// of the editor's first validation. `--check` only reports drift (exit 1); a unit test runs it.
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUTPUT = join(root, 'src', 'core', 'manifest', 'schema-validator.generated.js');

/** The options the validator is built with: every error, with its schema and data (verbose). */
export const AJV_OPTIONS = { allErrors: true, verbose: true, strict: true };

export function renderValidator(schema) {
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: false, lines: true } });
  const code = standaloneCode.default(ajv, ajv.compile(schema));
  return `// Generated from schemas/flotilla.schema.json by scripts/gen-schema-validator.mjs: do not edit.\n${code}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const schema = JSON.parse(readFileSync(join(root, 'schemas', 'flotilla.schema.json'), 'utf8'));
  const rendered = renderValidator(schema);
  let current = '';
  try {
    current = readFileSync(OUTPUT, 'utf8');
  } catch {
    // absent: written below
  }
  if (process.argv.includes('--check')) {
    if (current !== rendered) {
      console.error('src/core/manifest/schema-validator.generated.js is out of date: run node scripts/gen-schema-validator.mjs');
      process.exit(1);
    }
  } else if (current !== rendered) {
    writeFileSync(OUTPUT, rendered);
    console.log('wrote src/core/manifest/schema-validator.generated.js');
  }
}
