// `npm run bench`: builds the production bundles, runs Flotilla's own benchmark sections and
// every bench/*.bench.ts module, prints one table and writes bench/results.json. Numbers are
// not asserted anywhere (machines are noisy); targets are printed beside them.
//   BENCH_QUICK=1      fewer repetitions (still medians of 3)
//   BENCH_ONLY=a,b     only the sections/modules whose name contains one of these words

import { execFileSync } from 'node:child_process';
import { readdirSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import * as path from 'node:path';
import { assertNothingLeaked, cleanUpOnInterrupt, docker, removeBenchObjects } from './lib/engine-harness';
import type { BenchModule, BenchResult, BenchRow } from './types';

const BENCH_DIR = __dirname;
const REPO = path.resolve(BENCH_DIR, '..');
const OWN_SECTIONS = ['validation', 'activation', 'event-to-store', 'engine', 'down-sigterm'];
const ENGINE_SECTIONS = ['event-to-store', 'engine', 'down-sigterm'];

function selected(name: string): boolean {
  const only = process.env.BENCH_ONLY?.split(',').filter(Boolean);
  return !only || only.some((word) => name.includes(word));
}

async function modules(): Promise<{ name: string; load: () => Promise<BenchModule> }[]> {
  const own = OWN_SECTIONS.map((name) => ({ name, load: () => import(`./sections/${name}`) as Promise<BenchModule> }));
  // Other areas add their benchmarks as bench/<area>.bench.ts; they are found by that pattern.
  const discovered = readdirSync(BENCH_DIR)
    .filter((file) => file.endsWith('.bench.ts'))
    .sort()
    .map((file) => ({ name: file.replace(/\.bench\.ts$/, ''), load: () => import(path.join(BENCH_DIR, file)) as Promise<BenchModule> }));
  return [...own, ...discovered].filter((m) => selected(m.name));
}

function cell(row: BenchRow): string[] {
  return [row.name, String(row.value), row.unit, row.baseline ?? '', row.ratio === undefined ? '' : String(row.ratio), row.target ?? '', row.note ?? ''];
}

function table(results: BenchResult[]): string {
  const header = ['figure', 'median', 'unit', 'baseline', 'ratio', 'target', 'note'];
  const lines = results.flatMap((r) => r.rows.map(cell));
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] as string).length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
  return [format(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(format)].join('\n');
}

/** A module's stray exception (in a callback outside its promise) fails that module, not the run. */
async function runGuarded(module: BenchModule): Promise<BenchResult> {
  let onStray: (error: unknown) => void = () => undefined;
  const stray = new Promise<never>((_, reject) => (onStray = reject));
  process.on('uncaughtException', onStray);
  process.on('unhandledRejection', onStray);
  try {
    return await Promise.race([module.run(), stray]);
  } finally {
    process.off('uncaughtException', onStray);
    process.off('unhandledRejection', onStray);
  }
}

async function main(): Promise<void> {
  const stopHandlingInterrupts = cleanUpOnInterrupt();
  execFileSync(process.execPath, [path.join(REPO, 'scripts', 'build.mjs'), '--production'], { cwd: REPO, stdio: 'inherit' });
  const engineVersion = await docker.version().then(
    (v) => `Docker ${v.Version} (API ${v.ApiVersion})`,
    () => undefined,
  );
  const selectedModules = await modules();
  if (!engineVersion && selectedModules.some((m) => ENGINE_SECTIONS.includes(m.name))) {
    throw new Error(
      'npm run bench needs a running Docker engine (DOCKER_HOST or /var/run/docker.sock) and none answered: run scripts/ensure-docker.sh and scripts/build-test-images.sh, or pick sections with BENCH_ONLY=validation,activation.',
    );
  }
  const machine = {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model ?? '?',
    engine: engineVersion ?? 'no engine',
    node: process.version,
    date: new Date().toISOString(),
    quick: process.env.BENCH_QUICK === '1',
  };
  console.log(`machine: ${machine.cores} cores (${machine.cpu}), ${machine.engine}, Node ${machine.node}${machine.quick ? ', BENCH_QUICK' : ''}`);
  const results: BenchResult[] = [];
  const failures: string[] = [];
  try {
    for (const { name, load } of selectedModules) {
      console.log(`running ${name}...`);
      try {
        const result = await runGuarded(await load());
        results.push(result);
        console.log(table([result]));
      } catch (error) {
        failures.push(`${name}: ${(error as Error).stack ?? String(error)}`);
        console.error(`${name} failed: ${(error as Error).message}`);
      }
    }
  } finally {
    await removeBenchObjects();
    stopHandlingInterrupts();
  }
  await assertNothingLeaked();
  const json: Record<string, unknown> = { machine };
  for (const result of results) Object.assign(json, result.json);
  const file = path.join(BENCH_DIR, 'results.json');
  writeFileSync(`${file}.tmp`, `${JSON.stringify(json, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  console.log(`\nFlotilla benchmarks, ${machine.date.slice(0, 10)}, ${machine.cores} cores, ${machine.engine}\n`);
  console.log(table(results));
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
  if (failures.length > 0) {
    console.error(`\n${failures.length} benchmark(s) failed:\n${failures.join('\n')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
