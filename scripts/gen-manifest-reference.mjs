// Writes the manifest reference into README.md (between the manifest-reference markers) from
// schemas/flotilla.schema.json, so the two cannot drift. `--check` only reports drift (exit 1).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const START = '<!-- manifest-reference:start -->';
const END = '<!-- manifest-reference:end -->';

// Definitions that are value formats rather than objects: the table names them (a key's own
// description rarely repeats the units), and a list under the table explains each one.
const FORMATS = { duration: 'duration', memory: 'memory', cpus: 'cpus', percent: 'percent', intOrPercent: 'count or percent', port: 'port' };

export function renderReference(schema) {
  const definitions = schema.definitions ?? {};
  const formatsUsed = new Set();

  /** The node with its $ref followed; the referring node's own keys (description, default) win. */
  const resolve = (node) => {
    if (!node?.$ref) return { node: node ?? {}, format: undefined };
    const name = node.$ref.replace('#/definitions/', '');
    const target = resolve(definitions[name]);
    const own = Object.fromEntries(Object.entries(node).filter(([k]) => k !== '$ref'));
    return { node: { ...target.node, ...own }, format: FORMATS[name] ? name : target.format };
  };

  const code = (value) => `\`${JSON.stringify(value)}\``;
  const typeOf = (raw) => {
    const { node, format } = resolve(raw);
    if (format) {
      formatsUsed.add(format);
      return FORMATS[format];
    }
    if (node.enum) return node.enum.map(code).join(' \\| ');
    if (node.const !== undefined) return code(node.const);
    if (node.type === 'array') return `list of ${typeOf(node.items)}`;
    if (node.type === 'object' && !node.properties && typeof node.additionalProperties === 'object') {
      return `map of ${typeOf(node.additionalProperties)}`;
    }
    if (node.anyOf && !node.type) return [...new Set(node.anyOf.map(typeOf))].join(' or ');
    return Array.isArray(node.type) ? node.type.join(' or ') : (node.type ?? 'any');
  };

  const rows = [];
  const walk = (raw, path) => {
    const { node } = resolve(raw);
    if (path) {
      const def = node.default === undefined ? '' : code(node.default);
      rows.push(`| \`${path}\` | ${typeOf(raw)} | ${def} | ${(node.description ?? '').replace(/\|/g, '\\|')} |`);
    }
    const child = (key) => (path ? `${path}.${key}` : key);
    for (const [key, sub] of Object.entries(node.properties ?? {})) walk(sub, child(key));
    // Alternative shapes of one object (a mount is {name, path} or {hostPath, path}): list the
    // keys of every shape. Boolean subschemas only name a key that is described elsewhere.
    for (const branch of node.anyOf ?? []) {
      for (const [key, sub] of Object.entries(branch.properties ?? {})) if (typeof sub === 'object') walk(sub, child(key));
    }
    if (!node.properties && typeof node.additionalProperties === 'object') {
      const value = resolve(node.additionalProperties).node;
      if (value.properties) walk(node.additionalProperties, `${path}.<name>`);
    }
    if (node.items) {
      const item = resolve(node.items).node;
      if (item.properties || item.anyOf?.some((b) => b.properties)) walk(node.items, `${path}[]`);
    }
  };
  walk(schema, '');

  const seen = new Set();
  const unique = rows.filter((row) => (seen.has(row) ? false : seen.add(row)));
  const formats = Object.keys(FORMATS)
    .filter((name) => formatsUsed.has(name))
    .map((name) => {
      const { description = '', examples = [] } = definitions[name];
      return `- **${FORMATS[name]}**: ${description} Examples: ${examples.map(code).join(', ')}.`;
    });
  return [
    'Generated from `schemas/flotilla.schema.json` by `node scripts/gen-manifest-reference.mjs`.',
    '`<name>` stands for a name you choose: letters, digits, `_`, `.` and `-`, starting with a letter or digit.',
    '',
    '| key | type | default | description |',
    '| --- | --- | --- | --- |',
    ...unique,
    '',
    'Value formats:',
    '',
    ...formats,
  ].join('\n');
}

export function updatedReadme(readme, schema) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error('README.md lacks the manifest-reference markers');
  return `${readme.slice(0, start + START.length)}\n${renderReference(schema)}\n${readme.slice(end)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const schema = JSON.parse(readFileSync(join(root, 'schemas', 'flotilla.schema.json'), 'utf8'));
  const readmePath = join(root, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const next = updatedReadme(readme, schema);
  if (process.argv.includes('--check')) {
    if (next !== readme) {
      console.error('README.md manifest reference is out of date: run node scripts/gen-manifest-reference.mjs');
      process.exit(1);
    }
  } else if (next !== readme) {
    writeFileSync(readmePath, next);
    console.log('README.md manifest reference updated');
  }
}
