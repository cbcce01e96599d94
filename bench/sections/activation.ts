// Extension activation time (the built dist/extension.js, loaded and activated in a fresh
// process with a stand-in `vscode` module) and the production bundle sizes.

import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { median, repetitions, round } from '../lib/stats';
import type { BenchResult, BenchRow } from '../types';

const DIST = path.resolve(__dirname, '..', '..', 'dist');
const CHILD = path.resolve(__dirname, '..', 'lib', 'activation-child.cjs');

export async function run(): Promise<BenchResult> {
  const total: number[] = [];
  const activate: number[] = [];
  for (let i = 0; i < repetitions(9); i++) {
    const output = execFileSync(process.execPath, [CHILD, path.join(DIST, 'extension.js')], { encoding: 'utf8' });
    const times = JSON.parse(output) as { requireMs: number; activateMs: number; totalMs: number };
    total.push(times.totalMs);
    activate.push(times.activateMs);
  }
  const sizes = Object.fromEntries(['extension.js', 'cli-main.js', 'engine.js'].map((file) => [file, statSync(path.join(DIST, file)).size]));
  const mb = (bytes: number) => round(bytes / 1024 / 1024, 3);
  const rows: BenchRow[] = [
    {
      name: 'extension activation (load + activate)',
      value: round(median(total), 1),
      unit: 'ms',
      target: '< 30 ms',
      note: `fresh process, stand-in vscode module; activate() alone ${round(median(activate), 1)} ms`,
    },
    ...Object.entries(sizes).map(([file, bytes]): BenchRow => ({
      name: `bundle dist/${file}`,
      value: mb(bytes),
      unit: 'MB',
      target: file === 'extension.js' ? '< 1.5 MB' : undefined,
      note: file === 'engine.js' ? 'dockerode, loaded on first engine use' : 'production build',
    })),
  ];
  return {
    title: 'extension activation and bundles',
    rows,
    json: { activation: { total_ms: round(median(total), 2), activate_ms: round(median(activate), 2), bundle_bytes: sizes } },
  };
}
