// The shape every benchmark module has. bench/run.ts runs its own sections (bench/sections/)
// and every bench/*.bench.ts module, and prints all their rows as one table.

export interface BenchRow {
  /** What was measured, e.g. "up 20 pods: flotilla". */
  name: string;
  /** The median (or the single figure, for sizes and counts). */
  value: number;
  unit: string;
  /** How it was measured, when the name does not say. */
  note?: string;
  /** What the value is compared against, e.g. "floor 17.9 s". */
  baseline?: string;
  /** value / baseline, or baseline / value: the note or the name says which. */
  ratio?: number;
  /** The target, e.g. "<= 1.10" or "< 50 ms". */
  target?: string;
}

export interface BenchResult {
  title: string;
  rows: BenchRow[];
  /** Written under the module's own key(s) in bench/results.json. */
  json: Record<string, unknown>;
}

export type BenchModule = { run(): Promise<BenchResult> };
