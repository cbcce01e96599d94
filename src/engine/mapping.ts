// Pure translation between Docker's JSON and the core's types, both ways. No I/O here, so it
// is unit-tested with fixtures.

import type Docker from 'dockerode';
import { containerEngineName, LABEL } from '../core/labels';
import type { PodCreateRequest } from '../core/ports';
import type { ContainerState, DesiredContainer, ObservedContainer, ObservedPod, ObservedPort } from '../core/state';

/** The container's place in its pod: the first (index 0) owns the network namespace. */
export const CONTAINER_INDEX_LABEL = 'flotilla.container-index';

const STATES: ContainerState[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];

export function toObservedContainer(info: Docker.ContainerInfo): (ObservedContainer & { index: number }) | undefined {
  const labels = info.Labels ?? {};
  const service = labels[LABEL.service];
  const pod = labels[LABEL.pod];
  const container = labels[LABEL.container];
  if (!service || !pod || !container) return undefined;
  const state = (STATES as string[]).includes(info.State) ? (info.State as ContainerState) : 'dead';
  const exit = /^Exited \((-?\d+)\)/.exec(info.Status ?? '');
  const health = /\((healthy|unhealthy|health: starting)\)/.exec(info.Status ?? '')?.[1];
  return {
    id: info.Id,
    engineName: (info.Names?.[0] ?? '').replace(/^\//, ''),
    service,
    pod,
    container,
    revision: Number(labels[LABEL.revision] ?? 0) || 0,
    specHash: labels[LABEL.specHash] ?? '',
    node: labels[LABEL.node] ?? '',
    image: info.Image,
    state,
    status: info.Status ?? '',
    exitCode: exit ? Number(exit[1]) : undefined,
    createdAt: (info.Created ?? 0) * 1000,
    ports: (info.Ports ?? [])
      .filter((p) => p.PublicPort !== undefined && p.PublicPort > 0)
      .map((p): ObservedPort => ({ containerPort: p.PrivatePort, hostIp: p.IP ?? '', hostPort: p.PublicPort, protocol: p.Type === 'udp' ? 'udp' : 'tcp' }))
      // Docker lists an IPv4 and an IPv6 binding for 0.0.0.0; one is enough to show.
      .filter((p, i, all) => all.findIndex((q) => q.containerPort === p.containerPort && q.hostPort === p.hostPort && q.protocol === p.protocol) === i),
    engineHealth: health === 'health: starting' ? 'starting' : (health as 'healthy' | 'unhealthy' | undefined),
    index: Number(labels[CONTAINER_INDEX_LABEL] ?? 0) || 0,
  };
}

/** Groups containers into pods, the namespace owner first. */
export function toObservedPods(infos: Docker.ContainerInfo[]): ObservedPod[] {
  const pods = new Map<string, (ObservedContainer & { index: number })[]>();
  for (const info of infos) {
    const c = toObservedContainer(info);
    if (!c) continue;
    pods.set(c.pod, [...(pods.get(c.pod) ?? []), c]);
  }
  return [...pods.entries()].map(([name, containers]) => {
    const sorted = containers.sort((a, b) => a.index - b.index);
    const first = sorted[0] as ObservedContainer;
    return {
      name,
      service: first.service,
      revision: first.revision,
      specHash: first.specHash,
      node: first.node,
      containers: sorted.map(({ index: _index, ...c }) => c),
    };
  });
}

function portKey(port: number, protocol: string): string {
  return `${port}/${protocol}`;
}

/**
 * Create options for container `index` of a pod. The first container owns the network
 * namespace and so publishes every port of the pod; the others join it by id.
 */
export function toCreateOptions(request: PodCreateRequest, index: number, firstContainerId?: string): Docker.ContainerCreateOptions {
  const { service, project, pod } = request;
  const spec = service.containers[index] as DesiredContainer;
  const isFirst = index === 0;
  const labels: Record<string, string> = {
    [LABEL.project]: project,
    [LABEL.service]: service.name,
    [LABEL.pod]: pod,
    [LABEL.container]: spec.name,
    [LABEL.revision]: String(request.revision),
    [LABEL.specHash]: service.specHash,
    [LABEL.node]: request.node,
    [CONTAINER_INDEX_LABEL]: String(index),
  };
  const ports = isFirst && !service.hostNetwork ? service.containers.flatMap((c) => c.ports) : [];
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of ports) {
    const key = portKey(p.port, p.protocol);
    exposed[key] = {};
    bindings[key] = [...(bindings[key] ?? []), { HostIp: p.hostIp, HostPort: p.hostPort === undefined ? '' : String(p.hostPort) }];
  }
  const networkMode = isFirst ? (service.hostNetwork ? 'host' : request.network) : `container:${firstContainerId}`;
  return {
    name: containerEngineName(project, pod, spec.name),
    Image: spec.image,
    Cmd: spec.command,
    Entrypoint: spec.entrypoint,
    WorkingDir: spec.workingDir,
    User: spec.user,
    Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
    Labels: labels,
    ExposedPorts: ports.length > 0 ? exposed : undefined,
    StopSignal: spec.stopSignal,
    StopTimeout: Math.ceil(service.stopGraceMs / 1000),
    HostConfig: {
      NetworkMode: networkMode,
      PortBindings: ports.length > 0 ? bindings : undefined,
      NanoCpus: spec.nanoCpus,
      Memory: spec.memoryBytes,
      MemoryReservation: spec.reserveMemoryBytes,
      // Docker has no CPU reservation; shares (1024 per CPU) give the same priority under load.
      CpuShares: spec.reserveNanoCpus === undefined ? undefined : Math.max(2, Math.round((spec.reserveNanoCpus / 1e9) * 1024)),
      Mounts: spec.mounts.map((m) =>
        m.kind === 'volume'
          ? { Type: 'volume' as const, Source: m.engineName, Target: m.target, ReadOnly: m.readOnly }
          : { Type: 'bind' as const, Source: m.source, Target: m.target, ReadOnly: m.readOnly },
      ),
      Privileged: spec.privileged,
      CapAdd: spec.capAdd.length > 0 ? spec.capAdd : undefined,
      Devices: spec.devices.map((d) => ({ PathOnHost: d, PathInContainer: d, CgroupPermissions: 'rwm' })),
      PidMode: service.hostPid ? 'host' : undefined,
      // Flotilla's reconciler restarts: Docker never restarts an unhealthy container, and a
      // hand stop disables its policy.
      RestartPolicy: { Name: 'no' },
    },
    NetworkingConfig:
      isFirst && !service.hostNetwork ? { EndpointsConfig: { [request.network]: { Aliases: [service.name, pod] } } } : undefined,
  };
}
