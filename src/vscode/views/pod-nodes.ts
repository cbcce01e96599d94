// The Services view's pod and container nodes (and a service's pending replicas): state words,
// uptime, restarts and backoff, from the store's snapshot. Plain data, as model.ts.

import { podName } from '../../core/model/labels';
import type { ContainerHealth, DesiredContainer, DesiredService, ObservedContainer, ObservedPod } from '../../core/model/state';
import type { ProjectSnapshot } from '../../core/status/store';
import { describeBackoff } from '../../core/wording';
import type { FlotillaTarget } from '../contract';
import { escapeMarkdown, STATE_ICON, type DisplayState, type ViewNode } from './model';
import { containerTooltip, podTooltip } from './tooltips';

export function pendingPods(service: FlotillaTarget, desired: DesiredService, pods: readonly ObservedPod[], snapshot: ProjectSnapshot | undefined, now: number): ViewNode[] {
  const names = new Set(pods.map((p) => p.name));
  const nodes: ViewNode[] = [];
  for (let ordinal = 1; nodes.length + pods.length < desired.replicas && ordinal < desired.replicas + pods.length + 1; ordinal++) {
    const name = podName(desired.name, ordinal);
    if (names.has(name)) continue;
    const backoff = snapshot?.backoff.get(name);
    const reason = backoff
      ? describeBackoff(undefined, backoff.crashes + 1, backoff.until - now)
      : snapshot?.lastError
        ? `not created: ${snapshot.lastError}`
        : snapshot?.supervision.mode === 'none' || !snapshot
          ? 'not created yet: run Flotilla: Up'
          : 'waiting to be created';
    nodes.push({
      id: `pod:${service.project}/${name}`,
      kind: 'pod',
      label: name,
      description: `pending · ${reason}`,
      contextValue: 'flotilla.pod pending',
      icon: STATE_ICON.pending,
      state: 'pending',
      tooltip: `**${name}** is pending: ${escapeMarkdown(reason)}.`,
      target: { ...service, kind: 'pod', pod: name },
      children: [],
    });
  }
  return nodes;
}

export function podState(pod: ObservedPod, health: ReadonlyMap<string, ContainerHealth>, backingOff: boolean | undefined): DisplayState {
  const states = pod.containers.map((c) => containerState(c, health.get(c.id)));
  if (backingOff || states.includes('restarting')) return 'restarting';
  for (const s of ['exited', 'unhealthy', 'starting'] as const) if (states.includes(s)) return s;
  if (states.length > 0 && states.includes('healthy')) return 'healthy';
  return states.length === 0 ? 'pending' : 'running';
}

/** The state word of one container: Flotilla's probe result wins over the engine's own. */
export function containerState(c: ObservedContainer, health: ContainerHealth | undefined): DisplayState {
  switch (c.state) {
    case 'created':
      return 'starting';
    case 'restarting':
      return 'restarting';
    case 'running':
      return health?.status ?? c.engineHealth ?? 'running';
    default:
      return 'exited';
  }
}

export function podNode(service: FlotillaTarget, desired: DesiredService, pod: ObservedPod, snapshot: ProjectSnapshot | undefined, now: number): ViewNode {
  const health = snapshot?.health ?? new Map<string, ContainerHealth>();
  const backoff = snapshot?.backoff.get(pod.name);
  const state = podState(pod, health, (backoff !== undefined && backoff.until > now) || snapshot?.healing.has(pod.name) === true);
  const restarts = snapshot?.restarts.get(pod.name) ?? 0;
  const started = Math.min(...pod.containers.map((c) => c.createdAt));
  const parts = [`rev ${pod.revision}`];
  if (backoff && backoff.until > now) parts.unshift(describeBackoff(undefined, backoff.crashes + 1, backoff.until - now));
  else if (state === 'running' || state === 'healthy' || state === 'unhealthy' || state === 'starting') parts.push(`up ${formatUptime(now - started)}`);
  if (restarts > 0) parts.push(`${restarts} restart${restarts === 1 ? '' : 's'}`);
  const target: FlotillaTarget = { ...service, kind: 'pod', pod: pod.name };
  return {
    id: `pod:${service.project}/${pod.name}`,
    kind: 'pod',
    label: pod.name,
    description: `${state} · ${parts.join(' · ')}`,
    contextValue: `flotilla.pod ${state} onEngine`,
    icon: STATE_ICON[state],
    state,
    tooltip: podTooltip(pod, state, restarts, backoff && backoff.until > now ? describeBackoff(undefined, backoff.crashes + 1, backoff.until - now) : undefined),
    target,
    collapsed: true,
    children: pod.containers.map((c) =>
      containerNode(
        target,
        desired.containers.find((d) => d.name === c.container),
        c,
        snapshot,
        now,
      ),
    ),
  };
}

function containerNode(pod: FlotillaTarget, desired: DesiredContainer | undefined, c: ObservedContainer, snapshot: ProjectSnapshot | undefined, now: number): ViewNode {
  const health = snapshot?.health.get(c.id);
  const state = containerState(c, health);
  const uptime = c.state === 'running' ? ` · up ${formatUptime(now - c.createdAt)}` : c.exitCode !== undefined ? ` · exit ${c.exitCode}` : '';
  const lastExit = snapshot?.lastExit.get(`${c.pod}/${c.container}`);
  return {
    id: `container:${pod.project}/${c.pod}/${c.container}`,
    kind: 'container',
    label: c.container,
    description: `${state} · ${c.image}${uptime}`,
    contextValue: `flotilla.container ${state} onEngine`,
    icon: STATE_ICON[state],
    state,
    tooltip: containerTooltip({ container: c, desired, health, state, restarts: snapshot?.restarts.get(c.pod) ?? 0, lastExit, project: pod.project, now }),
    target: { ...pod, kind: 'container', container: c.container, containerId: c.id },
    children: [],
  };
}

/** Totals over services, for a project node and the status bar: "3/3 healthy". */

/** Coarse on purpose ("3m", not "3m12s"): descriptions change, and redraw, at most once a minute. */
export function formatUptime(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return 'under 1m';
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}
