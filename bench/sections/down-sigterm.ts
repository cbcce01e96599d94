// `down` of 20 pods whose processes ignore SIGTERM, as many real images do (busybox httpd and a
// shell loop as PID 1), with the manifest's grace period: only the kill at its end stops them.
// Flotilla (the built CLI) and docker-compose in the same run, interleaved, against the target
// "grace period + 1.5 s": a pod stopped as one takes one grace period, and all pods go together.
// The same pods exiting on SIGTERM show what of the rest is the engine's own work.
// The engine's kill events say how far apart the containers got SIGTERM.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import type { BenchResult } from '../types';
import { BENCH_IMAGE, composeFile, flotillaManifest } from '../lib/bench-project';
import { benchProject, ensureDockerCompose, recordEvents, removeBenchObjects, requireBenchImage, runCommand, settleEvents, withRetries } from '../lib/engine-harness';
import { median, repetitions, round, timed } from '../lib/stats';

const PODS = 20;
const GRACE_S = 5;
const TARGET_MS = GRACE_S * 1000 + 1500;
const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');

const CONTENDERS = ['flotilla', 'compose', 'exiting'] as const;
type Contender = (typeof CONTENDERS)[number];

interface DownSample {
  ms: number;
  /** First to last SIGTERM the engine sent, across every container of the project. */
  termSpreadMs: number;
}

/**
 * Records when the engine sent SIGTERM to one project's containers, as it happens (the engine
 * replays only its last 256 events: too few for 40 containers on a busy shared engine).
 */
async function recordSigterms(project: string): Promise<{ stop: () => number[] }> {
  const times: number[] = [];
  return recordEvents(
    project,
    'kill',
    (event) => {
      if (event.Actor.Attributes.signal === '15') times.push(event.timeNano / 1e6);
    },
    () => times,
  );
}

async function measureDown(project: string, takeDown: () => Promise<void>): Promise<DownSample> {
  const recorder = await recordSigterms(project);
  let ms: number;
  let terms: number[];
  try {
    ms = (await timed(takeDown)).ms;
    await settleEvents();
  } finally {
    terms = recorder.stop();
  }
  if (terms.length !== PODS * 2) throw new Error(`${project}: saw ${terms.length} of ${PODS * 2} containers get SIGTERM`);
  return { ms, termSpreadMs: Math.max(...terms) - Math.min(...terms) };
}

export async function run(): Promise<BenchResult> {
  await requireBenchImage(BENCH_IMAGE);
  const composeVersion = ensureDockerCompose();
  const reps = repetitions(5);
  const loadBefore = loadavg()[0] as number;
  const samples: Record<Contender, DownSample[]> = { flotilla: [], compose: [], exiting: [] };
  const dir = mkdtempSync(path.join(tmpdir(), 'flotilla-bench-'));
  const shape = (project: string) => ({ project, pods: PODS, ignoreSigterm: { graceS: GRACE_S } });
  const flotillaDown = async (key: 'flotilla' | 'exiting') => {
    const project = benchProject(`${key}-stop`);
    const file = path.join(dir, `${project}.yaml`);
    // The same pods exiting on SIGTERM: what the engine's own stop and removal work costs.
    writeFileSync(file, flotillaManifest(key === 'flotilla' ? shape(project) : { project, pods: PODS }));
    try {
      await runCommand(process.execPath, [CLI, 'up', '-f', file], dir);
      samples[key].push(await measureDown(project, () => runCommand(process.execPath, [CLI, 'down', '-f', file], dir)));
    } finally {
      await removeBenchObjects(project);
    }
  };
  const contenders: Record<Contender, () => Promise<void>> = {
    flotilla: () => flotillaDown('flotilla'),
    exiting: () => flotillaDown('exiting'),
    compose: async () => {
      const project = benchProject('compose-stop');
      const file = path.join(dir, `${project}.compose.yaml`);
      writeFileSync(file, composeFile(shape(project)));
      const compose = (...args: string[]) => runCommand('docker-compose', ['-p', project, '-f', file, ...args], dir);
      try {
        await compose('up', '-d');
        samples.compose.push(await measureDown(project, () => compose('down', '-t', String(GRACE_S))));
      } finally {
        await removeBenchObjects(project);
      }
    },
  };
  try {
    for (let rep = 0; rep < reps; rep++) {
      // Rotate who goes first: none always meets a cold engine.
      const order = CONTENDERS.map((_, i) => CONTENDERS[(i + rep) % CONTENDERS.length] as Contender);
      for (const name of order) {
        process.stderr.write(`  down-sigterm rep ${rep + 1}/${reps}: ${name}...\n`);
        // A failed compose down can leave its network stuck on the engine (Docker reports
        // active endpoints with no container left): it is tried twice, not four times.
        await withRetries(name, contenders[name], name === 'compose' ? 2 : 4).catch((error: Error) => {
          throw new Error(`${name}: ${error.message.split('\n').slice(-6).join(' | ')}`);
        });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const flotilla = median(samples.flotilla.map((s) => s.ms));
  const compose = median(samples.compose.map((s) => s.ms));
  const exiting = median(samples.exiting.map((s) => s.ms));
  const spread = (key: Contender) => round(median(samples[key].map((s) => s.termSpreadMs)), 0);
  const s = (ms: number) => round(ms / 1000, 2);
  return {
    title: `down of ${PODS} pods x 2 whose processes ignore SIGTERM, grace ${GRACE_S} s, ${reps} interleaved repetitions, load average ${round(loadBefore, 1)} before`,
    rows: [
      {
        name: `down ${PODS} pods, SIGTERM ignored (grace ${GRACE_S} s): flotilla`,
        value: s(flotilla),
        unit: 's',
        baseline: `grace + 1.5 s = ${s(TARGET_MS)} s`,
        ratio: round(flotilla / TARGET_MS),
        target: '<= 1.0',
        note: `ratio: flotilla/(grace + 1.5 s); CLI process; SIGTERM spread ${spread('flotilla')} ms`,
      },
      {
        name: "down SIGTERM handled (the engine's work): flotilla",
        value: s(exiting),
        unit: 's',
        note: `the same pods exiting on SIGTERM; flotilla above minus the grace period: ${s(flotilla - GRACE_S * 1000)} s`,
      },
      {
        name: `down SIGTERM ignored: docker-compose ${composeVersion} down -t ${GRACE_S}`,
        value: s(compose),
        unit: 's',
        baseline: `flotilla ${s(flotilla)} s`,
        ratio: round(compose / flotilla),
        target: 'compose/flotilla ~2',
        note: `ratio: compose/flotilla; SIGTERM spread ${spread('compose')} ms`,
      },
    ],
    json: {
      down_sigterm: {
        load_average_before: round(loadBefore, 2),
        grace_s: GRACE_S,
        pods: PODS,
        flotilla_ms: round(flotilla, 0),
        compose_ms: round(compose, 0),
        exiting_ms: round(exiting, 0),
        flotilla_over_target: round(flotilla / TARGET_MS, 3),
        compose_over_flotilla: round(compose / flotilla, 3),
        samples,
      },
    },
  };
}
