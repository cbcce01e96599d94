// The Services view as plain data: store state and manifests in, nodes out (ids, labels,
// descriptions, icons, tooltips, context values). No vscode import, so it is unit-tested in
// plain mocha; services-tree.ts only wraps these nodes in TreeItems.

import { podName } from '../../core/model/labels';
import type { ContainerHealth, DesiredContainer, DesiredService, DesiredState, ObservedContainer, ObservedPod } from '../../core/model/state';
import type { EngineStatus, ProjectSnapshot } from '../../core/status/store';
import { describeBackoff } from '../../core/wording';
import type { FlotillaTarget } from '../contract';
import { COMMAND } from '../contract';
import { inProgressRevision, type RevisionsFile } from '../../core/rollout/revisions';
import { rolloutsNodes } from './rollouts-model';
import { containerTooltip, podTooltip, serviceTooltip } from './tooltips';

export type DisplayState = 'running' | 'starting' | 'healthy' | 'unhealthy' | 'restarting' | 'exited' | 'pending';

/** Codicon and theme colour per state; the colours are VS Code's own theme keys. */
export const STATE_ICON: Record<DisplayState, { id: string; color: string }> = {
  running: { id: 'circle-filled', color: 'testing.iconPassed' },
  healthy: { id: 'pass-filled', color: 'testing.iconPassed' },
  starting: { id: 'loading~spin', color: 'charts.yellow' },
  unhealthy: { id: 'warning', color: 'testing.iconFailed' },
  restarting: { id: 'sync~spin', color: 'charts.orange' },
  exited: { id: 'debug-stop', color: 'errorForeground' },
  pending: { id: 'clock', color: 'disabledForeground' },
};

export interface ViewNode {
  id: string;
  kind: 'message' | 'project' | 'service' | 'pod' | 'container' | 'rollouts' | 'revision';
  label: string;
  description?: string;
  /** Markdown. */
  tooltip?: string;
  icon?: { id: string; color?: string };
  /** Token list matched by regex in package.json's `when` clauses, e.g. "flotilla.service running". */
  contextValue: string;
  collapsed?: boolean;
  target?: FlotillaTarget;
  command?: { command: string; title: string };
  state?: DisplayState;
  children: ViewNode[];
}

/** One manifest found in the workspace, read and validated. */
export interface ManifestEntry {
  path: string;
  /** Undefined when the manifest has errors. */
  desired?: DesiredState;
  /** Project name even when the manifest has errors, when it can be known. */
  project?: string;
  errorCount: number;
}

export interface TreeInput {
  manifests: readonly ManifestEntry[];
  snapshot: (project: string) => ProjectSnapshot | undefined;
  engine: EngineStatus;
  now: number;
  /** Kept revisions per project, for each service's "Rollouts" child (rollouts-model.ts). */
  revisions?: (project: string) => RevisionsFile | undefined;
}

export function buildServicesTree(input: TreeInput): ViewNode[] {
  if (input.engine.state === 'unreachable') return unreachableNodes(input.engine);
  const projects = input.manifests.map((m) => projectNode(m, input));
  // One manifest (the usual case): its services are the roots.
  if (projects.length === 1) return (projects[0] as ViewNode).children;
  return projects;
}

function unreachableNodes(engine: Extract<EngineStatus, { state: 'unreachable' }>): ViewNode[] {
  const message = (id: string, label: string, extra: Partial<ViewNode> = {}): ViewNode => ({
    id: `message:${id}`,
    kind: 'message',
    label,
    contextValue: 'flotilla.message',
    children: [],
    ...extra,
  });
  return [
    message('unreachable', `Cannot reach the Docker engine at ${engine.endpoint}`, { icon: { id: 'error', color: 'errorForeground' }, tooltip: engine.message }),
    message('start', 'Start Docker (Docker Desktop, or the docker service), then retry', { icon: { id: 'info' } }),
    message('setting', 'Or check the flotilla.dockerHost setting (empty: DOCKER_HOST, else the default socket)', {
      icon: { id: 'gear' },
      command: { command: 'workbench.action.openSettings', title: 'Open Settings' },
    }),
    message('retry', 'Retry', { icon: { id: 'refresh' }, contextValue: 'flotilla.message retry', command: { command: COMMAND.retryConnection, title: 'Retry Engine Connection' } }),
  ];
}

function projectNode(manifest: ManifestEntry, input: TreeInput): ViewNode {
  const project = manifest.desired?.project ?? manifest.project ?? manifest.path;
  const id = `project:${manifest.path}`;
  if (!manifest.desired) {
    return {
      id,
      kind: 'project',
      label: project,
      contextValue: 'flotilla.project invalid',
      icon: { id: 'error', color: 'errorForeground' },
      description: `${manifest.errorCount} error${manifest.errorCount === 1 ? '' : 's'} in the manifest`,
      tooltip: `**${escapeMarkdown(manifest.path)}** has errors: see the Problems panel. Nothing can be started until they are fixed.`,
      command: { command: COMMAND.openManifest, title: 'Open Manifest' },
      children: [],
    };
  }
  const snapshot = input.snapshot(manifest.desired.project);
  const revisions = input.revisions?.(manifest.desired.project);
  const services = manifest.desired.services.map((s) => serviceNode(manifest.path, manifest.desired as DesiredState, s, snapshot, input.now, revisions));
  const totals = summarize(services);
  return {
    id,
    kind: 'project',
    label: project,
    description: totals.text,
    contextValue: `flotilla.project ${totals.state}`,
    icon: { id: 'layers' },
    tooltip: `**${escapeMarkdown(project)}**\n\n${escapeMarkdown(manifest.path)}\n\n${supervisionLine(snapshot)}`,
    children: services,
  };
}

function supervisionLine(snapshot: ProjectSnapshot | undefined): string {
  const s = snapshot?.supervision ?? { mode: 'none' };
  if (s.mode === 'editor') return 'Supervised by this window: crashed pods are replaced.';
  if (s.mode === 'other') return `Supervised by process ${s.ownerPid} (e.g. flotilla up --watch); this window only observes.`;
  return 'Not supervised by this window.';
}

/** "2/2 healthy" (when probed) or "2/2 running": ready pods over desired replicas. */
export function serviceSummary(
  service: DesiredService,
  pods: readonly ObservedPod[],
  health: ReadonlyMap<string, ContainerHealth>,
): { text: string; state: DisplayState; ready: number } {
  // Probe results come from a supervisor; without any (nobody supervises, or one this window
  // cannot read) the count is of running pods, not a misleading "0/2 healthy".
  const probed = service.containers.some((c) => c.probe !== undefined) && (pods.length === 0 || pods.some((p) => p.containers.some((c) => health.has(c.id))));
  const states = pods.map((p) => podState(p, health, undefined));
  const ready = states.filter((s) => (probed ? s === 'healthy' : s === 'running' || s === 'healthy')).length;
  const word = probed ? 'healthy' : 'running';
  let state: DisplayState = ready >= service.replicas ? (probed ? 'healthy' : 'running') : 'pending';
  if (states.includes('unhealthy')) state = 'unhealthy';
  else if (states.includes('exited') || states.includes('restarting')) state = 'restarting';
  else if (ready < service.replicas && states.includes('starting')) state = 'starting';
  return { text: `${ready}/${service.replicas} ${word}`, state, ready };
}

/**
 * Pods of another spec than the manifest's: a rollout is moving them, or the manifest was saved
 * since the last Up or Deploy (a save replaces nothing), which the user should see in the tree.
 */
function unapplied(service: DesiredService, pods: readonly ObservedPod[], revisions: RevisionsFile | undefined): { short: string; long: string } | undefined {
  if (!pods.some((p) => p.specHash !== service.specHash)) return undefined;
  if (revisions && inProgressRevision(revisions, service.name))
    return { short: 'rolling out', long: 'A rollout is replacing its pods with what the manifest says (see Rollouts).' };
  return {
    short: 'not applied',
    long: 'The manifest was changed since the last Up or Deploy; saving replaces nothing. **Up** or **Deploy** rolls the change out by its deploy strategy.',
  };
}

function serviceNode(
  manifestPath: string,
  desired: DesiredState,
  service: DesiredService,
  snapshot: ProjectSnapshot | undefined,
  now: number,
  revisions?: RevisionsFile,
): ViewNode {
  const observedPods = (snapshot?.observed?.pods ?? []).filter((p) => p.service === service.name);
  const health = snapshot?.health ?? new Map<string, ContainerHealth>();
  const summary = serviceSummary(service, observedPods, health);
  const image = service.containers[0]?.image ?? '';
  const pending = unapplied(service, observedPods, revisions);
  const target: FlotillaTarget = { kind: 'service', manifestPath, project: desired.project, service: service.name };
  const pods = observedPods.map((p) => podNode(target, service, p, snapshot, now));
  // Missing replicas are pending only while the project is meant to run (something of it is on
  // the engine, or a supervisor keeps it); after Down, or before the first Up, there are none.
  const projectActive = (snapshot?.observed?.pods.length ?? 0) > 0 || (snapshot !== undefined && snapshot.supervision.mode !== 'none');
  if (projectActive) pods.push(...pendingPods(target, service, observedPods, snapshot, now));
  pods.push(...rolloutsNodes(target, revisions));
  return {
    id: `service:${desired.project}/${service.name}`,
    kind: 'service',
    label: service.name,
    description: `${summary.text} · ${image}${pending ? ` · ${pending.short}` : ''}`,
    contextValue: `flotilla.service ${summary.state}${observedPods.length > 0 ? ' onEngine' : ''}${service.expose ? ' exposed' : ''}`,
    icon: STATE_ICON[summary.state],
    state: summary.state,
    tooltip: serviceTooltip(service, summary.text, snapshot?.lastError, pending?.long),
    target,
    children: pods,
  };
}

/** Desired replicas with no pod on the engine, shown as pending with why. */
function pendingPods(service: FlotillaTarget, desired: DesiredService, pods: readonly ObservedPod[], snapshot: ProjectSnapshot | undefined, now: number): ViewNode[] {
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

function podState(pod: ObservedPod, health: ReadonlyMap<string, ContainerHealth>, backingOff: boolean | undefined): DisplayState {
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

function podNode(service: FlotillaTarget, desired: DesiredService, pod: ObservedPod, snapshot: ProjectSnapshot | undefined, now: number): ViewNode {
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
export function summarize(services: readonly ViewNode[]): { text: string; state: DisplayState } {
  let ready = 0;
  let wanted = 0;
  let probed = false;
  for (const s of services) {
    const match = /^(\d+)\/(\d+) (healthy|running)/.exec(s.description ?? '');
    if (!match) continue;
    ready += Number(match[1]);
    wanted += Number(match[2]);
    probed ||= match[3] === 'healthy';
  }
  const states = services.map((s) => s.state);
  const state: DisplayState = states.includes('unhealthy')
    ? 'unhealthy'
    : states.includes('restarting')
      ? 'restarting'
      : ready >= wanted
        ? probed
          ? 'healthy'
          : 'running'
        : 'pending';
  return { text: `${ready}/${wanted} ${probed ? 'healthy' : 'running'}`, state };
}

/** Every node by id, with its parent's id, for targeted refreshes and reveal. */
export function indexNodes(roots: readonly ViewNode[]): Map<string, { node: ViewNode; parentId?: string }> {
  const index = new Map<string, { node: ViewNode; parentId?: string }>();
  const walk = (nodes: readonly ViewNode[], parentId?: string) => {
    for (const node of nodes) {
      index.set(node.id, { node, parentId });
      walk(node.children, node.id);
    }
  };
  walk(roots);
  return index;
}

/** Coarse on purpose ("3m", not "3m12s"): descriptions change, and redraw, at most once a minute. */
export function formatUptime(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return 'under 1m';
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
