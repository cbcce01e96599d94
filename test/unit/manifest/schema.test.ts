import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import { parse } from 'yaml';
import { loadManifest } from '../../../src/core/manifest/load';
import { manifestSchema } from '../../../src/core/manifest/schema-validate';

const REPO = path.resolve(__dirname, '..', '..', '..');
type Schema = Record<string, unknown>;
/** A manifest document built in a test, free to be wrong in any way. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

/**
 * Every named property anywhere in the schema, with its path. A branch of oneOf/anyOf may name
 * a key with the schema `true` only to satisfy ajv's strictRequired; such a key counts as
 * described when the object owning the branch describes it.
 */
function properties(node: unknown, at: string, found: [string, Schema][] = [], owner?: Schema): [string, Schema][] {
  if (Array.isArray(node)) node.forEach((child, i) => properties(child, `${at}[${i}]`, found, owner));
  else if (node && typeof node === 'object') {
    const record = node as Schema;
    const ownerProps = (owner?.properties ?? {}) as Schema;
    for (const [key, child] of Object.entries((record.properties as Record<string, Schema>) ?? {})) {
      if ((child as unknown) === true && key in ownerProps) continue;
      found.push([`${at}.${key}`, child]);
    }
    for (const [key, child] of Object.entries(record)) {
      if (key === 'examples' || key === 'default') continue;
      properties(child, `${at}.${key}`, found, key === 'oneOf' || key === 'anyOf' ? record : undefined);
    }
  }
  return found;
}

let compiled: ReturnType<Ajv['compile']> | undefined;

/** Plain strict mode: the schema has no unknown keywords and needs no relaxed strict checks. */
function strictValidator() {
  compiled ??= new Ajv({ allErrors: true, strict: true }).compile(manifestSchema);
  return compiled;
}

/** "keyword@instancePath" for each ajv error, to assert where and why a document fails. */
function failures(doc: unknown): string[] {
  const validate = strictValidator();
  assert.equal(validate(doc), false, 'the document should be rejected');
  return (validate.errors ?? []).map((e: ErrorObject) => `${e.keyword}@${e.instancePath}`);
}

const minimal = (): Loose => ({ version: 1, services: { web: { containers: { app: { image: 'x:1' } } } } });

function runGenerator(...args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(REPO, 'scripts', 'gen-manifest-reference.mjs'), ...args], (error, _stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stderr });
    });
  });
}

describe('schemas/flotilla.schema.json', () => {
  it('compiles with ajv in plain strict mode (no unknown keywords, union types or undeclared required keys)', () => {
    assert.doesNotThrow(() => new Ajv({ allErrors: true, strict: true }).compile(manifestSchema));
    assert.equal(manifestSchema.$id, 'https://flotilla.dev/schemas/flotilla.schema.json');
  });

  it('describes every property, and gives examples or a default for each', () => {
    const all = properties(manifestSchema, '#');
    assert.ok(all.length > 80, `only ${all.length} properties found`);
    const definitions = manifestSchema.definitions as Record<string, Schema>;
    const resolved = (p: Schema) => (typeof p.$ref === 'string' ? { ...definitions[p.$ref.replace('#/definitions/', '')], ...p } : p);
    const undescribed = all.filter(([, p]) => typeof p !== 'object' || !resolved(p).description).map(([at]) => at);
    assert.deepEqual(undescribed, []);
    const bare = all
      .filter(([, p]) => {
        const r = resolved(p);
        return r.examples === undefined && r.default === undefined && r.enum === undefined;
      })
      .map(([at]) => at);
    assert.deepEqual(bare, []);
  });

  it('closes every object to unknown keys', () => {
    const open: string[] = [];
    const visit = (node: unknown, at: string) => {
      if (Array.isArray(node)) node.forEach((child, i) => visit(child, `${at}[${i}]`));
      else if (node && typeof node === 'object') {
        const record = node as Schema;
        // An object's keys are closed by additionalProperties (false, or a schema for map values).
        if (record.type === 'object' && record.additionalProperties === undefined && !Array.isArray(record.anyOf)) open.push(at);
        for (const [key, child] of Object.entries(record)) if (key !== 'examples' && key !== 'default') visit(child, `${at}.${key}`);
      }
    };
    visit(manifestSchema, '#');
    assert.deepEqual(open, []);
  });

  it('accepts the example workspace manifest, parsed with yaml, without any diagnostic', () => {
    const file = path.join(REPO, 'examples', 'shop', 'flotilla.yaml');
    const text = readFileSync(file, 'utf8');
    const validate = strictValidator();
    assert.ok(validate(parse(text)), JSON.stringify(validate.errors));
    const loaded = loadManifest(text, { manifestDir: path.dirname(file), defaultProject: 'shop' });
    assert.deepEqual(loaded.diagnostics, []);
    assert.deepEqual(
      loaded.desired?.services.map((s) => `${s.name}x${s.replicas}`),
      ['webx2', 'apix1', 'workerx1'],
    );
  });

  it('accepts every kind of value the formats allow', () => {
    const doc = minimal();
    doc.services.web.containers.app.resources = { cpus: '500m', memory: 134217728, reserve: { cpus: 0.25, memory: '64Mi' } };
    doc.services.web.containers.app.env = { TEXT: 'a', NUMBER: 1, FLAG: true };
    doc.services.web.containers.app.volumes = [
      { name: 'logs', path: '/l' },
      { hostPath: './c', path: '/c', readOnly: true },
    ];
    doc.services.web.health = { exec: ['true'], interval: '500ms', startPeriod: '1.5m' };
    doc.services.web.deploy = { maxSurge: 1, maxUnavailable: '0%' };
    doc.services.web.autoscale = { min: 1, max: 3, cpu: '70%', memory: 80, schedule: [{ cron: '0 9 * * 1-5', min: 2 }] };
    doc.volumes = { logs: {} };
    const validate = strictValidator();
    assert.ok(validate(doc), JSON.stringify(validate.errors));
  });

  it('rejects unknown keys, bad units, out-of-range numbers and missing required keys', () => {
    const cases: [string, (doc: Loose) => void, string][] = [
      ['an unknown key', (d) => (d.services.web.replica = 2), 'additionalProperties@/services/web'],
      ['a duration without a unit', (d) => (d.services.web.stopGracePeriod = '10'), 'pattern@/services/web/stopGracePeriod'],
      ['negative replicas', (d) => (d.services.web.replicas = -1), 'minimum@/services/web/replicas'],
      ['a missing image', (d) => delete d.services.web.containers.app.image, 'required@/services/web/containers/app'],
      ['memory in MB', (d) => (d.services.web.containers.app.resources = { memory: '128MB' }), 'anyOf@/services/web/containers/app/resources/memory'],
      ['a port above 65535', (d) => (d.services.web.expose = { port: 70000 }), 'maximum@/services/web/expose/port'],
      ['a service name that reads as an option', (d) => (d.services['-web'] = d.services.web), 'propertyNames@/services'],
      ['version 2', (d) => (d.version = 2), 'const@/version'],
      ['no services', (d) => (d.services = {}), 'minProperties@/services'],
      ['a mount that is both kinds', (d) => (d.services.web.containers.app.volumes = [{ name: 'l', hostPath: '/x', path: '/y' }]), 'anyOf@/services/web/containers/app/volumes/0'],
      ['an env value that is a list', (d) => (d.services.web.containers.app.env = { A: [1] }), 'anyOf@/services/web/containers/app/env/A'],
    ];
    for (const [what, change, expected] of cases) {
      const doc = minimal();
      change(doc);
      const found = failures(doc);
      assert.ok(found.includes(expected), `${what}: expected ${expected} in ${found.join(', ')}`);
    }
  });

  it('takes exactly one health check', () => {
    const withHealth = (health: unknown) => {
      const doc = minimal();
      doc.services.web.health = health;
      return doc;
    };
    assert.ok(strictValidator()(withHealth({ tcp: { port: 80 } })));
    assert.deepEqual(failures(withHealth({ http: { port: 80 }, tcp: { port: 80 } })), ['oneOf@/services/web/health']);
    assert.ok(failures(withHealth({ interval: '5s' })).includes('oneOf@/services/web/health'));
    // The message a person reads for the same mistake.
    const loaded = loadManifest('version: 1\nservices:\n  web:\n    containers: { app: { image: x } }\n    health: { http: { port: 80 }, exec: ["true"] }\n', {
      manifestDir: '/tmp',
      defaultProject: 'p',
    });
    assert.deepEqual(
      loaded.diagnostics.map((d) => d.message),
      ['services.web.health must use only one of "http", "tcp", "exec"'],
    );
  });

  it('is what the README reference shows', async () => {
    const { updatedReadme } = await import('../../../scripts/gen-manifest-reference.mjs');
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    assert.equal(updatedReadme(readme, manifestSchema), readme, 'README.md is out of date: run node scripts/gen-manifest-reference.mjs');
    assert.deepEqual(await runGenerator('--check'), { code: 0, stderr: '' });
  });

  it('is what the generated standalone validator was compiled from', async () => {
    const { renderValidator, OUTPUT } = await import('../../../scripts/gen-schema-validator.mjs');
    assert.equal(renderValidator(manifestSchema), readFileSync(OUTPUT, 'utf8'), 'the schema changed: run node scripts/gen-schema-validator.mjs');
  });

  it('rewrites only what is between the README markers', async () => {
    const { updatedReadme } = await import('../../../scripts/gen-manifest-reference.mjs');
    const stale = 'intro\n<!-- manifest-reference:start -->\nold\n<!-- manifest-reference:end -->\noutro\n';
    const next = updatedReadme(stale, manifestSchema);
    assert.match(next, /^intro\n<!-- manifest-reference:start -->\nGenerated from/);
    assert.match(next, /\| `services\.<name>\.containers\.<name>\.volumes\[\]\.hostPath` \| string \|/);
    assert.match(next, /\| `services\.<name>\.restart` \| `"always"` \\\| `"on-failure"` \\\| `"never"` \| `"always"` \|/);
    assert.ok(next.endsWith('\n<!-- manifest-reference:end -->\noutro\n'));
    assert.equal(updatedReadme(next, manifestSchema), next);
    assert.throws(() => updatedReadme('no markers', manifestSchema), /markers/);
  });
});
