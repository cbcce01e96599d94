import assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadManifest } from '../../../src/core/manifest/load';
import { editorRange, lineLengthsOf } from '../../../src/core/manifest/language';

/** What the editor shows: severity, code and the 0-based range "line:char-line:char". */
function problems(text: string): string[] {
  const loaded = loadManifest(text, { manifestDir: path.resolve('examples/shop'), defaultProject: 'shop' });
  const lines = lineLengthsOf(text);
  return loaded.diagnostics.map((diagnostic) => {
    const { start, end } = editorRange(diagnostic, lines);
    return `${diagnostic.severity} ${diagnostic.code} ${start.line}:${start.character}-${end.line}:${end.character}`;
  });
}

const CONTAINER = 'version: 1\nservices:\n  web:\n    containers:\n      app:\n        image: x:1\n';

describe('language: diagnostic ranges', () => {
  it('puts schema errors on the exact key or value', () => {
    assert.deepEqual(problems(`${CONTAINER}    replica: 2\n    restart: sometimes\n`), ['error schema/unknown-key 6:4-6:11', 'error schema/enum 7:13-7:22']);
  });

  it('keeps CRLF documents on the same columns', () => {
    assert.deepEqual(problems('version: 2\r\nservices: {}\r\n'), ['error schema/const 0:9-0:10', 'error schema/empty 1:0-1:8']);
  });

  it('marks semantic errors and security warnings with their severity', () => {
    assert.deepEqual(problems(`${CONTAINER}        privileged: true\n        volumes: [{ name: data, path: /d }]\n`), [
      'warning security/privileged 6:20-6:24',
      'error unknown-volume 7:26-7:30',
    ]);
  });

  it('never gives an empty range: a YAML error on the empty last line marks the character before', () => {
    assert.deepEqual(problems('version: 1\nservices:\n  web: [unclosed\n'), ['error yaml 2:15-2:16']);
  });

  it('marks an empty document at its start and an alias bomb at its first alias', () => {
    assert.deepEqual(problems(''), ['error schema/type 0:0-0:0'], 'an empty document has no character to mark');
    const bomb = 'a: &a [x, x]\nb: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n';
    assert.deepEqual(problems(bomb), ['error yaml 1:4-1:6']);
  });

  it('clamps ranges to the document', () => {
    const lines = lineLengthsOf('ab\ncd');
    const beyond = { severity: 'error' as const, message: '', path: [], code: 'x', range: { start: { line: 5, character: 9 }, end: { line: 7, character: 1 } } };
    assert.deepEqual(editorRange(beyond, lines), { start: { line: 1, character: 1 }, end: { line: 1, character: 2 } });
  });
});
