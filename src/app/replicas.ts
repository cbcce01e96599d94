// Scale overrides: a replica count set by Scale holds until the manifest's own count for that
// service changes (then the manifest wins again). One policy for both front ends; where the
// counts live is the caller's (the editor's window keeps them while it runs; a `flotilla scale`
// hands its count to the running supervisor, or applies it once).

import type { DesiredService, DesiredState } from '../core/model/state';

export const MAX_REPLICAS = 50;

export interface ReplicaOverrides {
  /** The manifest's desired state with the held counts applied. */
  effective(desired: DesiredState): DesiredState;
  set(project: string, service: string, replicas: number, manifestReplicas: number): void;
}

/** A Scale count, held while the manifest still says `manifestReplicas`. */
interface Held {
  replicas: number;
  manifestReplicas: number;
}

export class HeldReplicas implements ReplicaOverrides {
  /** project -> service -> the count Scale set. */
  private readonly held = new Map<string, Map<string, Held>>();

  effective(desired: DesiredState): DesiredState {
    const held = this.held.get(desired.project);
    if (!held || held.size === 0) return desired;
    const count = (s: DesiredService) => {
      const h = held.get(s.name);
      return h !== undefined && h.manifestReplicas === s.replicas ? h.replicas : undefined;
    };
    return { ...desired, services: desired.services.map((s) => (count(s) === undefined ? s : { ...s, replicas: count(s) as number })) };
  }

  set(project: string, service: string, replicas: number, manifestReplicas: number): void {
    const held = this.held.get(project) ?? new Map<string, Held>();
    held.set(service, { replicas, manifestReplicas });
    this.held.set(project, held);
  }
}

/** The same state with one service's replica count changed. */
export function withReplicas(desired: DesiredState, service: string, replicas: number): DesiredState {
  return { ...desired, services: desired.services.map((s) => (s.name === service ? { ...s, replicas } : s)) };
}

/** The highest count Scale accepts for a service: its autoscale maximum when above the default. */
export function maxReplicas(spec: DesiredService): number {
  return Math.max(spec.autoscale?.max ?? MAX_REPLICAS, MAX_REPLICAS);
}

/** Undefined when the text is a valid count, else what is wrong (a front end words it). */
export function checkReplicas(text: string, max = MAX_REPLICAS): { problem: 'not-a-count' | 'too-many'; max: number } | undefined {
  const value = text.trim();
  if (!/^[0-9]+$/.test(value)) return { problem: 'not-a-count', max };
  return Number(value) > max ? { problem: 'too-many', max } : undefined;
}
