// Small statistics for benchmark samples: medians and percentiles of repeated runs.

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: p100 is the maximum, p50 of an even count is the lower middle.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Repetitions: at least 3 (medians of fewer mean little), 3 under BENCH_QUICK=1. */
export function repetitions(full: number): number {
  return process.env.BENCH_QUICK === '1' ? 3 : Math.max(3, full);
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

/** Per-pod ready times (ms after `since`): a pod is ready when its last container started. */
export function podReadyTimes(starts: Map<string, number[]>, since: number, containersPerPod: number): number[] {
  return [...starts.values()].filter((times) => times.length >= containersPerPod).map((times) => Math.max(...times) - since);
}
