// Restart backoff as kubelet does it: 10 s doubling to 5 min, forgotten after 10 min of good
// running. Tracked per pod, in memory of the supervisor that restarts it. gateByBackoff decides,
// as a pure function of the plan, the crashes so far and now, which steps run now and which
// pods wait (and until when), as Nomad's reconciler returns delayed follow-ups.

import type { Plan, PlanStep } from './plan';

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  resetAfterMs: number;
}

export const KUBELET_BACKOFF: BackoffPolicy = { baseMs: 10_000, maxMs: 300_000, resetAfterMs: 600_000 };

export function restartDelay(policy: BackoffPolicy, crashes: number): number {
  if (crashes <= 1) return 0;
  return Math.min(policy.maxMs, policy.baseMs * 2 ** (crashes - 2));
}

interface PodCrashes {
  crashes: number;
  lastRestartAt: number;
}

/** What gating reads of the backoff: nothing here changes it. */
export interface BackoffReader {
  /** When the pod may next be restarted (now or later). */
  nextAllowedAt(pod: string, now: number): number;
  crashes(pod: string, now: number): number;
}

export class RestartBackoff implements BackoffReader {
  private readonly pods = new Map<string, PodCrashes>();

  constructor(private readonly policy: BackoffPolicy = KUBELET_BACKOFF) {}

  nextAllowedAt(pod: string, now: number): number {
    const state = this.current(pod, now);
    if (!state) return now;
    return state.lastRestartAt + restartDelay(this.policy, state.crashes + 1);
  }

  recordRestart(pod: string, now: number): number {
    const crashes = (this.current(pod, now)?.crashes ?? 0) + 1;
    this.pods.set(pod, { crashes, lastRestartAt: now });
    return crashes;
  }

  crashes(pod: string, now: number): number {
    return this.current(pod, now)?.crashes ?? 0;
  }

  /** The pod's crashes, unless it has run long enough since the last restart to forget them. */
  private current(pod: string, now: number): PodCrashes | undefined {
    const state = this.pods.get(pod);
    return state && now - state.lastRestartAt < this.policy.resetAfterMs ? state : undefined;
  }
}

/** A pod whose heal or re-creation waits out its backoff. */
export interface HeldPod {
  pod: string;
  crashes: number;
  /** When it may be restarted. */
  allowedAt: number;
}

export interface BackoffGate {
  /** The plan's steps to run now, in plan order. */
  due: PlanStep[];
  /** Pods held back, each once, in plan order. */
  held: HeldPod[];
  /** Pods the due steps heal: each counts as a restart. */
  healing: string[];
  /** When the first held pod becomes due; Infinity when none is held. */
  wakeAt: number;
}

/** Splits a plan into what runs now and what waits out its backoff. */
export function gateByBackoff(plan: Plan, backoff: BackoffReader, now: number): BackoffGate {
  const due: PlanStep[] = [];
  const held = new Map<string, HeldPod>();
  const healing = new Set<string>();
  for (const step of plan.steps) {
    const pod = 'pod' in step.action ? step.action.pod : undefined;
    // Heals, and any (re)creation of a pod whose last attempt failed, wait out its backoff.
    const guarded = pod !== undefined && (step.heal || step.action.kind === 'create-pod' || step.action.kind === 'start-containers');
    if (!guarded) {
      due.push(step);
      continue;
    }
    const allowedAt = backoff.nextAllowedAt(pod, now);
    if (allowedAt > now) {
      if (!held.has(pod)) held.set(pod, { pod, crashes: backoff.crashes(pod, now), allowedAt });
    } else {
      due.push(step);
      if (step.heal) healing.add(pod);
    }
  }
  const wakeAt = Math.min(Infinity, ...[...held.values()].map((h) => h.allowedAt));
  return { due, held: [...held.values()], healing: [...healing], wakeAt };
}
