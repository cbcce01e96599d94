// Property-based: whatever text arrives (random YAML, random mutations of valid manifests), the
// parser and validator never throw, and give either a desired state or diagnostics whose
// ranges lie inside the text.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { type Diagnostic, hasErrors } from '../../../src/core/model/diagnostics';
import { loadManifest } from '../../../src/core/manifest/load';
import { decodeManifestBytes } from '../../../src/core/manifest/source';
import { SHOP } from '../manifests';
import { fixtureBytes, fixtureNames } from './battery';

const OPTIONS = { manifestDir: '/projects/shop', defaultProject: 'shop' };

function assertWellFormed(text: string): void {
  const loaded = loadManifest(text, OPTIONS);
  // Positions count lines by \n, as the yaml package and VS Code do for \n and \r\n files.
  const lines = text.split('\n');
  for (const d of loaded.diagnostics) assertRangeInside(d, lines, text);
  if (loaded.desired) assert.equal(hasErrors(loaded.diagnostics), false, 'a desired state only without errors');
  else assert.ok(hasErrors(loaded.diagnostics), 'no desired state without saying why');
}

function assertRangeInside(d: Diagnostic, lines: string[], text: string): void {
  const { start, end } = d.range;
  const where = `${d.code} ${JSON.stringify(d.range)} in ${JSON.stringify(text.slice(0, 200))}`;
  assert.ok(d.message.length > 0, `empty message: ${where}`);
  assert.ok(['error', 'warning', 'info'].includes(d.severity));
  assert.ok(start.line >= 0 && start.line < Math.max(1, lines.length), `start line outside: ${where}`);
  assert.ok(end.line >= start.line && end.line < Math.max(1, lines.length), `end line outside: ${where}`);
  assert.ok(start.character >= 0 && start.character <= (lines[start.line]?.length ?? 0), `start column outside: ${where}`);
  assert.ok(end.character >= 0 && end.character <= (lines[end.line]?.length ?? 0) + 1, `end column outside: ${where}`);
  assert.ok(end.line > start.line || end.character >= start.character, `range runs backwards: ${where}`);
}

const validManifests = [
  SHOP,
  ...fixtureNames()
    .filter((n) => n.startsWith('security-'))
    .map((n) => fixtureBytes(n).toString('utf8')),
];
const yamlish = fc.constantFrom(
  ':',
  ' ',
  '\n',
  '- ',
  '  ',
  '{',
  '}',
  '[',
  ']',
  '&a ',
  '*a',
  '!!str ',
  '? ',
  '#',
  '"',
  "'",
  '|',
  '>',
  '---\n',
  '...\n',
  '\t',
  '%YAML 1.2\n',
  'services',
  'containers',
  'image',
  '0x1F',
  '1e400',
  '~',
  'null',
  '<<: *a',
);

const mutation = fc.record({
  at: fc.nat(),
  remove: fc.integer({ min: 0, max: 8 }),
  insert: fc.oneof(yamlish, fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 3 })),
});

describe('parser and validator on random input (fast-check)', function () {
  // Hundreds of parses per property: bounded generously for a loaded machine.
  this.timeout(60_000);

  it('random text and random YAML-like token soup', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.array(yamlish, { maxLength: 40 }).map((t) => t.join('')),
        ),
        (text) => assertWellFormed(text),
      ),
      { numRuns: 1000 },
    );
  });

  it('random data written as YAML, also under services', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), (value, asServices) => assertWellFormed(stringify(asServices ? { version: 1, services: { web: value } } : value))),
      { numRuns: 500 },
    );
  });

  it('random mutations of valid manifests', () => {
    fc.assert(
      fc.property(fc.constantFrom(...validManifests), fc.array(mutation, { minLength: 1, maxLength: 4 }), (start, mutations) => {
        let text = start;
        for (const m of mutations) {
          const at = m.at % (text.length + 1);
          text = text.slice(0, at) + m.insert + text.slice(at + m.remove);
        }
        assertWellFormed(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('random bytes: decoded or refused with the place of the first bad byte', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const decoded = decodeManifestBytes(bytes);
        if ('text' in decoded) return assertWellFormed(decoded.text);
        assert.equal(decoded.error.code, 'encoding');
        assert.ok(decoded.error.range.start.line <= bytes.filter((b) => b === 0x0a).length);
      }),
      { numRuns: 1000 },
    );
  });
});
