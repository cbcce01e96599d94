// Manifest (as written) -> DesiredState (every default filled in, units in numbers, names
// made engine-ready). Pure; the input has passed schema and semantic checks.

import { networkName, volumeEngineName } from '../model/labels';
import { stableHash } from '../model/hash';
import type { DesiredContainer, DesiredMount, DesiredPort, DesiredService, DesiredState, ProbeSpec } from '../model/state';
import { parseCpus, parseDuration, parseMemory, parsePercent } from '../model/units';
import { resolveHostPath } from './security';
import type { ContainerDoc, HealthDoc, ManifestDoc, ServiceDoc } from './types';

export const DEFAULTS = {
  replicas: 1,
  restart: 'always',
  stopGracePeriod: '10s',
  hostIp: '127.0.0.1',
  probe: { interval: '10s', timeout: '1s', failureThreshold: 3, successThreshold: 1, startPeriod: '0s', httpPath: '/' },
  deploy: { strategy: 'rolling', maxSurge: '25%', maxUnavailable: '25%', minHealthyTime: '5s', healthyDeadline: '2m', drainTimeout: '10s', autoRollback: true, history: 10 },
  placement: 'spread',
} as const;

const NANO = 1e9;

function duration(text: string | undefined, fallback: string): number {
  return parseDuration(text ?? fallback) ?? (parseDuration(fallback) as number);
}

export function expandManifest(doc: ManifestDoc, project: string, manifestDir: string): DesiredState {
  const volumes = Object.entries(doc.volumes ?? {}).map(([name, spec]) => ({
    name,
    engineName: volumeEngineName(project, name),
    labels: spec.labels ?? {},
  }));
  const services = Object.entries(doc.services).map(([name, spec]) => expandService(project, name, spec, manifestDir));
  return { project, manifestDir, network: networkName(project), volumes, services, allow: [...(doc.allow ?? [])] };
}

function expandService(project: string, name: string, spec: ServiceDoc, manifestDir: string): DesiredService {
  const containerEntries = Object.entries(spec.containers);
  const containers = containerEntries.map(([containerName, c], index) => expandContainer(project, containerName, c, manifestDir, index === 0 ? spec.health : undefined));
  const primary = containers[0] as DesiredContainer;
  // Probes and the service port reach a replica through ports published on 127.0.0.1, so every
  // such port is published (on an ephemeral host port) by the namespace owner.
  const needed = [spec.expose?.port, ...containers.map((c) => probePort(c.probe))].filter((p): p is number => p !== undefined);
  for (const port of needed) {
    if (!containers.some((c) => c.ports.some((p) => p.port === port && p.protocol === 'tcp'))) {
      primary.ports.push({ port, hostIp: DEFAULTS.hostIp, protocol: 'tcp' });
    }
  }
  const stopGraceMs = duration(spec.stopGracePeriod, DEFAULTS.stopGracePeriod);
  const hostNetwork = spec.hostNetwork ?? false;
  const hostPid = spec.hostPid ?? false;
  const deploy = spec.deploy ?? {};
  const d = DEFAULTS.deploy;
  return {
    name,
    replicas: spec.replicas ?? spec.autoscale?.min ?? DEFAULTS.replicas,
    // Only what is baked into the containers: changing replicas, probes (Flotilla runs them, the
    // ports they need are in `ports`) or deploy settings must not recreate anything.
    specHash: stableHash({ containers: containers.map(({ probe: _probe, ...baked }) => baked), stopGraceMs, hostNetwork, hostPid }),
    containers,
    restart: spec.restart ?? DEFAULTS.restart,
    stopGraceMs,
    hostNetwork,
    hostPid,
    expose: spec.expose && {
      port: spec.expose.port,
      hostPort: spec.expose.hostPort,
      hostIp: spec.expose.hostIp ?? DEFAULTS.hostIp,
      balance: spec.expose.balance ?? 'round-robin',
    },
    deploy: {
      strategy: deploy.strategy ?? d.strategy,
      maxSurge: deploy.maxSurge ?? d.maxSurge,
      maxUnavailable: deploy.maxUnavailable ?? d.maxUnavailable,
      minHealthyTimeMs: duration(deploy.minHealthyTime, d.minHealthyTime),
      healthyDeadlineMs: duration(deploy.healthyDeadline, d.healthyDeadline),
      drainTimeoutMs: duration(deploy.drainTimeout, d.drainTimeout),
      autoRollback: deploy.autoRollback ?? d.autoRollback,
      history: deploy.history ?? d.history,
    },
    autoscale: spec.autoscale && {
      min: spec.autoscale.min,
      max: spec.autoscale.max,
      cpu: spec.autoscale.cpu === undefined ? undefined : parsePercent(spec.autoscale.cpu),
      memory: spec.autoscale.memory === undefined ? undefined : parsePercent(spec.autoscale.memory),
      schedule: spec.autoscale.schedule ?? [],
    },
    placement: spec.placement ?? DEFAULTS.placement,
  };
}

function expandContainer(project: string, name: string, c: ContainerDoc, manifestDir: string, podHealth: HealthDoc | undefined): DesiredContainer {
  const ports: DesiredPort[] = (c.ports ?? []).map((p) => ({
    port: p.port,
    hostPort: p.hostPort,
    hostIp: p.hostIp ?? DEFAULTS.hostIp,
    protocol: p.protocol ?? 'tcp',
  }));
  const mounts: DesiredMount[] = (c.volumes ?? []).map((m) =>
    'name' in m
      ? { kind: 'volume', volume: m.name, engineName: volumeEngineName(project, m.name), target: m.path, readOnly: m.readOnly ?? false }
      : { kind: 'bind', source: resolveHostPath(manifestDir, m.hostPath), target: m.path, readOnly: m.readOnly ?? false },
  );
  const cpus = c.resources?.cpus === undefined ? undefined : parseCpus(c.resources.cpus);
  const reserveCpus = c.resources?.reserve?.cpus === undefined ? undefined : parseCpus(c.resources.reserve.cpus);
  const health = c.health ?? podHealth;
  return {
    name,
    image: c.image,
    command: c.command,
    entrypoint: c.entrypoint,
    workingDir: c.workingDir,
    user: c.user,
    env: Object.fromEntries(Object.entries(c.env ?? {}).map(([k, v]) => [k, String(v)])),
    ports,
    nanoCpus: cpus === undefined ? undefined : Math.round(cpus * NANO),
    memoryBytes: c.resources?.memory === undefined ? undefined : parseMemory(c.resources.memory),
    reserveNanoCpus: reserveCpus === undefined ? undefined : Math.round(reserveCpus * NANO),
    reserveMemoryBytes: c.resources?.reserve?.memory === undefined ? undefined : parseMemory(c.resources.reserve.memory),
    mounts,
    probe: health && expandProbe(health),
    privileged: c.privileged ?? false,
    capAdd: c.capAdd ?? [],
    devices: c.devices ?? [],
    stopSignal: c.stopSignal,
  };
}

function expandProbe(h: HealthDoc): ProbeSpec | undefined {
  const p = DEFAULTS.probe;
  const check = h.http
    ? ({ kind: 'http', path: h.http.path ?? p.httpPath, port: h.http.port } as const)
    : h.tcp
      ? ({ kind: 'tcp', port: h.tcp.port } as const)
      : h.exec
        ? ({ kind: 'exec', command: h.exec } as const)
        : undefined;
  if (!check) return undefined;
  return {
    check,
    intervalMs: duration(h.interval, p.interval),
    timeoutMs: duration(h.timeout, p.timeout),
    failureThreshold: h.failureThreshold ?? p.failureThreshold,
    successThreshold: h.successThreshold ?? p.successThreshold,
    startPeriodMs: duration(h.startPeriod, p.startPeriod),
  };
}

function probePort(probe: ProbeSpec | undefined): number | undefined {
  return probe && probe.check.kind !== 'exec' ? probe.check.port : undefined;
}
