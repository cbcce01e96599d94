import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_MANIFEST_NAMES } from '../../../src/vscode/config';

const REPO = path.resolve(__dirname, '../../..');

describe('language: yamlValidation contribution', () => {
  it("maps the editor's manifest file names to the schema file, for users of the YAML extension", () => {
    const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
      contributes: { yamlValidation?: { fileMatch: string | string[]; url: string }[] };
    };
    const entries = manifest.contributes.yamlValidation ?? [];
    const matched = entries.flatMap((entry) => [entry.fileMatch].flat().map((pattern) => [pattern, entry.url]));
    assert.deepEqual(
      matched,
      DEFAULT_MANIFEST_NAMES.map((name) => [name, './schemas/flotilla.schema.json']),
    );
    assert.ok(existsSync(path.join(REPO, 'schemas/flotilla.schema.json')));
  });
});
