// The Services view as plain data: store state and manifests in, nodes out (ids, labels,
// descriptions, icons, tooltips, context values). No vscode import, so it is unit-tested in
// plain mocha; services-tree.ts only wraps these nodes in TreeItems.

import type { ContainerHealth, DesiredService, DesiredState, ObservedPod } from '../../core/model/state';
import type { EngineStatus, ProjectSnapshot } from '../../core/status/store';
import type { FlotillaTarget } from '../contract';
import { COMMAND } from '../contract';
import { inProgressRevision, type RevisionsFile } from '../../core/rollout/revisions';
import { rolloutsNodes } from './rollouts-model';
import { pendingPods, podNode, podState } from './pod-nodes';
import { serviceTooltip } from './tooltips';

export { containerState, formatUptime } from './pod-nodes';

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

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
