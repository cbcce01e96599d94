// up / no-op re-apply / down of a 20-pod project: Flotilla (the built CLI, as a user runs it)
// against the floor (the same containers created and started with dockerode directly, at a
// bounded concurrency) and the peer (Debian's docker-compose on the same project). Contenders
// are interleaved in every repetition, so load from other work on the machine hits them alike.

import type Docker from 'dockerode';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LABEL } from '../../src/core/model/labels';
import { loadManifest } from '../../src/core/manifest/load';
import type { DesiredState } from '../../src/core/model/state';
import { up } from '../../src/core/reconcile/up';
import { createDockerEngine } from '../../src/engine';
import { toCreateOptions } from '../../src/engine/mapping';
import type { BenchResult, BenchRow } from '../types';
import { BENCH_IMAGE, composeFile, flotillaManifest, STOP_GRACE_S } from '../lib/bench-project';
import { benchProject, docker, ensureDockerCompose, recordStarts, removeBenchObjects, requireBenchImage, runCommand, settleEvents } from '../lib/engine-harness';
import { median, percentile, podReadyTimes, repetitions, round, timed } from '../lib/stats';

const PODS = 20;
const CONTAINERS_PER_POD = 2;
const ATTEMPTS = 4;
const RETRY_WAIT_MS = 10_000;
const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');

interface UpSample {
  ms: number;
  readyP50: number;
  readyP100: number;
  firstReady: number;
}

type Samples = Record<string, UpSample[]>;

function desiredOf(manifest: string, dir: string): DesiredState {
  const loaded = loadManifest(manifest, { manifestDir: dir, defaultProject: 'bench' });
  if (!loaded.desired) throw new Error(`bench manifest invalid: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
  return loaded.desired;
}

async function measureUp(project: string, bringUp: () => Promise<void>): Promise<UpSample> {
  const recorder = await recordStarts(project);
  const since = Date.now();
  const { ms } = await timed(bringUp);
  await settleEvents();
  const ready = podReadyTimes(recorder.stop(), since, CONTAINERS_PER_POD);
  if (ready.length !== PODS) throw new Error(`${project}: saw ${ready.length} of ${PODS} pods start`);
  return { ms, readyP50: percentile(ready, 50), readyP100: percentile(ready, 100), firstReady: Math.min(...ready) };
}

/** The floor: network, then each pod's containers created and started in order, N pods at a time. */
async function floorUp(desired: DesiredState, concurrency: number): Promise<void> {
  await docker.createNetwork({ Name: desired.network, Driver: 'bridge', Labels: { [LABEL.project]: desired.project } });
  const pods = desired.services.map((service) => ({ service, pod: `${service.name}-1` }));
  let next = 0;
  const worker = async () => {
    while (next < pods.length) {
      const { service, pod } = pods[next++] as (typeof pods)[number];
      const request = { project: desired.project, service, pod, revision: 1, network: desired.network, node: 'local' };
      let first: string | undefined;
      for (let index = 0; index < service.containers.length; index++) {
        const container = await docker.createContainer(toCreateOptions(request, index, first));
        first ??= container.id;
        await container.start();
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** The HTTP requests a no-op `up` makes, counted at dockerode's transport. */
async function inProcessNoop(desired: DesiredState): Promise<{ ms: number; calls: number }> {
  const engine = createDockerEngine();
  const modem = engine.docker.modem as Docker['modem'] & { dial: (...args: unknown[]) => unknown };
  const dial = modem.dial.bind(modem);
  let calls = 0;
  modem.dial = (...args: unknown[]) => {
    calls++;
    return dial(...args);
  };
  await up(desired, engine, { settleMs: 0 }); // connection warm-up, as in a running editor
  calls = 0;
  const { ms, value } = await timed(() => up(desired, engine, { settleMs: 0 }));
  if (value.applied !== 0) throw new Error(`a no-op up applied ${value.applied} change(s)`);
  return { ms, calls };
}

export async function run(): Promise<BenchResult> {
  await requireBenchImage(BENCH_IMAGE);
  const composeVersion = ensureDockerCompose();
  const reps = repetitions(5);
  const floorConcurrencies = process.env.BENCH_QUICK === '1' ? [4] : [2, 4, 8];
  const up: Samples = {};
  const noop: Record<string, number[]> = { flotilla: [], compose: [], inProcess: [], nodeStart: [] };
  const down: Record<string, number[]> = { flotilla: [], compose: [] };
  let engineCalls = 0;
  const push = (key: string, sample: UpSample) => (up[key] ??= []).push(sample);
  const failures: string[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'flotilla-bench-'));
  try {
    const contenders: Record<string, () => Promise<void>> = {
      flotilla: async () => {
        const project = benchProject('flotilla');
        const file = path.join(dir, `${project}.yaml`);
        const manifest = flotillaManifest({ project, pods: PODS });
        writeFileSync(file, manifest);
        try {
          push('flotilla', await measureUp(project, () => runCommand(process.execPath, [CLI, 'up', '-f', file], dir)));
          noop.flotilla!.push((await timed(() => runCommand(process.execPath, [CLI, 'up', '-f', file], dir))).ms);
          // What any Node.js command costs before it does anything: the floor under the CLI figure.
          noop.nodeStart!.push((await timed(() => runCommand(process.execPath, ['-e', '0'], dir))).ms);
          const inProcess = await inProcessNoop(desiredOf(manifest, dir));
          noop.inProcess!.push(inProcess.ms);
          engineCalls = inProcess.calls;
          down.flotilla!.push((await timed(() => runCommand(process.execPath, [CLI, 'down', '-f', file], dir))).ms);
        } finally {
          await removeBenchObjects(project);
        }
      },
      compose: async () => {
        const project = benchProject('compose');
        const file = path.join(dir, `${project}.compose.yaml`);
        writeFileSync(file, composeFile({ project, pods: PODS }));
        const compose = (...args: string[]) => runCommand('docker-compose', ['-p', project, '-f', file, ...args], dir);
        try {
          push('compose', await measureUp(project, () => compose('up', '-d')));
          noop.compose!.push((await timed(() => compose('up', '-d'))).ms);
          down.compose!.push((await timed(() => compose('down', '-t', String(STOP_GRACE_S)))).ms);
        } finally {
          await removeBenchObjects(project);
        }
      },
    };
    for (const concurrency of floorConcurrencies) {
      contenders[`floor-c${concurrency}`] = async () => {
        const project = benchProject('floor');
        const desired = desiredOf(flotillaManifest({ project, pods: PODS }), dir);
        try {
          push(`floor-c${concurrency}`, await measureUp(project, () => floorUp(desired, concurrency)));
        } finally {
          await removeBenchObjects(project);
        }
      };
    }
    const names = Object.keys(contenders);
    for (let rep = 0; rep < reps; rep++) {
      // Rotate the order each repetition: no contender always runs first on a cold engine.
      const order = names.map((_, i) => names[(i + rep) % names.length] as string);
      for (const name of order) {
        process.stderr.write(`  engine rep ${rep + 1}/${reps}: ${name}...\n`);
        // The engine is shared: a transient failure (no address pool left for one more network
        // while others' tests hold them all) is retried, and at worst loses one sample.
        for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
          try {
            await contenders[name]!();
            break;
          } catch (error) {
            const why = (error as Error).message.split('\n').slice(0, 3).join(' ');
            failures.push(`rep ${rep + 1} ${name} attempt ${attempt}: ${why}`);
            process.stderr.write(`  ${name} failed (attempt ${attempt}/${ATTEMPTS}): ${why}\n`);
            if (attempt < ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, RETRY_WAIT_MS));
          }
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const missing = ['flotilla', 'compose', ...floorConcurrencies.map((c) => `floor-c${c}`)].filter((key) => (up[key] ?? []).length === 0);
  if (missing.length > 0) throw new Error(`no sample for ${missing.join(', ')}: ${failures.join('; ')}`);
  const result = report(up, noop, down, engineCalls, floorConcurrencies, composeVersion, reps);
  result.json.dropped_samples = failures;
  return result;
}

function report(
  up: Samples,
  noop: Record<string, number[]>,
  down: Record<string, number[]>,
  engineCalls: number,
  floorConcurrencies: number[],
  composeVersion: string,
  reps: number,
): BenchResult {
  const med = (key: string, field: keyof UpSample) => median((up[key] ?? []).map((s) => s[field]));
  const floorKey = floorConcurrencies.map((c) => `floor-c${c}`).reduce((best, key) => (med(key, 'ms') < med(best, 'ms') ? key : best));
  const flotilla = med('flotilla', 'ms');
  const floor = med(floorKey, 'ms');
  const compose = med('compose', 'ms');
  const r1 = flotilla / floor;
  const r2 = compose / flotilla;
  const noopFlotilla = median(noop.flotilla ?? []);
  const noopCompose = median(noop.compose ?? []);
  const noopInProcess = median(noop.inProcess ?? []);
  const nodeStart = median(noop.nodeStart ?? []);
  const r3 = noopCompose / noopFlotilla;
  const downFlotilla = median(down.flotilla ?? []);
  const downCompose = median(down.compose ?? []);
  const s = (ms: number) => round(ms / 1000, 2);
  const rows: BenchRow[] = [
    {
      name: `up ${PODS} pods x ${CONTAINERS_PER_POD}: flotilla`,
      value: s(flotilla),
      unit: 's',
      baseline: `floor ${s(floor)} s`,
      ratio: round(r1),
      target: '<= 1.10',
      note: 'CLI process, incl. the 0.5 s check that no container exits right after start',
    },
    { name: 'up: floor (dockerode)', value: s(floor), unit: 's', note: `best of concurrency ${floorConcurrencies.join('/')}: ${floorKey}` },
    { name: `up: docker-compose ${composeVersion}`, value: s(compose), unit: 's', baseline: `flotilla ${s(flotilla)} s`, ratio: round(r2), target: 'compose/flotilla >= 1.0' },
  ];
  for (const key of ['flotilla', floorKey, 'compose']) {
    rows.push({ name: `pod ready p50 / first: ${key}`, value: s(med(key, 'readyP50')), unit: 's', note: `first pod ${s(med(key, 'firstReady'))} s` });
    rows.push({
      name: `pod ready p100: ${key}`,
      value: s(med(key, 'readyP100')),
      unit: 's',
      ...(key === 'flotilla'
        ? {
            baseline: `floor ${s(med(floorKey, 'readyP100'))} s`,
            ratio: round(med(key, 'readyP100') / med(floorKey, 'readyP100')),
            note: 'last pod running, from the command start (no crash check)',
          }
        : {}),
    });
  }
  rows.push(
    {
      name: 'no-op re-apply: flotilla',
      value: round(noopFlotilla, 0),
      unit: 'ms',
      baseline: `compose ${round(noopCompose, 0)} ms`,
      ratio: round(r3, 1),
      target: 'compose/flotilla >= 10',
      note: `CLI process: Node.js start, load, validate, one list; ${round(noopFlotilla / nodeStart, 1)}x a bare Node.js start`,
    },
    { name: 'no-op re-apply: Node.js start alone', value: round(nodeStart, 0), unit: 'ms', note: 'node -e 0, the floor of any Node.js CLI' },
    { name: 'no-op re-apply: in-process up()', value: round(noopInProcess, 1), unit: 'ms', note: `${engineCalls} engine call(s), as the editor re-applies` },
    { name: 'no-op re-apply: docker-compose up -d', value: round(noopCompose, 0), unit: 'ms' },
    {
      name: `down (grace ${STOP_GRACE_S} s): flotilla`,
      value: s(downFlotilla),
      unit: 's',
      baseline: `compose ${s(downCompose)} s`,
      ratio: round(downCompose / downFlotilla),
      note: 'ratio: compose/flotilla',
    },
    { name: `down: docker-compose down -t ${STOP_GRACE_S}`, value: s(downCompose), unit: 's' },
  );
  return {
    title: `engine: ${PODS} pods of ${CONTAINERS_PER_POD} containers, ${reps} interleaved repetitions`,
    rows,
    json: {
      up: {
        flotilla_over_floor: round(r1, 3),
        compose_over_flotilla: round(r2, 3),
        flotilla_ms: round(flotilla, 0),
        floor_ms: round(floor, 0),
        compose_ms: round(compose, 0),
        floor_best: floorKey,
        samples: up,
      },
      noop: {
        compose_over_flotilla: round(r3, 2),
        flotilla_cli_ms: round(noopFlotilla, 1),
        in_process_ms: round(noopInProcess, 1),
        node_start_ms: round(nodeStart, 1),
        engine_calls: engineCalls,
        compose_ms: round(noopCompose, 1),
        samples: noop,
      },
      down: {
        flotilla_ms: round(downFlotilla, 0),
        compose_ms: round(downCompose, 0),
        compose_over_flotilla: round(downCompose / downFlotilla, 3),
        grace_s: STOP_GRACE_S,
        samples: down,
      },
      compose_version: composeVersion,
    },
  };
}
