// Event to store: from a container's `die` event (the engine's own time) to the state the
// views are fed from reflecting it. Until the editor's store (src/core/store.ts) lands, this
// measures the supervisor's re-list: the first listProject inside `supervise` that shows the
// killed container stopped. The supervisor debounces event bursts by 100 ms on purpose.

import { loadManifest } from '../../src/core/manifest/load';
import type { EngineEvent } from '../../src/core/ports';
import type { ObservedState } from '../../src/core/state';
import { supervise } from '../../src/core/supervisor';
import { up } from '../../src/core/up';
import { createDockerEngine } from '../../src/engine';
import { BENCH_IMAGE } from '../lib/bench-project';
import { benchProject, docker, removeBenchObjects } from '../lib/engine-harness';
import { median, repetitions, round } from '../lib/stats';
import type { BenchResult } from '../types';

const WAIT_MS = 20_000;

function manifest(project: string): string {
  return `version: 1\nproject: ${project}\nservices:\n  web:\n    stopGracePeriod: 1s\n    containers:\n      main:\n        image: ${BENCH_IMAGE}\n        command: [sleep, "3600"]\n`;
}

function running(observed: ObservedState): string | undefined {
  return observed.pods[0]?.containers.find((c) => c.state === 'running')?.id;
}

/** One kill under a fresh supervisor (a fresh restart backoff, so every heal is immediate). */
async function measureOnce(project: string, engine: ReturnType<typeof createDockerEngine>): Promise<{ storeMs: number; deliveryMs: number }> {
  const desired = loadManifest(manifest(project), { manifestDir: '/bench', defaultProject: project }).desired!;
  const observed = await engine.listProject(project);
  const target = running(observed) ?? running((await up(desired, engine, { settleMs: 0 })).observed);
  if (!target) throw new Error('no running container to kill');
  let die: { event: EngineEvent; receivedAt: number } | undefined;
  let reflectedAt: number | undefined;
  let firstPass!: () => void;
  let connected!: () => void;
  const firstPassDone = new Promise<void>((resolve) => (firstPass = resolve));
  const streamConnected = new Promise<void>((resolve) => (connected = resolve));
  // The store is fed from listProject: watch what each list returns.
  const watched = Object.create(engine) as typeof engine;
  watched.listProject = async (p, signal) => {
    const state = await engine.listProject(p, signal);
    const stopped = !state.pods.some((pod) => pod.containers.some((c) => c.id === target && c.state === 'running'));
    if (die && stopped && reflectedAt === undefined) reflectedAt = Date.now();
    firstPass();
    return state;
  };
  const abort = new AbortController();
  const supervising = supervise(desired, watched, abort.signal, {
    onNote: (note) => {
      if (note.kind === 'stream' && note.status.state === 'connected') connected();
      if (note.kind === 'event' && note.event.action === 'die' && note.event.containerId === target) die = { event: note.event, receivedAt: Date.now() };
    },
  });
  try {
    // Kill only once the event stream is connected and the first pass is done.
    await Promise.all([firstPassDone, streamConnected]);
    await docker.getContainer(target).kill();
    const deadline = Date.now() + WAIT_MS;
    while (reflectedAt === undefined || die === undefined) {
      if (Date.now() > deadline) throw new Error(`the kill of ${target.slice(0, 12)} was not reflected within ${WAIT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // Let the supervisor heal the pod, so the next repetition has a container to kill.
    while (Date.now() < deadline && !running(await engine.listProject(project))) await new Promise((resolve) => setTimeout(resolve, 50));
    return { storeMs: reflectedAt - die.event.time, deliveryMs: die.receivedAt - die.event.time };
  } finally {
    abort.abort();
    await supervising;
  }
}

export async function run(): Promise<BenchResult> {
  const project = benchProject('events');
  const engine = createDockerEngine();
  const store: number[] = [];
  const delivery: number[] = [];
  try {
    for (let i = 0; i < repetitions(7); i++) {
      const sample = await measureOnce(project, engine);
      store.push(sample.storeMs);
      delivery.push(sample.deliveryMs);
    }
  } finally {
    await removeBenchObjects(project);
  }
  return {
    title: 'event to store',
    rows: [
      { name: 'die event -> observed state', value: round(median(store), 0), unit: 'ms', note: 'supervisor re-list (incl. its 100 ms debounce); store.ts not landed yet' },
      { name: 'die event -> delivered to Flotilla', value: round(median(delivery), 1), unit: 'ms', note: 'engine event time to the event callback' },
    ],
    json: { event_to_store: { die_to_observed_ms: round(median(store), 1), die_delivery_ms: round(median(delivery), 1), measured: 'supervisor re-list', samples: store } },
  };
}
