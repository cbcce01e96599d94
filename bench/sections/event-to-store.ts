// Event to store: from a container's `die` event (the engine's own time) to the editor's store
// (src/core/status/store.ts) reflecting it, fed as the editor feeds it: the RefreshManager applies
// each engine event to the store at once (the event log and the last exit) and re-lists,
// debounced 500 ms, for the observed state the tree shows.

import { loadManifest } from '../../src/core/manifest/load';
import type { DesiredState, ObservedState } from '../../src/core/model/state';
import { FlotillaStore } from '../../src/core/status/store';
import { up } from '../../src/core/reconcile/up';
import { createDockerEngine } from '../../src/engine';
import { RefreshManager } from '../../src/vscode/refresh';
import { BENCH_IMAGE } from '../lib/bench-project';
import { benchProject, docker, removeBenchObjects, withRetries } from '../lib/engine-harness';
import { median, repetitions, round } from '../lib/stats';
import type { BenchResult } from '../types';

const WAIT_MS = 15_000;

function manifest(project: string): string {
  return `version: 1\nproject: ${project}\nservices:\n  web:\n    stopGracePeriod: 1s\n    containers:\n      main:\n        image: ${BENCH_IMAGE}\n        command: [sleep, "3600"]\n`;
}

function running(observed: ObservedState | undefined, id?: string): string | undefined {
  return observed?.pods[0]?.containers.find((c) => c.state === 'running' && (id === undefined || c.id === id))?.id;
}

async function until<T>(what: string, check: () => T | undefined): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${WAIT_MS} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

interface Sample {
  /** die -> the store's event log has it (applyEngineEvent). */
  eventMs: number;
  /** die -> the store's observed state shows the container stopped (debounced re-list). */
  observedMs: number;
}

async function measureOnce(desired: DesiredState, engine: ReturnType<typeof createDockerEngine>): Promise<Sample> {
  const project = desired.project;
  // A fresh pod for every repetition (up replaces the one killed last time).
  const target = running((await up(desired, engine, { settleMs: 0 })).observed);
  if (!target) throw new Error('no running container to kill');
  const store = new FlotillaStore();
  const changedAt = { event: undefined as number | undefined, observed: undefined as number | undefined };
  const subscription = store.onDidChange((change) => {
    if (change.project !== project) return;
    const now = Date.now();
    if (changedAt.event === undefined && store.events(project).some((e) => e.kind === 'died')) changedAt.event = now;
    const observed = store.project(project)?.observed;
    if (changedAt.event !== undefined && changedAt.observed === undefined && observed && !running(observed, target)) changedAt.observed = now;
  });
  let connected = false;
  const watchedEngine = Object.create(engine) as typeof engine;
  // Only to know when the event stream is up before killing; the events flow on unchanged.
  watchedEngine.watchEvents = (p, onEvent, onStatus, signal) =>
    engine.watchEvents(p, onEvent, (status) => ((connected ||= status.state === 'connected'), onStatus(status)), signal);
  const manager = new RefreshManager(store, { get: async () => watchedEngine, noteFailure: () => undefined });
  try {
    manager.setProjects([project]);
    manager.setArmed(true);
    await until('the event stream and a first listing', () => (connected && running(store.project(project)?.observed, target) ? true : undefined));
    const events = await docker.getEvents({ filters: JSON.stringify({ container: [target], event: ['die'] }) });
    const die = new Promise<number>((resolve) => events.once('data', (d: Buffer) => resolve(Number(JSON.parse(d.toString()).timeNano) / 1e6)));
    await docker.getContainer(target).kill();
    const dieAt = await die;
    (events as unknown as { destroy(): void }).destroy();
    await until('the store to show the container stopped', () => changedAt.observed);
    return { eventMs: (changedAt.event as number) - dieAt, observedMs: (changedAt.observed as number) - dieAt };
  } finally {
    subscription.dispose();
    manager.dispose();
  }
}

export async function run(): Promise<BenchResult> {
  const project = benchProject('events');
  const engine = createDockerEngine();
  const desired = loadManifest(manifest(project), { manifestDir: '/bench', defaultProject: project }).desired!;
  const samples: Sample[] = [];
  try {
    for (let i = 0; i < repetitions(7); i++) samples.push(await withRetries('event to store', () => measureOnce(desired, engine)));
  } finally {
    await removeBenchObjects(project);
  }
  const eventMs = median(samples.map((s) => s.eventMs));
  const observedMs = median(samples.map((s) => s.observedMs));
  return {
    title: 'event to store',
    rows: [
      { name: 'die event -> store event log', value: round(eventMs, 1), unit: 'ms', note: 'RefreshManager -> store.applyEngineEvent (engine event time to store change)' },
      { name: 'die event -> store observed state', value: round(observedMs, 0), unit: 'ms', note: "re-list debounced 500 ms from the burst's first event (kill), by design" },
    ],
    json: { event_to_store: { die_to_event_log_ms: round(eventMs, 1), die_to_observed_ms: round(observedMs, 1), samples } },
  };
}
