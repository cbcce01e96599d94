// Writes the manifest reference into README.md (between the manifest-reference markers) from
// schemas/flotilla.schema.json, so the two cannot drift. `--check` only reports drift (exit 1).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const START = '<!-- manifest-reference:start -->';
const END = '<!-- manifest-reference:end -->';

export function renderReference(schema) {
  const rows = [];
  const resolve = (node) => {
    if (!node?.$ref) return node ?? {};
    const target = schema.definitions[node.$ref.replace('#/definitions/', '')];
    return { ...resolve(target), ...Object.fromEntries(Object.entries(node).filter(([k]) => k !== '$ref')) };
  };
  const typeOf = (node) => {
    if (node.enum) return node.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' \\| ');
    if (node.const !== undefined) return `\`${JSON.stringify(node.const)}\``;
    if (node.anyOf && !node.type) return [...new Set(node.anyOf.map((b) => b.type ?? (b.required ? `{${b.required.join(', ')}}` : 'object')))].join(' or ');
    return Array.isArray(node.type) ? node.type.join(' or ') : (node.type ?? 'any');
  };
  const walk = (node, path) => {
    node = resolve(node);
    if (path) {
      const def = node.default === undefined ? '' : `\`${JSON.stringify(node.default)}\``;
      rows.push(`| \`${path}\` | ${typeOf(node)} | ${def} | ${(node.description ?? '').replace(/\|/g, '\\|')} |`);
    }
    const props = node.properties ?? {};
    for (const [key, child] of Object.entries(props)) walk(child, path ? `${path}.${key}` : key);
    if (node.anyOf && !node.type) for (const branch of node.anyOf) for (const [key, child] of Object.entries(branch.properties ?? {})) walk(child, `${path}.${key}`);
    if (node.additionalProperties && typeof node.additionalProperties === 'object' && !node.properties) {
      const child = resolve(node.additionalProperties);
      if (child.properties) walk(child, `${path}.<name>`);
    }
    if (node.items) {
      const item = resolve(node.items);
      if (item.properties || item.anyOf) walk(item, `${path}[]`);
    }
  };
  walk(schema, '');
  const seen = new Set();
  const unique = rows.filter((r) => (seen.has(r) ? false : seen.add(r)));
  return ['Generated from `schemas/flotilla.schema.json` by `node scripts/gen-manifest-reference.mjs`.', '', '| key | type | default | description |', '| --- | --- | --- | --- |', ...unique].join('\n');
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
