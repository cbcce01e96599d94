// Re-parsing only the edited entry must give exactly what a full parse gives, whatever the
// edit: checked on random edit sequences (fast-check), plus the cases that must fall back.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadManifest, type LoadedManifest } from '../../../src/core/manifest/load';
import { reparseSource } from '../../../src/core/manifest/reparse';
import { parseSource } from '../../../src/core/manifest/source';
import { SHOP } from '../manifests';

const OPTIONS = { manifestDir: '/projects/shop', defaultProject: 'shop' };

const MANIFEST = `version: 1
project: shop
# services below
services:
  web:
    replicas: 2
    containers:
      app:
        image: shop/web:1   # the site
        command: [httpd, -f, -p, "8080"]
        env: { API_URL: "http://api:9000" }
        volumes: [ { name: logs, path: /var/log/app } ]
    expose: { port: 8080 }
    health:
      http: { path: /healthz, port: 8080 }

  api:
    containers:
      server:
        image: shop/api:1
        env:
          MODE: prod
          SECRET: |
            line one
            line two
    autoscale: { min: 1, max: 3, schedule: [ { cron: "0 9 * * 1-5", min: 2 } ] }
  worker:
    containers:
      main: { image: shop/worker:1 }
volumes:
  logs: {}
`;

/** What a caller sees: diagnostics, the document as data, and the desired state. */
function observable(loaded: LoadedManifest) {
  return { diagnostics: loaded.diagnostics, doc: loaded.doc, desired: loaded.desired };
}

const edit = fc.record({
  at: fc.nat(),
  remove: fc.integer({ min: 0, max: 3 }),
  insert: fc.oneof(fc.constantFrom('', ' ', '\n', '#', ':', '-', '1', 'x', '"', '{', '}', '[', ']', '  ', '\n  ', '&a ', '*a', '|\n'), fc.string({ maxLength: 4 })),
});

function apply(text: string, e: { at: number; remove: number; insert: string }): string {
  const at = e.at % (text.length + 1);
  return text.slice(0, at) + e.insert + text.slice(at + e.remove);
}

describe('reparseSource (editing one entry)', () => {
  it('gives what a full parse gives, for any sequence of edits', function () {
    // Hundreds of full parses: bounded generously for a loaded machine, not a speed test.
    this.timeout(60_000);
    fc.assert(
      fc.property(fc.constantFrom(MANIFEST, SHOP), fc.array(edit, { minLength: 1, maxLength: 6 }), (start, edits) => {
        let text: string = start;
        let previous = loadManifest(text, OPTIONS);
        for (const e of edits) {
          text = apply(text, e);
          const incremental = loadManifest(text, { ...OPTIONS, previous: previous.source });
          assert.deepEqual(observable(incremental), observable(loadManifest(text, OPTIONS)));
          previous = incremental;
        }
      }),
      { numRuns: 100 },
    );
  });

  it('re-parses only the edited entry for an edit inside a service that is not the last', () => {
    const before = parseSource(MANIFEST).source;
    const result = reparseSource(before, MANIFEST.replace('replicas: 2', 'replicas: 3'));
    assert.equal(result.incremental, true);
    assert.deepEqual(result.source.document.toJS(), parseSource(MANIFEST.replace('replicas: 2', 'replicas: 3')).source.document.toJS());
    // Positions after the edit moved with it.
    const loaded = loadManifest(MANIFEST.replace('replicas: 2', 'replicas: 3').replace('image: shop/worker:1', 'image: 7'), { ...OPTIONS, previous: result.source });
    assert.deepEqual(
      loaded.diagnostics.map((d) => [d.range.start.line, d.range.start.character]),
      [[28, 21]],
    );
  });

  it('parses whole when the edit touches anchors, the last entry, or makes a duplicate key', () => {
    const anchored = MANIFEST.replace('volumes: [ { name: logs', 'volumes: &mounts [ { name: logs');
    assert.equal(reparseSource(parseSource(anchored).source, anchored.replace('replicas: 2', 'replicas: 3')).incremental, false);
    assert.equal(reparseSource(parseSource(MANIFEST).source, MANIFEST.replace('main: { image: shop/worker:1 }', 'main: { image: shop/worker:2 }')).incremental, true);
    assert.equal(reparseSource(parseSource(MANIFEST).source, MANIFEST.replace('  logs: {}', '  logs: { }')).incremental, false);
    const duplicate = reparseSource(parseSource(MANIFEST).source, MANIFEST.replace('  api:', '  web:'));
    assert.equal(duplicate.incremental, false);
    assert.match(duplicate.diagnostics[0]?.message ?? '', /Map keys must be unique/);
  });
});
