// Runs the supervisor in-process against a real engine, keeping every note with its time, so
// tests and benchmarks can read what it saw and did.
import { tmpdir } from 'node:os';
import { KUBELET_BACKOFF } from '../../src/core/reconcile/backoff';
import { LABEL } from '../../src/core/model/labels';
import { loadManifest } from '../../src/core/manifest/load';
import type { DesiredState } from '../../src/core/model/state';
import { supervise, type SupervisorNote } from '../../src/core/supervise/supervisor';
import { createDockerEngine, type DockerEngine } from '../../src/engine';
import { docker, eventually } from './helpers';

export interface Timed {
  at: number;
  note: SupervisorNote;
}

export interface Supervised {
  project: string;
  desired: DesiredState;
  notes: Timed[];
  stop: () => Promise<void>;
}

export function desiredOf(project: string, servicesYaml: string): DesiredState {
  const loaded = loadManifest(`version: 1\nproject: ${project}\nservices:\n${servicesYaml}`, { manifestDir: tmpdir(), defaultProject: project });
  if (!loaded.desired) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
  return loaded.desired;
}

export function startSupervisor(project: string, servicesYaml: string, options: { engine?: DockerEngine; backoffBaseMs?: number; resyncMs?: number } = {}): Supervised {
  const desired = desiredOf(project, servicesYaml);
  const engine = options.engine ?? createDockerEngine();
  const notes: Timed[] = [];
  const controller = new AbortController();
  const running = supervise(desired, engine, controller.signal, {
    probes: engine,
    backoff: { ...KUBELET_BACKOFF, baseMs: options.backoffBaseMs ?? 500 },
    resyncMs: options.resyncMs ?? 30_000,
    onNote: (note) => notes.push({ at: Date.now(), note }),
  });
  return { project, desired, notes, stop: async () => (controller.abort(), await running) };
}

export async function containersOf(project: string, pod?: string, client = docker) {
  const all = await client.listContainers({ all: true, filters: JSON.stringify({ label: [`${LABEL.project}=${project}`] }) });
  return pod === undefined ? all : all.filter((c) => c.Labels[LABEL.pod] === pod);
}

/** Health notes of one pod/container, oldest first. */
export function healthNotes(s: Supervised, pod: string, container: string) {
  return s.notes.flatMap(({ at, note }) => (note.kind === 'health' && note.pod === pod && note.container === container ? [{ at, ...note }] : []));
}

export async function healthyContainer(s: Supervised, pod: string, container: string, except?: string, timeoutMs = 30_000): Promise<string> {
  return eventually(
    `${pod}/${container} healthy${except ? ' (a new container)' : ''}`,
    async () => {
      const last = new Map<string, string>();
      for (const n of healthNotes(s, pod, container)) last.set(n.containerId, n.health.status);
      const found = [...last].find(([id, status]) => status === 'healthy' && id !== except);
      return found?.[0];
    },
    timeoutMs,
  );
}
