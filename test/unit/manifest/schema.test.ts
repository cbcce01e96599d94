import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadManifest } from '../../../src/core/manifest/load';
import { manifestSchema } from '../../../src/core/manifest/schema-validate';

const REPO = path.resolve(__dirname, '..', '..', '..');

/** Every named property anywhere in the schema, with its path. */
function properties(node: unknown, at: string, found: [string, Record<string, unknown>][] = []): [string, Record<string, unknown>][] {
  if (Array.isArray(node)) node.forEach((child, i) => properties(child, `${at}[${i}]`, found));
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    for (const [key, child] of Object.entries((record.properties as Record<string, Record<string, unknown>>) ?? {})) found.push([`${at}.${key}`, child]);
    for (const [key, child] of Object.entries(record)) if (key !== 'examples' && key !== 'default') properties(child, `${at}.${key}`, found);
  }
  return found;
}

describe('schemas/flotilla.schema.json', () => {
  it('describes every property, and gives examples or a default for each', () => {
    const all = properties(manifestSchema, '#');
    assert.ok(all.length > 80, `only ${all.length} properties found`);
    const definitions = manifestSchema.definitions as Record<string, Record<string, unknown>>;
    const resolved = (p: Record<string, unknown>) => (typeof p.$ref === 'string' ? { ...definitions[p.$ref.replace('#/definitions/', '')], ...p } : p);
    const undescribed = all.filter(([, p]) => !resolved(p).description).map(([at]) => at);
    assert.deepEqual(undescribed, []);
    const bare = all.filter(([, p]) => { const r = resolved(p); return r.examples === undefined && r.default === undefined && r.enum === undefined; }).map(([at]) => at);
    assert.deepEqual(bare, []);
  });

  it('accepts the example workspace manifest without any diagnostic', () => {
    const file = path.join(REPO, 'examples', 'shop', 'flotilla.yaml');
    const loaded = loadManifest(readFileSync(file, 'utf8'), { manifestDir: path.dirname(file), defaultProject: 'shop' });
    assert.deepEqual(loaded.diagnostics, []);
    assert.deepEqual(loaded.desired?.services.map((s) => `${s.name}x${s.replicas}`), ['webx2', 'apix1', 'workerx1']);
  });

  it('is what the README reference shows', async () => {
    const { updatedReadme } = await import('../../../scripts/gen-manifest-reference.mjs');
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    assert.equal(updatedReadme(readme, manifestSchema), readme, 'README.md is out of date: run node scripts/gen-manifest-reference.mjs');
  });
});
