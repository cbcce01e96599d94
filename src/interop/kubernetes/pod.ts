// A Flotilla pod as a Kubernetes pod template: the containers share localhost exactly as a
// Kubernetes pod's do. Probes keep their timing; resources become limits and requests.

import type { ContainerDoc, HealthDoc, ResourcesDoc, ServiceDoc } from '../../core/manifest/types';
import { parseCpus, parseDuration } from '../../core/model/units';
import { type Container, dnsName, type ExportNote, type Probe, type Volume } from './types';

const seconds = (duration: string | undefined, fallback: number) => Math.max(1, Math.round((duration ? (parseDuration(duration) ?? fallback * 1000) : fallback * 1000) / 1000));

/** Liveness and readiness: Flotilla replaces an unhealthy pod and routes only to healthy ones. */
export function probes(health: HealthDoc): { livenessProbe: Probe; readinessProbe: Probe; startupProbe?: Probe } {
  const handler: Probe = health.http
    ? { httpGet: { path: health.http.path ?? '/', port: health.http.port } }
    : health.tcp
      ? { tcpSocket: { port: health.tcp.port } }
      : { exec: { command: health.exec ?? [] } };
  const periodSeconds = seconds(health.interval, 10);
  const timing = { periodSeconds, timeoutSeconds: seconds(health.timeout, 1), failureThreshold: health.failureThreshold ?? 3 };
  const result: { livenessProbe: Probe; readinessProbe: Probe; startupProbe?: Probe } = {
    livenessProbe: { ...handler, ...timing },
    readinessProbe: { ...handler, ...timing, successThreshold: health.successThreshold ?? 1 },
  };
  // startPeriod: failures do not count while starting; a startup probe holds the others back that long.
  const startMs = health.startPeriod ? (parseDuration(health.startPeriod) ?? 0) : 0;
  if (startMs > 0)
    result.startupProbe = {
      ...handler,
      periodSeconds,
      timeoutSeconds: timing.timeoutSeconds,
      failureThreshold: Math.ceil(startMs / 1000 / periodSeconds) + timing.failureThreshold,
    };
  return result;
}

function cpuQuantity(value: string | number): string {
  const cores = parseCpus(value) ?? 0;
  return `${Math.round(cores * 1000)}m`;
}

function resources(spec: ResourcesDoc): Container['resources'] {
  const limits: Record<string, string> = {};
  const requests: Record<string, string> = {};
  if (spec.cpus !== undefined) limits.cpu = cpuQuantity(spec.cpus);
  if (spec.memory !== undefined) limits.memory = String(spec.memory);
  if (spec.reserve?.cpus !== undefined) requests.cpu = cpuQuantity(spec.reserve.cpus);
  if (spec.reserve?.memory !== undefined) requests.memory = String(spec.reserve.memory);
  return { ...(Object.keys(limits).length ? { limits } : {}), ...(Object.keys(requests).length ? { requests } : {}) };
}

export interface PodParts {
  containers: Container[];
  volumes: Volume[];
}

export function podContainers(name: string, service: ServiceDoc, notes: ExportNote[], manifestDir: string): PodParts {
  const volumes = new Map<string, Volume>();
  const containers = Object.entries(service.containers).map(([containerName, spec], index): Container => {
    const at = `services.${name}.containers.${containerName}`;
    const container: Container = { name: dnsName(containerName), image: spec.image };
    // Kubernetes' command replaces ENTRYPOINT and args replaces CMD.
    if (spec.entrypoint) container.command = spec.entrypoint;
    if (spec.command) container.args = spec.command;
    if (spec.workingDir) container.workingDir = spec.workingDir;
    if (spec.env) container.env = Object.entries(spec.env).map(([key, value]) => ({ name: key, value: String(value) }));
    const ports = new Set<number>([...(index === 0 && service.expose ? [service.expose.port] : []), ...(spec.ports?.map((p) => p.port) ?? [])]);
    if (ports.size > 0)
      container.ports = [...ports].map((port) => ({ containerPort: port, protocol: spec.ports?.find((p) => p.port === port)?.protocol === 'udp' ? 'UDP' : 'TCP' }));
    for (const port of spec.ports ?? [])
      if (port.hostPort !== undefined)
        notes.push({
          at: `${at}.ports`,
          message: `host port ${port.hostPort} is published from the container on one machine; in a cluster add a Service (NodePort or LoadBalancer) if it must be reached from outside`,
        });
    if (spec.resources) container.resources = resources(spec.resources);
    const health = spec.health ?? (index === 0 ? service.health : undefined);
    if (health) Object.assign(container, probes(health));
    const securityContext = security(spec, at, notes);
    if (securityContext) container.securityContext = securityContext;
    if (spec.volumes) {
      container.volumeMounts = spec.volumes.map((mount) => {
        const volumeName = 'name' in mount ? dnsName(mount.name) : dnsName(`host-${mount.hostPath}`);
        if ('name' in mount) volumes.set(volumeName, { name: volumeName, persistentVolumeClaim: { claimName: volumeName } });
        else {
          const hostPath = mount.hostPath.startsWith('/') ? mount.hostPath : `${manifestDir.replace(/\/$/, '')}/${mount.hostPath.replace(/^\.\//, '')}`;
          volumes.set(volumeName, { name: volumeName, hostPath: { path: hostPath } });
          notes.push({
            at: `${at}.volumes`,
            message: `host path ${mount.hostPath} became a hostPath volume (${hostPath} on whichever node runs the pod); a ConfigMap or a volume is usual in a cluster`,
          });
        }
        return { name: volumeName, mountPath: mount.path, ...(mount.readOnly ? { readOnly: true } : {}) };
      });
    }
    if (spec.stopSignal)
      notes.push({ at: `${at}.stopSignal`, message: `stop signal ${spec.stopSignal} has no stable Kubernetes field: use a preStop hook or the image's STOPSIGNAL` });
    if (spec.devices?.length) notes.push({ at: `${at}.devices`, message: 'host devices need a device plugin in Kubernetes: not exported' });
    return container;
  });
  return { containers, volumes: [...volumes.values()] };
}

function security(spec: ContainerDoc, at: string, notes: ExportNote[]): Container['securityContext'] | undefined {
  const context: NonNullable<Container['securityContext']> = {};
  if (spec.privileged) context.privileged = true;
  if (spec.capAdd?.length) context.capabilities = { add: spec.capAdd };
  if (spec.user) {
    const [user, group] = spec.user.split(':');
    if (/^[0-9]+$/.test(user ?? '')) context.runAsUser = Number(user);
    else notes.push({ at: `${at}.user`, message: `user "${spec.user}" is a name; Kubernetes runs as numeric ids (runAsUser): not exported` });
    if (group !== undefined && /^[0-9]+$/.test(group)) context.runAsGroup = Number(group);
  }
  return Object.keys(context).length > 0 ? context : undefined;
}
