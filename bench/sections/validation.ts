// Validation of a generated 500-service manifest: the full pipeline (parse, schema, semantic
// and security checks, expansion) from text, and re-validation after a one-character edit
// the way the editor does it (with the previous parse handed over).

import { loadManifest } from '../../src/core/manifest/load';
import { bigManifest } from '../lib/big-manifest';
import { median, repetitions, round } from '../lib/stats';
import type { BenchResult } from '../types';

const SERVICES = 500;
const OPTIONS = { manifestDir: '/bench', defaultProject: 'big' };

export async function run(): Promise<BenchResult> {
  const text = bigManifest(SERVICES);
  // A one-character edit in the middle of the file: replicas 2 -> 3 of one service.
  const marker = `svc${SERVICES / 2}:\n    replicas: 2`;
  const edited = text.replace(marker, marker.replace('replicas: 2', 'replicas: 3'));
  if (edited === text) throw new Error('the edit marker is missing from the generated manifest');
  const full: number[] = [];
  const edit: number[] = [];
  const fromScratch: number[] = [];
  // The first runs compile the schema and warm the JIT, as a running editor would have.
  for (let i = 0; i < 3; i++) loadManifest(text, OPTIONS);
  for (let i = 0; i < repetitions(15); i++) {
    let started = performance.now();
    const base = loadManifest(text, OPTIONS);
    full.push(performance.now() - started);
    if (base.diagnostics.length > 0) throw new Error(`the generated manifest has problems: ${base.diagnostics[0]?.message}`);
    started = performance.now();
    const after = loadManifest(edited, { ...OPTIONS, previous: base.source });
    edit.push(performance.now() - started);
    if (after.desired?.services.find((s) => s.name === `svc${SERVICES / 2}`)?.replicas !== 3) throw new Error('the re-validated manifest lost the edit');
    started = performance.now();
    loadManifest(edited, OPTIONS);
    fromScratch.push(performance.now() - started);
  }
  const kb = round(text.length / 1024, 0);
  return {
    title: `validation: ${SERVICES} services (${kb} kB)`,
    rows: [
      { name: `validate ${SERVICES} services: full`, value: round(median(full), 1), unit: 'ms', note: `${kb} kB: parse + schema + semantics + security + expand` },
      {
        name: 're-validate after a 1-char edit',
        value: round(median(edit), 1),
        unit: 'ms',
        baseline: `full ${round(median(fromScratch), 1)} ms`,
        ratio: round(median(fromScratch) / median(edit), 1),
        target: '< 50 ms',
        note: 'edited entry re-parsed; ratio: full/incremental',
      },
    ],
    json: {
      validation: { services: SERVICES, bytes: text.length, full_ms: round(median(full), 2), edit_ms: round(median(edit), 2), edit_full_reparse_ms: round(median(fromScratch), 2) },
    },
  };
}
