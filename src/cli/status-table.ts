// The status table shared by `status` and `up`.

import type { DesiredState, ObservedContainer, ObservedState } from '../core/state';
import { type Color, type Output, paint, table } from './output';

function portsOf(c: ObservedContainer): string {
  return c.ports.map((p) => `${p.hostIp}:${p.hostPort}->${p.containerPort}${p.protocol === 'udp' ? '/udp' : ''}`).join(', ');
}

function stateText(c: ObservedContainer): string {
  return c.state === 'exited' ? `exited (${c.exitCode ?? '?'})` : c.state;
}

function stateColor(state: string): Color {
  return state.startsWith('running') ? 'green' : state.startsWith('exited') || state.startsWith('dead') ? 'red' : 'yellow';
}

export function serviceSummaries(observed: ObservedState, desired?: DesiredState): { service: string; running: number; wanted?: number }[] {
  const names = new Set([...(desired?.services.map((s) => s.name) ?? []), ...observed.pods.map((p) => p.service)]);
  return [...names].map((service) => ({
    service,
    running: observed.pods.filter((p) => p.service === service && p.containers.every((c) => c.state === 'running')).length,
    wanted: desired?.services.find((s) => s.name === service)?.replicas,
  }));
}

export function printStatus(output: Output, observed: ObservedState, desired?: DesiredState): void {
  if (observed.pods.length === 0) {
    output.out(`Project ${observed.project} has nothing running.`);
    return;
  }
  const summaries = serviceSummaries(observed, desired)
    .map((s) => `${s.service} ${s.running}/${s.wanted ?? '?'}`)
    .join(', ');
  output.out(`Project ${observed.project}: ${summaries} pods running`);
  const rows = [['SERVICE', 'POD', 'CONTAINER', 'STATE', 'IMAGE', 'REV', 'PORTS']];
  const pods = [...observed.pods].sort((a, b) => a.service.localeCompare(b.service) || a.name.localeCompare(b.name, undefined, { numeric: true }));
  for (const pod of pods) {
    for (const c of pod.containers) rows.push([pod.service, pod.name, c.container, stateText(c), c.image, String(c.revision), portsOf(c)]);
  }
  const STATE_COLUMN = 3;
  const lines = table(rows, (cell, row, column) =>
    row === 0 ? paint(output, 'bold', cell) : column === STATE_COLUMN ? paint(output, stateColor(cell), cell) : cell,
  );
  lines.forEach((line) => output.out(line));
}
