// The rollout state machine: from what exists now (pods of the old and new spec with their
// health, where traffic goes, what has been drained) to the next actions, with reasons. Pure and
// level-based like computePlan, so an interrupted deploy resumes from whatever it finds: the
// pods (by label), the proxy's routes and the revision record are all it needs.
//
// blue-green: start the whole new set beside the old, switch traffic at once when every new pod
// has been healthy for minHealthyTime, then drain and remove the old set.
// rolling (Kubernetes Deployment): at most replicas + maxSurge pods, at least replicas -
// maxUnavailable available; an old pod is retired only while the rest keep that floor, so each
// new pod is healthy before the next old one drains.

import { podName, podOrdinal } from '../model/labels';
import type { DesiredDeploy } from '../model/state';

export type PodStatus = 'starting' | 'healthy' | 'unhealthy' | 'crashed';

export interface RolloutPod {
  name: string;
  status: PodStatus;
  /** When the pod became healthy (and has stayed so since). */
  healthySince?: number;
  /** Milliseconds since the epoch; the healthy deadline counts from here. */
  createdAt: number;
  /** Times this pod crashed during this rollout (and was replaced). */
  crashes: number;
  exitCode?: number;
  /** Created but never started: the process creating it stopped in between (status is then 'crashed'). */
  neverStarted?: boolean;
}

export interface RolloutInput {
  service: string;
  replicas: number;
  deploy: DesiredDeploy;
  /** Pods of any other spec: the set being replaced. */
  oldPods: RolloutPod[];
  /** Pods of the spec being deployed. */
  newPods: RolloutPod[];
  /** Pods that receive new connections now. */
  routed: string[];
  /** Blue-green: traffic has been switched to the new set (kept in the revision record). */
  switched: boolean;
  /** Old pods chosen to leave (no longer routed), and those whose drain has finished. */
  retiring: string[];
  drained: string[];
  now: number;
  /** When this rollout (or its resumption) began: pods older than that get the deadline from here. */
  startedAt: number;
  /** A pod that crashed this many times is a crash loop. */
  crashLoopThreshold: number;
}

export type RolloutAction =
  | { kind: 'create-pod'; pod: string; reason: string }
  | { kind: 'replace-crashed'; pod: string; reason: string }
  | { kind: 'route'; pods: string[]; switch: boolean; reason: string }
  | { kind: 'drain-pod'; pod: string; reason: string }
  | { kind: 'remove-pod'; pod: string; reason: string }
  | { kind: 'roll-back'; reason: string }
  | { kind: 'fail'; reason: string }
  | { kind: 'done'; reason: string };

export interface RolloutDecision {
  actions: RolloutAction[];
  /** What the rollout waits for when there is nothing to do now. */
  waiting?: string;
}

export const DEFAULT_CRASH_LOOP_THRESHOLD = 3;

/** Kubernetes rounding: surge rounds up, unavailable rounds down, and they are never both 0. */
export function resolveBudget(deploy: Pick<DesiredDeploy, 'maxSurge' | 'maxUnavailable'>, replicas: number): { surge: number; unavailable: number } {
  const resolve = (value: number | string, round: (n: number) => number) => {
    if (typeof value === 'number') return value;
    const percent = Number(value.replace(/%$/, ''));
    return round((percent / 100) * replicas);
  };
  const surge = resolve(deploy.maxSurge, Math.ceil);
  const unavailable = Math.min(replicas, resolve(deploy.maxUnavailable, Math.floor));
  // Both 0 could never make progress; adding a pod is the choice that keeps full capacity.
  return surge === 0 && unavailable === 0 ? { surge: 1, unavailable: 0 } : { surge, unavailable };
}

export function decideRollout(input: RolloutInput): RolloutDecision {
  const failure = detectFailure(input);
  if (failure) return { actions: [input.deploy.autoRollback ? { kind: 'roll-back', reason: failure } : { kind: 'fail', reason: failure }] };
  return input.deploy.strategy === 'blue-green' ? blueGreen(input) : rolling(input);
}

/** A new pod that crash-loops, or is not healthy by its deadline, fails the rollout. */
function detectFailure(input: RolloutInput): string | undefined {
  if (input.switched) return undefined; // committed: later trouble is the supervisor's to heal
  for (const pod of input.newPods) {
    if (pod.crashes + (pod.status === 'crashed' && !pod.neverStarted ? 1 : 0) >= input.crashLoopThreshold) {
      const code = pod.exitCode === undefined ? '' : `, last exit code ${pod.exitCode}`;
      return `pod ${pod.name} crash-looped (crashed ${input.crashLoopThreshold} times${code})`;
    }
    if (pod.status !== 'healthy' && input.now - Math.max(pod.createdAt, input.startedAt) > input.deploy.healthyDeadlineMs) {
      return `pod ${pod.name} was not healthy within the healthy deadline of ${seconds(input.deploy.healthyDeadlineMs)} (${pod.status})`;
    }
  }
  return undefined;
}

function isAvailable(input: RolloutInput, pod: RolloutPod): boolean {
  return pod.status === 'healthy' && pod.healthySince !== undefined && input.now - pod.healthySince >= input.deploy.minHealthyTimeMs;
}

function blueGreen(input: RolloutInput): RolloutDecision {
  const actions: RolloutAction[] = [];
  const newNames = input.newPods.map((p) => p.name);
  if (input.switched) {
    const serving = input.newPods.filter((p) => p.status === 'healthy').map((p) => p.name);
    if (!sameSet(serving, input.routed) && serving.length > 0) actions.push({ kind: 'route', pods: serving, switch: false, reason: 'the new set serves' });
    actions.push(
      ...retire(
        input,
        input.oldPods.map((p) => p.name),
        'traffic moved to the new set',
      ),
    );
    // Done only once nothing is left to do (a last route must be applied first).
    if (input.oldPods.length === 0 && actions.length === 0) actions.push({ kind: 'done', reason: `all ${input.replicas} pods run the new spec and serve` });
    return { actions, waiting: actions.length === 0 ? 'old pods to drain' : undefined };
  }
  actions.push(...replaceCrashed(input));
  actions.push(...scaleNew(input, input.replicas));
  const available = input.newPods.filter((p) => isAvailable(input, p));
  if (available.length >= input.replicas && input.newPods.length === input.replicas) {
    actions.push({
      kind: 'route',
      pods: newNames,
      switch: true,
      reason: `all ${input.replicas} new pods healthy for ${seconds(input.deploy.minHealthyTimeMs)}: switching at once`,
    });
    return { actions };
  }
  const oldServing = input.oldPods.filter((p) => p.status === 'healthy').map((p) => p.name);
  // Never an empty route: with no healthy old pod, the routes stay as they are until the switch.
  if (oldServing.length > 0 && !sameSet(oldServing, input.routed))
    actions.push({ kind: 'route', pods: oldServing, switch: false, reason: 'the old set keeps serving until the switch' });
  // Unhealthy old pods serve nothing; they can go now.
  for (const pod of input.oldPods) if (pod.status === 'crashed') actions.push({ kind: 'remove-pod', pod: pod.name, reason: `old pod ${pod.name} crashed and serves nothing` });
  return { actions, waiting: `${available.length} of ${input.replicas} new pods healthy for ${seconds(input.deploy.minHealthyTimeMs)}` };
}

function rolling(input: RolloutInput): RolloutDecision {
  const actions: RolloutAction[] = [...replaceCrashed(input)];
  const { surge, unavailable } = resolveBudget(input.deploy, input.replicas);
  const minAvailable = input.replicas - unavailable;
  const retiring = new Set(input.retiring.filter((name) => input.oldPods.some((p) => p.name === name)));
  // Old pods that serve nothing are removed at once: it costs no availability.
  const deadOld = input.oldPods.filter((p) => p.status !== 'healthy' && !retiring.has(p.name));
  for (const pod of deadOld) actions.push({ kind: 'remove-pod', pod: pod.name, reason: `old pod ${pod.name} is ${pod.status} and serves nothing` });
  const oldServing = input.oldPods.filter((p) => p.status === 'healthy' && !retiring.has(p.name));
  const newAvailable = input.newPods.filter((p) => isAvailable(input, p));
  let available = oldServing.length + newAvailable.length;
  const total = input.oldPods.length - deadOld.length + input.newPods.length;
  actions.push(...scaleNew(input, Math.min(input.replicas, input.newPods.length + Math.max(0, input.replicas + surge - total))));

  // Retire serving old pods (highest ordinal first) while the floor holds (Kubernetes: all pods
  // minus minAvailable minus unavailable new pods may go), so with maxUnavailable 0 a new pod
  // must be available before an old one leaves.
  const candidates = [...oldServing].sort((a, b) => (podOrdinal(input.service, b.name) ?? 0) - (podOrdinal(input.service, a.name) ?? 0));
  for (const pod of candidates) {
    if (available - 1 < minAvailable) break;
    retiring.add(pod.name);
    available--;
  }
  const routedNow = [...oldServing.filter((p) => !retiring.has(p.name)), ...newAvailable].map((p) => p.name);
  if (!sameSet(routedNow, input.routed) && routedNow.length > 0)
    actions.push({ kind: 'route', pods: routedNow, switch: false, reason: 'available pods serve; retiring ones get no new connections' });
  actions.push(...retire(input, [...retiring], 'replaced by a healthy new pod'));
  if (actions.length === 0 && input.oldPods.length === 0 && newAvailable.length >= input.replicas && input.newPods.length === input.replicas) {
    actions.push({ kind: 'done', reason: `all ${input.replicas} pods run the new spec and are healthy` });
  }
  const waiting =
    actions.length === 0
      ? `${newAvailable.length} of ${input.replicas} new pods healthy for ${seconds(input.deploy.minHealthyTimeMs)} (${available} available, at least ${minAvailable} kept)`
      : undefined;
  return { actions, waiting };
}

/** Drain, then remove: a pod leaves only after its open connections closed or drainTimeout passed. */
function retire(input: RolloutInput, pods: string[], why: string): RolloutAction[] {
  return pods.map((pod) =>
    input.drained.includes(pod)
      ? { kind: 'remove-pod', pod, reason: `${pod} is drained (${why})` }
      : { kind: 'drain-pod', pod, reason: `${why}: ${pod} gets no new connections; open ones have up to ${seconds(input.deploy.drainTimeoutMs)}` },
  );
}

function replaceCrashed(input: RolloutInput): RolloutAction[] {
  return input.newPods
    .filter((p) => p.status === 'crashed')
    .map((p) => ({
      kind: 'replace-crashed',
      pod: p.name,
      reason: p.neverStarted
        ? `new pod ${p.name} was created but never started (the process creating it stopped); replacing it`
        : `new pod ${p.name} crashed${p.exitCode === undefined ? '' : ` (exit code ${p.exitCode})`}; replacing it (crash ${p.crashes + 1})`,
    }));
}

/** Creates new pods up to `wanted`, at ordinals no pod of the service uses; removes extras. */
function scaleNew(input: RolloutInput, wanted: number): RolloutAction[] {
  const actions: RolloutAction[] = [];
  const used = new Set([...input.oldPods, ...input.newPods].map((p) => podOrdinal(input.service, p.name)));
  let ordinal = 1;
  for (let missing = wanted - input.newPods.length; missing > 0; missing--) {
    while (used.has(ordinal)) ordinal++;
    used.add(ordinal);
    actions.push({ kind: 'create-pod', pod: podName(input.service, ordinal), reason: `the new set needs ${input.replicas} pod${input.replicas === 1 ? '' : 's'}` });
  }
  const extras = [...input.newPods]
    .sort((a, b) => (podOrdinal(input.service, b.name) ?? 0) - (podOrdinal(input.service, a.name) ?? 0))
    .slice(0, Math.max(0, input.newPods.length - input.replicas));
  for (const pod of extras) actions.push({ kind: 'remove-pod', pod: pod.name, reason: `more new pods than the ${input.replicas} wanted` });
  return actions;
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
