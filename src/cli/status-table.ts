// The status table shared by `status` and `up`. With a running supervisor's live view it also
// shows probe health, restarts and held-back restarts.

import { describeHealth, podHealth } from '../core/health/health';
import type { LiveSnapshot } from '../core/supervise/live-view';
import { describeBackoff, describeServing } from '../core/wording';
import type { DesiredState, ObservedContainer, ObservedState } from '../core/model/state';
import { type Color, type Output, paint, table } from './output';

function portsOf(c: ObservedContainer): string {
  return c.ports.map((p) => `${p.hostIp}:${p.hostPort}->${p.containerPort}${p.protocol === 'udp' ? '/udp' : ''}`).join(', ');
}

function stateText(c: ObservedContainer, desired: DesiredState | undefined): string {
  if (c.state !== 'exited') return c.state;
  const never = desired?.services.find((s) => s.name === c.service)?.restart === 'never';
  return `exited (${c.exitCode ?? '?'})${never ? ', not restarted (restart: never)' : ''}`;
}

function stateColor(state: string): Color {
  return /^(running|healthy)/.test(state) ? 'green' : /^(exited|dead|unhealthy)/.test(state) ? 'red' : 'yellow';
}

export function serviceSummaries(observed: ObservedState, desired?: DesiredState): { service: string; running: number; wanted?: number; healthy?: number }[] {
  const names = new Set([...(desired?.services.map((s) => s.name) ?? []), ...observed.pods.map((p) => p.service)]);
  return [...names].map((service) => {
    const spec = desired?.services.find((s) => s.name === service);
    const probed = new Set(spec?.containers.filter((c) => c.probe).map((c) => c.name) ?? []);
    const pods = observed.pods.filter((p) => p.service === service);
    const anyHealthKnown = pods.some((p) => p.containers.some((c) => c.health));
    return {
      service,
      running: pods.filter((p) => p.containers.every((c) => c.state === 'running')).length,
      wanted: spec?.replicas,
      // Only when probe health is known (a supervisor runs): a pod is healthy when all its probed containers are.
      healthy:
        probed.size > 0 && anyHealthKnown
          ? pods.filter((p) => podHealth(p.containers.filter((c) => probed.has(c.container)).map((c) => c.health)) === 'healthy').length
          : undefined,
    };
  });
}

/** Probe health from the live view folded into the observed containers (for --json too). */
export function withLiveHealth(observed: ObservedState, live: LiveSnapshot | undefined): ObservedState {
  if (!live) return observed;
  return { ...observed, pods: observed.pods.map((pod) => ({ ...pod, containers: pod.containers.map((c) => ({ ...c, health: live.containers[c.id]?.health ?? c.health })) })) };
}

function healthText(c: ObservedContainer, probed: boolean, live: LiveSnapshot | undefined): string {
  if (c.health) return describeHealth(c.health);
  if (!probed) return '-';
  return live ? (c.state === 'running' ? 'not probed yet' : '-') : 'not supervised';
}

export function printStatus(output: Output, observedIn: ObservedState, desired?: DesiredState, live?: LiveSnapshot, now = Date.now()): void {
  const observed = withLiveHealth(observedIn, live);
  const held = Object.entries(live?.pods ?? {}).filter(([, pod]) => pod.restartAt !== undefined);
  if (observed.pods.length === 0 && held.length === 0) {
    output.out(`Project ${observed.project} has nothing running.`);
    return;
  }
  const summaries = serviceSummaries(observed, desired)
    .map((s) => `${s.service} ${s.running}/${s.wanted ?? '?'}${s.healthy === undefined ? '' : ` (${s.healthy} healthy)`}`)
    .join(', ');
  output.out(`Project ${observed.project}: ${summaries} pods running`);
  const probedContainers = new Set(desired?.services.flatMap((s) => s.containers.filter((c) => c.probe).map((c) => `${s.name}/${c.name}`)) ?? []);
  const showHealth = probedContainers.size > 0 || live !== undefined;
  const header = ['SERVICE', 'POD', 'CONTAINER', 'STATE', ...(showHealth ? ['HEALTH', 'RESTARTS'] : []), 'IMAGE', 'REV', 'PORTS'];
  const rows = [header];
  const pods = [...observed.pods].sort((a, b) => a.service.localeCompare(b.service) || a.name.localeCompare(b.name, undefined, { numeric: true }));
  for (const pod of pods) {
    for (const c of pod.containers) {
      const health = showHealth ? [healthText(c, probedContainers.has(`${pod.service}/${c.container}`), live), live ? String(live.pods[pod.name]?.restarts ?? 0) : '-'] : [];
      rows.push([pod.service, pod.name, c.container, stateText(c, desired), ...health, c.image, String(c.revision), portsOf(c)]);
    }
  }
  const colored = new Set([3, ...(showHealth ? [4] : [])]);
  const lines = table(rows, (cell, row, column) => (row === 0 ? paint(output, 'bold', cell) : colored.has(column) ? paint(output, stateColor(cell), cell) : cell));
  lines.forEach((line) => output.out(line));
  for (const [name, pod] of held) output.out(paint(output, 'yellow', describeBackoff(name, pod.crash, (pod.restartAt ?? now) - now)));
  for (const [service, serving] of Object.entries(live?.serving ?? {})) output.out(describeServing(service, serving.url, serving.pods));
  if (live) output.out(paint(output, 'dim', `Supervised by process ${live.pid}${live.engine === 'disconnected' ? ' (engine event stream lost; reconnecting)' : ''}.`));
  else if (probedContainers.size > 0) output.out(paint(output, 'dim', 'Health is probed while a supervisor runs (flotilla up --watch, or the editor).'));
}
