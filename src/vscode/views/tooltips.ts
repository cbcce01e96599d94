// Markdown tooltips: what a developer would otherwise dig out of `docker inspect` (ports, labels,
// the last probe and its output, failing streak, restarts, last exit, OOM). Secret-looking env
// values are masked. Pure: no vscode import.

import { LABEL } from '../../core/model/labels';
import type { ContainerHealth, DesiredContainer, DesiredService, ObservedContainer, ObservedPod } from '../../core/model/state';
import type { LastExit } from '../../core/status/store';
import { formatDuration } from '../../core/model/units';
import type { DisplayState } from './model';

/** *_TOKEN, *PASSWORD*, *_KEY (any case): values never shown. */
const SECRET_KEY = /(_TOKEN$|PASSWORD|_KEY$)/i;
export const MASK = '••••••';

export function maskEnv(env: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, SECRET_KEY.test(key) ? MASK : value]));
}

const escape = (text: string) => text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

/** A fenced block that the text itself cannot close. */
function fenced(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

export function serviceTooltip(service: DesiredService, summary: string, lastError: string | undefined, unapplied?: string): string {
  const lines = [`**${escape(service.name)}** · ${summary}`, ''];
  if (unapplied) lines.push(unapplied, '');
  lines.push(`- replicas: ${service.replicas} · restart: ${service.restart}`);
  lines.push(`- containers: ${service.containers.map((c) => `${code(c.name)} (${code(c.image)})`).join(', ')}`);
  if (service.expose) lines.push(`- exposes ${service.expose.port}${service.expose.hostPort ? ` on ${service.expose.hostIp}:${service.expose.hostPort}` : ''}`);
  const probe = service.containers.find((c) => c.probe)?.probe;
  if (probe) lines.push(`- health: ${describeCheck(probe.check)} every ${formatDuration(probe.intervalMs)}, ${probe.failureThreshold} failures make it unhealthy`);
  if (lastError) lines.push('', `**Last error:** ${escape(lastError)}`);
  return lines.join('\n');
}

function describeCheck(check: NonNullable<DesiredContainer['probe']>['check']): string {
  switch (check.kind) {
    case 'http':
      return `HTTP GET ${code(`:${check.port}${check.path}`)}`;
    case 'tcp':
      return `TCP connect ${code(`:${check.port}`)}`;
    case 'exec':
      return `exec ${code(check.command.join(' '))}`;
  }
}

export function podTooltip(pod: ObservedPod, state: DisplayState, restarts: number, backoff: string | undefined): string {
  const lines = [`**${escape(pod.name)}** · ${state}`, ''];
  lines.push(`- revision ${pod.revision} · node ${code(pod.node || 'local')} · spec ${code(pod.specHash.slice(0, 12))}`);
  lines.push(`- restarts: ${restarts}`);
  if (backoff) lines.push(`- ${backoff}`);
  lines.push(`- containers: ${pod.containers.map((c) => `${code(c.container)} ${c.state}`).join(', ')}`);
  return lines.join('\n');
}

export interface ContainerTooltipInput {
  container: ObservedContainer;
  desired?: DesiredContainer;
  health?: ContainerHealth;
  state: DisplayState;
  restarts: number;
  lastExit?: LastExit;
  project: string;
  now: number;
}

export function containerTooltip({ container: c, desired, health, state, restarts, lastExit, project, now }: ContainerTooltipInput): string {
  const lines = [`**${escape(c.container)}** in ${escape(c.pod)} · ${state}`, ''];
  lines.push(`- image ${code(c.image)} · ${escape(c.status)}`);
  lines.push(`- id ${code(c.id.slice(0, 12))} · name ${code(c.engineName)} · node ${code(c.node || 'local')}`);
  if (c.ports.length > 0) lines.push(`- ports: ${c.ports.map((p) => code(`${p.hostIp || '0.0.0.0'}:${p.hostPort} → ${p.containerPort}/${p.protocol}`)).join(', ')}`);
  lines.push(`- restarts (pod): ${restarts}`);
  const exitCode = lastExit?.exitCode ?? c.exitCode;
  if (exitCode !== undefined) lines.push(`- last exit code: ${exitCode}`);
  if (lastExit?.oomKilled) lines.push('- **OOM-killed**: the container ran out of memory at its last exit');
  if (health) {
    lines.push('', `**Health:** ${health.status} · failing streak ${health.failingStreak}`);
    const probe = health.lastProbe;
    if (probe) {
      lines.push(`- last probe ${probe.ok ? 'passed' : 'failed'} ${formatDuration(Math.max(0, now - probe.at))} ago in ${formatDuration(probe.latencyMs)}`);
      if (probe.output.trim()) lines.push('', fenced(probe.output.trim().slice(0, 500)));
    }
  } else if (c.engineHealth) {
    lines.push('', `**Health (engine HEALTHCHECK):** ${c.engineHealth}`);
  }
  lines.push(
    '',
    `**Labels:** ${[
      [LABEL.project, project],
      [LABEL.service, c.service],
      [LABEL.pod, c.pod],
      [LABEL.container, c.container],
      [LABEL.revision, String(c.revision)],
      [LABEL.node, c.node],
    ]
      .map(([k, v]) => code(`${k}=${v}`))
      .join(' ')}`,
  );
  const env = desired ? maskEnv(desired.env) : {};
  if (Object.keys(env).length > 0) {
    lines.push('', '**Env:**', ...Object.entries(env).map(([k, v]) => `- ${code(`${k}=${v}`)}`));
  }
  return lines.join('\n');
}
