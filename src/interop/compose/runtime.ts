// The running behaviour of a compose service: healthcheck, restart, deploy (replicas,
// resources, update_config, restart_policy) and the legacy resource keys.

import type { DeployDoc, HealthDoc, ResourcesDoc, RestartPolicy } from '../../core/manifest/types';
import { type ManifestPath, type Notes, show } from './notes';
import { convertCpus, convertDuration, convertMemory, splitCommand } from './units';

type Dict = Record<string, unknown>;

export interface RuntimeContext {
  notes: Notes;
  /** Dotted compose path of the service: "services.web". */
  from: string;
  at: ManifestPath;
}

/** Docker's defaults, written out: Flotilla's own (10s interval, 1s timeout) are shorter. */
const DOCKER_HEALTH_DEFAULTS = { interval: '30s', timeout: '30s', failureThreshold: 3 };

export function translateHealth(check: Dict, context: RuntimeContext): HealthDoc | undefined {
  const from = `${context.from}.healthcheck`;
  const test = check.test;
  if (check.disable === true || (Array.isArray(test) && test[0] === 'NONE')) {
    context.notes.changed(from, context.at, "healthcheck disabled: the image's own HEALTHCHECK is not run by Flotilla either");
    return undefined;
  }
  let exec: string[] | undefined;
  if (typeof test === 'string') exec = ['/bin/sh', '-c', test];
  else if (Array.isArray(test) && test[0] === 'CMD-SHELL') exec = ['/bin/sh', '-c', test.slice(1).join(' ')];
  else if (Array.isArray(test) && test[0] === 'CMD') exec = test.slice(1).map(String);
  if (!exec || exec.length === 0) {
    context.notes.notCarried(`${from}.test`, context.at, `healthcheck test ${show(test)} not carried: it is not CMD, CMD-SHELL or a string`);
    return undefined;
  }
  const health: HealthDoc = { exec, ...DOCKER_HEALTH_DEFAULTS };
  const interval = check.interval === undefined ? undefined : convertDuration(check.interval as string);
  const timeout = check.timeout === undefined ? undefined : convertDuration(check.timeout as string);
  const startPeriod = check.start_period === undefined ? undefined : convertDuration(check.start_period as string);
  if (interval) health.interval = interval;
  if (timeout) health.timeout = timeout;
  if (typeof check.retries === 'number' && check.retries >= 1) health.failureThreshold = check.retries;
  if (startPeriod && startPeriod !== '0s') health.startPeriod = startPeriod;
  if (check.start_interval !== undefined) {
    context.notes.notCarried(
      `${from}.start_interval`,
      context.at,
      `healthcheck start_interval (${show(check.start_interval)}) not carried: Flotilla retries a starting container's probe after 200ms`,
    );
  }
  return health;
}

export function translateRestart(value: string, from: string, context: RuntimeContext): RestartPolicy {
  if (value === 'no' || value === 'none') return 'never';
  if (value === 'always' || value === 'any') return 'always';
  if (value === 'unless-stopped') {
    context.notes.changed(from, context.at, 'restart unless-stopped became always: Flotilla has no hand-stopped state; `flotilla down` stops it');
    return 'always';
  }
  if (value.startsWith('on-failure')) {
    if (value.includes(':')) context.notes.notCarried(from, context.at, `the retry limit of "${value}" is not carried: Flotilla retries with a growing back-off instead`);
    return 'on-failure';
  }
  context.notes.notCarried(from, context.at, `restart "${value}" not carried`);
  return 'never';
}

export function translateResources(service: Dict, context: RuntimeContext): ResourcesDoc | undefined {
  const deploy = (service.deploy ?? {}) as Dict;
  const resources = (deploy.resources ?? {}) as Dict;
  const limits = (resources.limits ?? {}) as Dict;
  const reservations = (resources.reservations ?? {}) as Dict;
  const result: ResourcesDoc = {};
  const cpus = limits.cpus ?? service.cpus;
  const memory = limits.memory ?? service.mem_limit;
  if (cpus !== undefined) result.cpus = convertCpus(cpus as string);
  if (memory !== undefined) result.memory = convertMemory(memory as string);
  const reserve: ResourcesDoc['reserve'] = {};
  const reserveCpus = reservations.cpus;
  const reserveMemory = reservations.memory ?? service.mem_reservation;
  if (reserveCpus !== undefined) reserve.cpus = convertCpus(reserveCpus as string);
  if (reserveMemory !== undefined) reserve.memory = convertMemory(reserveMemory as string);
  if (Object.keys(reserve).length > 0) result.reserve = reserve;
  for (const key of ['pids', 'devices', 'generic_resources']) {
    for (const [where, group] of [
      ['limits', limits],
      ['reservations', reservations],
    ] as const) {
      if (group[key] !== undefined) context.notes.notCarried(`${context.from}.deploy.resources.${where}.${key}`, context.at, `resource ${key} not carried`);
    }
  }
  for (const [key, value] of Object.entries(result)) if (value === undefined) delete (result as Dict)[key];
  return Object.keys(result).length > 0 ? result : undefined;
}

/**
 * update_config: start-first replaces `parallelism` pods by starting new ones first (surge),
 * stop-first (the default) by stopping old ones first (unavailable). Parallelism 0 is all at once.
 */
export function translateUpdateConfig(update: Dict, context: RuntimeContext): DeployDoc {
  const from = `${context.from}.deploy.update_config`;
  const parallelism = typeof update.parallelism === 'number' ? update.parallelism : 1;
  const batch: number | string = parallelism === 0 ? '100%' : parallelism;
  const deploy: DeployDoc = { strategy: 'rolling' };
  if (update.order === 'start-first') Object.assign(deploy, { maxSurge: batch, maxUnavailable: 0 });
  else Object.assign(deploy, { maxSurge: 0, maxUnavailable: batch });
  if (update.monitor !== undefined) {
    const monitor = convertDuration(update.monitor as string);
    if (monitor) deploy.minHealthyTime = monitor;
  }
  if (update.failure_action === 'rollback') deploy.autoRollback = true;
  else if (update.failure_action !== undefined) {
    deploy.autoRollback = false;
    context.notes.changed(`${from}.failure_action`, context.at, `failure_action ${show(update.failure_action)} became autoRollback: false (a failed deploy stops where it is)`);
  }
  for (const key of ['delay', 'max_failure_ratio']) {
    if (update[key] !== undefined) context.notes.notCarried(`${from}.${key}`, context.at, `update_config.${key} (${show(update[key])}) not carried`);
  }
  return deploy;
}

/** The rest of `deploy`: replicas and restart_policy; what has no counterpart is noted. */
export function translateDeployRest(deploy: Dict, context: RuntimeContext): { replicas?: number; restart?: RestartPolicy } {
  const result: { replicas?: number; restart?: RestartPolicy } = {};
  if (typeof deploy.replicas === 'number') result.replicas = deploy.replicas;
  const policy = deploy.restart_policy as Dict | undefined;
  if (policy?.condition !== undefined) result.restart = translateRestart(String(policy.condition), `${context.from}.deploy.restart_policy.condition`, context);
  for (const key of Object.keys(policy ?? {}).filter((k) => k !== 'condition')) {
    context.notes.notCarried(`${context.from}.deploy.restart_policy.${key}`, context.at, `restart_policy.${key} not carried: Flotilla backs off 10s doubling to 5m`);
  }
  for (const key of Object.keys(deploy).filter((k) => !['replicas', 'resources', 'update_config', 'restart_policy'].includes(k))) {
    const why = key === 'mode' && deploy.mode === 'global' ? ': Flotilla runs replicas, not one task per node' : '';
    context.notes.notCarried(`${context.from}.deploy.${key}`, context.at, `deploy.${key} (${show(deploy[key])}) not carried${why}`);
  }
  return result;
}

/** command and entrypoint: a string is split into words as compose does (no shell involved). */
export function commandWords(value: unknown): string[] | undefined {
  if (typeof value === 'string') return splitCommand(value);
  if (Array.isArray(value)) return value.map(String);
  return undefined;
}
