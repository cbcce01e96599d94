// Restart backoff as kubelet does it: 10 s doubling to 5 min, forgotten after 10 min of good
// running. Tracked per pod, in memory of the supervisor that restarts it.

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

export class RestartBackoff {
  private readonly pods = new Map<string, PodCrashes>();

  constructor(private readonly policy: BackoffPolicy = KUBELET_BACKOFF) {}

  /** When the pod may next be restarted (now or later). */
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

  private current(pod: string, now: number): PodCrashes | undefined {
    const state = this.pods.get(pod);
    if (state && now - state.lastRestartAt >= this.policy.resetAfterMs) {
      this.pods.delete(pod);
      return undefined;
    }
    return state;
  }
}
