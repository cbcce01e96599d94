// Parsing of the manifest's unit strings. Each parser returns undefined for text it cannot read,
// so that validation can say what was expected at the exact place.

const DURATION = /^([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)$/;
const DURATION_FACTOR: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** "10s", "1.5m", "250ms", "2h" -> milliseconds. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * (DURATION_FACTOR[match[2] as string] as number));
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${+(ms / 1000).toFixed(1)}s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s`;
  return `${Math.floor(ms / 3_600_000)}h${Math.floor((ms % 3_600_000) / 60_000)}m`;
}

const MEMORY = /^([0-9]+(?:\.[0-9]+)?)(Ki|Mi|Gi|Ti|k|K|M|G|T)?$/;
const MEMORY_FACTOR: Record<string, number> = {
  '': 1,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  k: 1e3,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
};

/** Kubernetes quantities: "128Mi" (binary), "128M" (decimal), 134217728 (bytes) -> bytes. */
export function parseMemory(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
  const match = MEMORY.exec(value.trim());
  if (!match) return undefined;
  return Math.floor(Number(match[1]) * (MEMORY_FACTOR[match[2] ?? ''] as number));
}

/** A hint for the usual mistakes ("128MB", "1gb"), or undefined. */
export function memoryHint(text: string): string | undefined {
  const match = /^([0-9]+(?:\.[0-9]+)?)\s*([kKmMgGtT])i?[bB]$/.exec(text.trim());
  if (!match) return undefined;
  const unit = (match[2] as string).toUpperCase();
  const binary = unit === 'K' ? 'Ki' : `${unit}i`;
  const decimal = unit === 'K' ? 'k' : unit;
  return `write "${match[1]}${binary}" (binary, ${binary}B) or "${match[1]}${decimal}" (decimal)`;
}

export function formatMemory(bytes: number): string {
  const units: [string, number][] = [
    ['Gi', 1024 ** 3],
    ['Mi', 1024 ** 2],
    ['Ki', 1024],
  ];
  for (const [unit, size] of units) if (bytes >= size) return `${+(bytes / size).toFixed(1)}${unit}`;
  return `${bytes}B`;
}

/** 0.5, "0.5", "500m" -> CPUs. */
export function parseCpus(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : undefined;
  const text = value.trim();
  const milli = /^([0-9]+)m$/.exec(text);
  if (milli) return Number(milli[1]) / 1000 || undefined;
  if (/^[0-9]+(\.[0-9]+)?$/.test(text)) return Number(text) || undefined;
  return undefined;
}

/** "70%" or 70 -> 0.7. */
export function parsePercent(value: string | number): number | undefined {
  const text = typeof value === 'number' ? String(value) : value.trim().replace(/%$/, '');
  if (!/^[0-9]+(\.[0-9]+)?$/.test(text)) return undefined;
  const percent = Number(text);
  return percent > 0 && percent <= 1000 ? percent / 100 : undefined;
}
