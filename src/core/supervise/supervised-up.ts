// Up on a project a supervisor already runs (the editor's window or `flotilla up --watch`): the
// manifest is handed to that supervisor, which rolls a changed service out by its
// deploy.strategy, scales a replica-only change, creates a new service and removes a dropped
// one, and leaves the rest alone. Pure: what Up will ask for (changesForUp, from the listing
// before the handover), and how far it has got (followUp, from the revision file and a fresh
// listing), so the editor can show progress and the outcome of each changed service.

import { historyOf, type RevisionRecord, type RevisionsFile } from '../rollout/revisions';
import type { DesiredService, DesiredState, ObservedPod, ObservedState } from '../model/state';

export type ServiceChange =
  | { service: string; kind: 'unchanged' }
  /** Pods of another spec run: the supervisor rolls the new spec out by the strategy. */
  | { service: string; kind: 'rollout'; strategy: DesiredService['deploy']['strategy']; images: string[] }
  /** Same spec, another replica count (no pod yet: from 0). */
  | { service: string; kind: 'scale'; from: number; to: number }
  /** In the listing but no longer in the manifest. */
  | { service: string; kind: 'remove'; pods: number };

export function changesForUp(desired: DesiredState, observed: ObservedState): ServiceChange[] {
  const changes: ServiceChange[] = desired.services.map((spec) => {
    const pods = observed.pods.filter((p) => p.service === spec.name);
    if (pods.some((p) => p.specHash !== spec.specHash)) return { service: spec.name, kind: 'rollout', strategy: spec.deploy.strategy, images: spec.containers.map((c) => c.image) };
    if (pods.length !== spec.replicas) return { service: spec.name, kind: 'scale', from: pods.length, to: spec.replicas };
    return { service: spec.name, kind: 'unchanged' };
  });
  const gone = [...new Set(observed.pods.map((p) => p.service))].filter((name) => !desired.services.some((s) => s.name === name));
  for (const service of gone) changes.push({ service, kind: 'remove', pods: observed.pods.filter((p) => p.service === service).length });
  return changes;
}

/** Where each service's revisions stood before the handover: records from this number on are new. */
export function revisionBaseline(file: RevisionsFile, changes: ServiceChange[]): Map<string, number> {
  return new Map(changes.map((c) => [c.service, historyOf(file, c.service).nextNumber]));
}

export interface UpOutcome {
  service: string;
  ok: boolean;
  /** "web: deployed revision 3", "web: rolled back: <reason>". */
  text: string;
}

export interface UpProgress {
  /** Every change has an outcome. */
  done: boolean;
  /** One line per change still under way ("web: rolling out revision 3 (blue-green)"). */
  pending: string[];
  outcomes: UpOutcome[];
}

export function followUp(desired: DesiredState, changes: ServiceChange[], baseline: Map<string, number>, file: RevisionsFile, observed: ObservedState): UpProgress {
  const pending: string[] = [];
  const outcomes: UpOutcome[] = [];
  for (const change of changes) {
    if (change.kind === 'unchanged') continue;
    const pods = observed.pods.filter((p) => p.service === change.service);
    if (change.kind === 'remove') {
      if (pods.length === 0) outcomes.push({ service: change.service, ok: true, text: `${change.service}: removed` });
      else pending.push(`${change.service}: removing (${pods.length} pod${pods.length === 1 ? '' : 's'} left)`);
      continue;
    }
    const spec = desired.services.find((s) => s.name === change.service) as DesiredService;
    const settled = settledOn(spec, pods);
    if (change.kind === 'scale') {
      if (settled) outcomes.push({ service: spec.name, ok: true, text: `${spec.name}: scaled to ${spec.replicas}` });
      else pending.push(`${spec.name}: scaling ${change.from} → ${change.to} (${pods.filter((p) => p.specHash === spec.specHash && running(p)).length}/${spec.replicas} running)`);
      continue;
    }
    const step = rolloutStep(spec, historyOf(file, spec.name).revisions, baseline.get(spec.name) ?? 1, settled);
    if ('pending' in step) pending.push(step.pending);
    else outcomes.push(step);
  }
  return { done: pending.length === 0, pending, outcomes };
}

function rolloutStep(spec: DesiredService, revisions: RevisionRecord[], since: number, settled: boolean): UpOutcome | { pending: string } {
  const name = spec.name;
  const mine = [...revisions].reverse().find((r) => r.number >= since && r.specHash === spec.specHash);
  if (mine?.result === 'in progress')
    return { pending: `${name}: rolling out revision ${mine.number} (${spec.deploy.strategy})${mine.rollingBack ? `, rolling back: ${mine.rollingBack.reason}` : ''}` };
  if (mine?.result === 'deployed') return { service: name, ok: true, text: `${name}: deployed revision ${mine.number}` };
  if (mine) return { service: name, ok: false, text: `${name}: ${mine.result}` };
  // The supervisor does not retry a spec whose rollout it rolled back until the manifest changes.
  const last = revisions.at(-1);
  if (last && last.specHash === spec.specHash && last.result !== 'deployed' && last.result !== 'in progress') {
    return { service: name, ok: false, text: `${name}: not rolled out again: revision ${last.number} of this spec ended "${last.result}"; change the manifest to try again` };
  }
  // No rollout was needed after all (the old pods were gone, so the plan created the new spec).
  if (settled) return { service: name, ok: true, text: `${name}: runs the new spec` };
  return { pending: `${name}: waiting for the supervisor to start the rollout (${spec.deploy.strategy})` };
}

function running(pod: ObservedPod): boolean {
  return pod.containers.every((c) => c.state === 'running');
}

/** Exactly the desired replicas of the spec run, and nothing else. */
function settledOn(spec: DesiredService, pods: ObservedPod[]): boolean {
  return pods.length === spec.replicas && pods.every((p) => p.specHash === spec.specHash && running(p));
}

/** How long Up follows a handover before it says "still going" (rollouts bound themselves by these). */
export function followLimitMs(desired: DesiredState, changes: ServiceChange[]): number {
  const rollouts = changes.filter((c) => c.kind === 'rollout').map((c) => desired.services.find((s) => s.name === c.service) as DesiredService);
  // A rollout that fails is rolled back: up to two deadlines and two drains, plus time to start.
  return 60_000 + Math.max(0, ...rollouts.map((s) => 2 * (s.deploy.healthyDeadlineMs + s.deploy.drainTimeoutMs)));
}

/** The line for the notification and the output: what Up handed over, e.g. "web: blue-green to shop/web:2". */
export function describeChanges(changes: ServiceChange[]): string {
  const parts = changes.flatMap((c) => {
    switch (c.kind) {
      case 'unchanged':
        return [];
      case 'rollout':
        return [`${c.service}: ${c.strategy} to ${c.images.join(', ')}`];
      case 'scale':
        return [`${c.service}: ${c.from} → ${c.to} replicas`];
      case 'remove':
        return [`${c.service}: remove`];
    }
  });
  return parts.length === 0 ? 'nothing changed' : parts.join('; ');
}
