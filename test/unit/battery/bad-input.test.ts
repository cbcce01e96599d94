// Every broken manifest under test/fixtures/bad gives exactly the diagnostics in its
// .expected.json (place, severity, kind, sentence) and would start nothing.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALLOW_KEYS } from '../../../src/core/manifest/types';
import { manifestSchema } from '../../../src/core/manifest/schema-validate';
import { BAD_FIXTURES, type ExpectedDiagnostic, fixtureBytes, fixtureNames, readableDiagnostics } from './battery';

const SECURITY_KINDS = ['privileged', 'host-network', 'host-pid', 'cap-add', 'devices', 'docker-socket', 'host-paths', 'public-ports'];

describe('bad-input battery (test/fixtures/bad)', () => {
  it('has a corpus with an expectation beside every manifest', () => {
    assert.ok(fixtureNames().length >= 30, 'the corpus went missing');
    for (const name of fixtureNames()) assert.ok(existsSync(path.join(BAD_FIXTURES, name.replace(/\.yaml$/, '.expected.json'))), `${name} has no .expected.json`);
  });

  for (const name of fixtureNames()) {
    it(`${name}: exact diagnostics, nothing would start`, () => {
      const expected = JSON.parse(readFileSync(path.join(BAD_FIXTURES, name.replace(/\.yaml$/, '.expected.json')), 'utf8')) as ExpectedDiagnostic[];
      const actual = readableDiagnostics(fixtureBytes(name));
      assert.deepEqual(actual.diagnostics, expected);
      assert.ok(expected.length > 0, 'a bad manifest must say what is wrong');
      assert.equal(actual.wouldStart, false);
    });
  }

  it('a 5 MB manifest is refused unread, with its size', function () {
    const service = (i: number) => `  s${i}:\n    containers:\n      main: { image: flotilla-test/busybox:1, command: [sleep, "3600"] }\n`;
    const services: string[] = [];
    let size = 0;
    for (let i = 0; size < 5 * 1024 * 1024; i++) {
      services.push(service(i));
      size += services[i]!.length;
    }
    const text = `version: 1\nproject: big\nservices:\n${services.join('')}`;
    const started = Date.now();
    assert.deepEqual(readableDiagnostics(Buffer.from(text)).diagnostics, [
      {
        line: 1,
        column: 1,
        severity: 'error',
        code: 'too-large',
        message: 'The manifest is 5.0 MB; Flotilla reads manifests of up to 1 MB (about 2,000 services): split the project',
      },
    ]);
    // Refused before parsing: a bound, not a speed test (parsing 5 MB takes seconds).
    assert.ok(Date.now() - started < 1000);
  });

  it('covers every security kind with a fixture, and allow: lifts exactly that refusal', () => {
    for (const kind of SECURITY_KINDS) {
      const name = `security-${kind}.yaml`;
      const text = fixtureBytes(name).toString('utf8');
      const refused = readableDiagnostics(Buffer.from(text));
      assert.ok(
        refused.diagnostics.length > 0 && refused.diagnostics.every((d) => d.severity === 'warning' && d.code === `security/${kind}`),
        `${name}: ${JSON.stringify(refused.diagnostics)}`,
      );
      const allowed = readableDiagnostics(Buffer.from(`${text}allow: [${kind}]\n`));
      assert.deepEqual(allowed.diagnostics, [], `${name} with allow: [${kind}]`);
      assert.equal(allowed.wouldStart, true);
    }
  });

  it('keeps ALLOW_KEYS in step with the schema, and each key with a security check', () => {
    const allow = (manifestSchema.properties as Record<string, { items: { enum: string[] } }>).allow!;
    assert.deepEqual([...ALLOW_KEYS].sort(), [...allow.items.enum].sort());
    assert.deepEqual([...ALLOW_KEYS].sort(), [...SECURITY_KINDS].sort());
  });
});
