// Pure translation between Docker's JSON and the core's types, both ways. Types only from
// dockerode, no I/O: unit-tested with fixtures captured from a real engine.

import type Docker from 'dockerode';
import { containerEngineName, LABEL } from '../core/model/labels';
import type { PodCreateRequest } from '../core/ports/engine';
import type { ContainerState, DesiredContainer, DesiredPort, ObservedContainer, ObservedPod, ObservedPort } from '../core/model/state';

/**
 * The container's place in its pod (0 owns the network namespace). The engine lists
 * containers in no useful order, so the order is stored with each container.
 */
export const CONTAINER_INDEX_LABEL = 'flotilla.container-index';

/** Labels every container of a pod needs before Flotilla treats it as its own. */
const REQUIRED_LABELS = [LABEL.service, LABEL.pod, LABEL.container] as const;

const STATES: readonly string[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'] satisfies ContainerState[];

type IndexedContainer = ObservedContainer & { index: number };

/** Whether this host can connect to a container on a network with this gateway (core bridgeReachable). */
export type BridgeReachability = (gateway: string) => boolean;

const unreachable: BridgeReachability = () => false;

/** One listed container, or undefined when it lacks the labels that place it in a pod. */
export function toObservedContainer(info: Docker.ContainerInfo, reachable: BridgeReachability = unreachable): IndexedContainer | undefined {
  const labels = info.Labels ?? {};
  if (REQUIRED_LABELS.some((key) => !labels[key])) return undefined;
  const status = info.Status ?? '';
  const exit = /^Exited \((-?\d+)\)/.exec(status);
  const health = /\((healthy|unhealthy|health: starting)\)/.exec(status)?.[1];
  const index = Number(labels[CONTAINER_INDEX_LABEL]);
  const network = bridgeNetwork(info);
  return {
    id: info.Id,
    engineName: (info.Names?.[0] ?? '').replace(/^\//, ''),
    service: labels[LABEL.service] as string,
    pod: labels[LABEL.pod] as string,
    container: labels[LABEL.container] as string,
    revision: Number(labels[LABEL.revision]) || 0,
    specHash: labels[LABEL.specHash] ?? '',
    node: labels[LABEL.node] ?? '',
    image: info.Image,
    // An unknown state from a newer engine is shown as dead rather than trusted as running.
    state: STATES.includes(info.State) ? (info.State as ContainerState) : 'dead',
    status,
    exitCode: exit ? Number(exit[1]) : undefined,
    createdAt: (info.Created ?? 0) * 1000,
    ports: toObservedPorts(info.Ports ?? []),
    ...(network ? { bridgeAddress: { ip: network.ip, reachable: reachable(network.gateway) } } : {}),
    engineHealth: health === 'health: starting' ? 'starting' : (health as 'healthy' | 'unhealthy' | undefined),
    index: Number.isInteger(index) && index >= 0 ? index : 0,
  };
}

/** Host networking and containers joined to another's namespace list no address (or an empty one). */
function bridgeNetwork(info: Docker.ContainerInfo): { ip: string; gateway: string } | undefined {
  const network = Object.values(info.NetworkSettings?.Networks ?? {}).find((n) => typeof n.IPAddress === 'string' && n.IPAddress !== '');
  return network ? { ip: network.IPAddress, gateway: network.Gateway ?? '' } : undefined;
}

function toObservedPorts(ports: Docker.Port[]): ObservedPort[] {
  const seen = new Set<string>();
  const result: ObservedPort[] = [];
  for (const p of ports) {
    // Exposed but unpublished ports are listed without a PublicPort.
    if (!p.PublicPort) continue;
    const port: ObservedPort = { containerPort: p.PrivatePort, hostIp: p.IP ?? '', hostPort: p.PublicPort, protocol: p.Type === 'udp' ? 'udp' : 'tcp' };
    // An engine with IPv6 lists 0.0.0.0 and :: for one binding; one entry is enough.
    const key = `${port.containerPort}/${port.protocol}:${port.hostPort}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(port);
  }
  return result;
}

const byName = new Intl.Collator('en', { numeric: true }).compare;

/** Groups listed containers into pods (web-2 before web-10), the namespace owner first. */
export function toObservedPods(infos: Docker.ContainerInfo[], reachable: BridgeReachability = unreachable): ObservedPod[] {
  const pods = new Map<string, IndexedContainer[]>();
  for (const info of infos) {
    const c = toObservedContainer(info, reachable);
    if (!c) continue;
    // Pod names are unique per service only.
    const key = `${c.service}\u0000${c.pod}`;
    pods.set(key, [...(pods.get(key) ?? []), c]);
  }
  return [...pods.values()]
    .map((containers) => {
      const sorted = containers.sort((a, b) => a.index - b.index || a.createdAt - b.createdAt);
      const first = sorted[0] as IndexedContainer;
      return {
        name: first.pod,
        service: first.service,
        revision: first.revision,
        specHash: first.specHash,
        node: first.node,
        containers: sorted.map(({ index: _index, ...c }): ObservedContainer => c),
      };
    })
    .sort((a, b) => byName(a.service, b.service) || byName(a.name, b.name));
}

/** Every label a pod's container carries: core's identity labels plus its place in the pod. */
export function podLabels(request: PodCreateRequest, index: number): Record<string, string> {
  const spec = request.service.containers[index] as DesiredContainer;
  return {
    [LABEL.project]: request.project,
    [LABEL.service]: request.service.name,
    [LABEL.pod]: request.pod,
    [LABEL.container]: spec.name,
    [LABEL.revision]: String(request.revision),
    [LABEL.specHash]: request.service.specHash,
    [LABEL.node]: request.node,
    [CONTAINER_INDEX_LABEL]: String(index),
  };
}

function portBindings(ports: DesiredPort[]) {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of ports) {
    const key = `${p.port}/${p.protocol}`;
    exposed[key] = {};
    // An empty HostPort lets the engine pick a free ephemeral port.
    bindings[key] = [...(bindings[key] ?? []), { HostIp: p.hostIp, HostPort: p.hostPort === undefined ? '' : String(p.hostPort) }];
  }
  return { exposed, bindings };
}

/**
 * Create options for container `index` of a pod. The first container owns the network
 * namespace (network, DNS aliases, and the published ports of every container in the pod,
 * since a container joined with `container:<id>` cannot publish); the others join it by id.
 */
export function toCreateOptions(request: PodCreateRequest, index: number, firstContainerId?: string): Docker.ContainerCreateOptions {
  const { service, project, pod, network } = request;
  const spec = service.containers[index];
  if (!spec) throw new RangeError(`Pod ${pod} has no container ${index}.`);
  const isFirst = index === 0;
  if (!isFirst && !firstContainerId) throw new RangeError(`Container ${spec.name} of pod ${pod} needs the id of the pod's first container.`);
  // Host networking has nothing to publish: the ports are the host's own.
  const ports = isFirst && !service.hostNetwork ? service.containers.flatMap((c) => c.ports) : [];
  const { exposed, bindings } = portBindings(ports);
  const networkMode = !isFirst ? `container:${firstContainerId}` : service.hostNetwork ? 'host' : network;
  return {
    name: containerEngineName(project, pod, spec.name),
    Image: spec.image,
    Cmd: spec.command,
    Entrypoint: spec.entrypoint,
    WorkingDir: spec.workingDir,
    User: spec.user,
    Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
    Labels: podLabels(request, index),
    ExposedPorts: ports.length > 0 ? exposed : undefined,
    StopSignal: spec.stopSignal,
    StopTimeout: Math.ceil(service.stopGraceMs / 1000),
    HostConfig: {
      NetworkMode: networkMode,
      PortBindings: ports.length > 0 ? bindings : undefined,
      NanoCpus: spec.nanoCpus,
      Memory: spec.memoryBytes,
      MemoryReservation: spec.reserveMemoryBytes,
      // Docker has no CPU reservation. Shares (1024 per CPU, minimum 2) give the same relative
      // priority when the CPUs are contended, and cost nothing when they are not.
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
      // Restarts are the reconciler's job: Docker never restarts an unhealthy container, and a
      // stop or kill by hand switches its policy off until the next start.
      RestartPolicy: { Name: 'no' },
    },
    NetworkingConfig: isFirst && !service.hostNetwork ? { EndpointsConfig: { [network]: { Aliases: [service.name, pod] } } } : undefined,
  };
}
