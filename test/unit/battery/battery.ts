// The bad-input battery: every manifest under test/fixtures/bad, read as the CLI reads it
// (bytes -> text -> loadManifest), with the diagnostics a person would see.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { hasErrors, type Diagnostic } from '../../../src/core/model/diagnostics';
import { loadManifest } from '../../../src/core/manifest/load';
import { refusedBySecurity } from '../../../src/core/manifest/security';
import { decodeManifestBytes } from '../../../src/core/manifest/source';

export const BAD_FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'bad');

/** As people read them: 1-based line and column. */
export interface ExpectedDiagnostic {
  line: number;
  column: number;
  severity: Diagnostic['severity'];
  code: string;
  message: string;
}

export function fixtureNames(): string[] {
  return readdirSync(BAD_FIXTURES)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
}

export function readableDiagnostics(bytes: Uint8Array, manifestDir = BAD_FIXTURES): { diagnostics: ExpectedDiagnostic[]; wouldStart: boolean } {
  const decoded = decodeManifestBytes(bytes);
  const all = 'error' in decoded ? [decoded.error] : loadManifest(decoded.text, { manifestDir, defaultProject: 'bad' }).diagnostics;
  const loaded = 'error' in decoded ? undefined : loadManifest(decoded.text, { manifestDir, defaultProject: 'bad' });
  return {
    diagnostics: all.map((d) => ({ line: d.range.start.line + 1, column: d.range.start.character + 1, severity: d.severity, code: d.code, message: d.message })),
    // What `up` does: nothing with an error, nothing with a security warning not allowed.
    wouldStart: loaded?.desired !== undefined && !hasErrors(all) && refusedBySecurity(all).length === 0,
  };
}

export function fixtureBytes(name: string): Buffer {
  return readFileSync(path.join(BAD_FIXTURES, name));
}
