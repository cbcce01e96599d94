// Compose's value formats turned into Flotilla's: durations ("1m30s", "1.5s", "500ms", "2us"),
// docker byte sizes ("512m", "1g", "1gb", bytes) and shell-like command strings.

const DURATION_PART = /([0-9]+(?:\.[0-9]+)?)(h|m|s|ms|us|µs|ns)/g;
const PART_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };

/** Go duration text -> milliseconds (sub-millisecond parts round up to 1 ms). */
export function composeDurationMs(text: string | number): number | undefined {
  if (typeof text === 'number') return text / 1e6; // compose reads a bare number as nanoseconds
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  let total = 0;
  let consumed = 0;
  for (const match of trimmed.matchAll(DURATION_PART)) {
    total += Number(match[1]) * (PART_MS[match[2] as string] as number);
    consumed += match[0].length;
  }
  return consumed === trimmed.length && consumed > 0 ? total : undefined;
}

/** Milliseconds -> the largest whole Flotilla unit: "90s", "2m", "1h", "250ms". */
export function flotillaDuration(ms: number): string {
  const whole = Math.ceil(ms);
  if (whole === 0) return '0s';
  if (whole % 3_600_000 === 0) return `${whole / 3_600_000}h`;
  if (whole % 60_000 === 0) return `${whole / 60_000}m`;
  if (whole % 1000 === 0) return `${whole / 1000}s`;
  return `${whole}ms`;
}

export function convertDuration(text: string | number): string | undefined {
  const ms = composeDurationMs(text);
  return ms === undefined ? undefined : flotillaDuration(ms);
}

const BYTES = /^([0-9]+(?:\.[0-9]+)?)\s*([bkmgt]?)b?$/i;
const BYTE_FACTOR: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };
const BINARY_UNITS: [number, string][] = [
  [1024 ** 4, 'Ti'],
  [1024 ** 3, 'Gi'],
  [1024 ** 2, 'Mi'],
  [1024, 'Ki'],
];

/** Docker byte sizes are binary ("512m" is 512 MiB): written as Kubernetes-style "512Mi". */
export function convertMemory(value: string | number): string | number | undefined {
  let bytes: number;
  if (typeof value === 'number') bytes = value;
  else {
    const match = BYTES.exec(value.trim());
    if (!match) return undefined;
    bytes = Math.round(Number(match[1]) * (BYTE_FACTOR[(match[2] as string).toLowerCase()] as number));
  }
  for (const [factor, unit] of BINARY_UNITS) if (bytes >= factor && bytes % factor === 0) return `${bytes / factor}${unit}`;
  return bytes;
}

export function convertCpus(value: string | number): number | undefined {
  const cpus = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(cpus) && cpus > 0 ? cpus : undefined;
}

/** Splits a command string the way compose does (shell-like words and quotes, no shell run). */
export function splitCommand(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === '\\' && quote === '"' && i + 1 < text.length && '"\\$`'.includes(text[i + 1] as string)) current += text[++i];
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (char === '\\' && i + 1 < text.length) {
      current += text[++i];
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}
