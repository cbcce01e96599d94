// Checks of single fields that the schema cannot express well: names Docker cannot take,
// relative paths, rollouts that could never progress, cron text, numbers too large for the
// engine, and an autoscaler that can never start.

import { parseDuration, parseMemory } from '../model/units';
import { checkCron } from './cron';
import type { DiagnosticSink } from './semantic';
import type { PathSegment } from './source';
import type { ManifestDoc, ServiceDoc } from './types';

/** Docker keeps sizes and times in signed 64-bit integers; beyond 2^53 JavaScript loses digits. */
const LARGEST = Number.MAX_SAFE_INTEGER;
/** The schema's limit for replicas, which schedule bounds share. */
const MAX_REPLICAS = 1000;

export function checkFields(doc: ManifestDoc, sink: DiagnosticSink): void {
  for (const [service, spec] of Object.entries(doc.services)) {
    const base: PathSegment[] = ['services', service];
    checkDeploy(spec, base, sink);
    checkAutoscale(spec, base, sink);
    checkDuration(spec.stopGracePeriod, [...base, 'stopGracePeriod'], sink);
    for (const [container, c] of Object.entries(spec.containers)) {
      const at: PathSegment[] = [...base, 'containers', container];
      for (const key of Object.keys(c.env ?? {})) {
        if (key === '') sink.add('error', 'env-name', [...at, 'env', key], 'An environment variable needs a name; this one is empty', 'key');
        else if (key.includes('='))
          sink.add(
            'error',
            'env-name',
            [...at, 'env', key],
            `Environment variable name "${key}" cannot contain "=": Docker reads everything before the first "=" as the name`,
            'key',
          );
      }
      (c.volumes ?? []).forEach((mount, i) => {
        if (!mount.path.startsWith('/'))
          sink.add(
            'error',
            'mount-path',
            [...at, 'volumes', i, 'path'],
            `Mount path "${mount.path}" must be absolute (start with "/"): it is where the volume appears inside the container`,
          );
      });
      for (const key of ['memory', 'reserve'] as const) {
        const value = key === 'memory' ? c.resources?.memory : c.resources?.reserve?.memory;
        const path = key === 'memory' ? [...at, 'resources', 'memory'] : [...at, 'resources', 'reserve', 'memory'];
        const bytes = value === undefined ? undefined : parseMemory(value);
        if (bytes !== undefined && bytes > LARGEST) sink.add('error', 'too-large', path, `${String(value)} is more memory than the engine can take`);
      }
    }
  }
}

function checkDuration(text: string | undefined, path: PathSegment[], sink: DiagnosticSink): void {
  const ms = text === undefined ? undefined : parseDuration(text);
  if (ms !== undefined && ms > LARGEST) sink.add('error', 'too-large', path, `${text} is longer than the engine can count`);
}

const isZero = (value: number | string | undefined) => value !== undefined && Number(String(value).replace(/%$/, '')) === 0;

function checkDeploy(spec: ServiceDoc, base: PathSegment[], sink: DiagnosticSink): void {
  const deploy = spec.deploy;
  if (!deploy) return;
  for (const key of ['minHealthyTime', 'healthyDeadline', 'drainTimeout'] as const) checkDuration(deploy[key], [...base, 'deploy', key], sink);
  // As Kubernetes: with neither an extra pod nor a missing one allowed, a rollout cannot move.
  if ((deploy.strategy ?? 'rolling') === 'rolling' && isZero(deploy.maxSurge) && isZero(deploy.maxUnavailable)) {
    sink.add(
      'error',
      'deploy-stuck',
      [...base, 'deploy', 'maxUnavailable'],
      'maxSurge and maxUnavailable are both 0, so a rolling deploy could never replace a pod; allow at least one of them',
    );
  }
}

function checkAutoscale(spec: ServiceDoc, base: PathSegment[], sink: DiagnosticSink): void {
  const autoscale = spec.autoscale;
  if (!autoscale) return;
  const at = [...base, 'autoscale'];
  // Said plainly rather than ignored in silence: nothing acts on autoscale yet.
  sink.add(
    'warning',
    'not-implemented',
    at,
    'autoscale is not applied yet by this version of Flotilla: the service keeps its replicas (default: autoscale.min) and is not scaled on usage or schedules',
  );
  if (autoscale.min === 0) {
    sink.add(
      'warning',
      'autoscale-min-zero',
      [...at, 'min'],
      'autoscale.min is 0: with no pod running nothing can measure usage, so the service would never scale up again by itself; use 1 (a schedule can still raise it)',
    );
  }
  (autoscale.schedule ?? []).forEach((window, i) => {
    const problem = checkCron(window.cron);
    if (problem) sink.addWithin('error', 'cron', [...at, 'schedule', i, 'cron'], `Cron "${window.cron}": ${problem.message}`, problem.offset, problem.length);
    for (const key of ['min', 'max'] as const) {
      const value = window[key];
      if (value !== undefined && value > MAX_REPLICAS)
        sink.add('error', 'too-large', [...at, 'schedule', i, key], `This schedule's ${key} (${value}) is above ${MAX_REPLICAS}, the most replicas a service can have`);
    }
  });
}
