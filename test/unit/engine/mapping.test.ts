import assert from 'node:assert/strict';
import type Docker from 'dockerode';
import { LABEL } from '../../../src/core/model/labels';
import type { PodCreateRequest } from '../../../src/core/ports/engine';
import type { DesiredContainer, DesiredService } from '../../../src/core/model/state';
import { CONTAINER_INDEX_LABEL, toCreateOptions, toObservedContainer, toObservedPods } from '../../../src/engine/mapping';
import listed from './fixtures/list-containers.json';

// Captured with listContainers({ all: true }) on Docker 20.10 (API 1.41), network details
// trimmed to id, address and gateway: web-1 is a running app with a healthcheck and three published ports plus a
// log-drain sidecar that exited 3; web-2 was killed (137); web-3 is unhealthy; web-4 is only
// created; web-5 is in its health start period; "fixture-stray" lacks the pod labels.
const fixture = listed as unknown as Docker.ContainerInfo[];
const named = (name: string) => fixture.find((c) => c.Names[0] === `/${name}`) as Docker.ContainerInfo;

function container(name: string, extra: Partial<DesiredContainer> = {}): DesiredContainer {
  return { name, image: 'shop/web:2', env: {}, ports: [], mounts: [], privileged: false, capAdd: [], devices: [], ...extra };
}

function service(containers: DesiredContainer[], extra: Partial<DesiredService> = {}): DesiredService {
  return {
    name: 'web',
    replicas: 2,
    specHash: '9f2c1e0a',
    containers,
    restart: 'always',
    stopGraceMs: 10_000,
    hostNetwork: false,
    hostPid: false,
    deploy: {
      strategy: 'rolling',
      maxSurge: '25%',
      maxUnavailable: '25%',
      minHealthyTimeMs: 0,
      healthyDeadlineMs: 120_000,
      drainTimeoutMs: 10_000,
      autoRollback: true,
      history: 10,
    },
    placement: 'spread',
    ...extra,
  };
}

function request(svc: DesiredService): PodCreateRequest {
  return { project: 'shop', service: svc, pod: 'web-2', revision: 4, network: 'flotilla-shop', node: 'local' };
}

describe('engine mapping: listed containers', () => {
  it('reads identity, state, exit code, creation time, ports and engine health', () => {
    const app = toObservedContainer(named('fixture-web-1-app'));
    assert.deepEqual(app, {
      id: 'eb0eb942da00c339f2323d586aadf35d52f5413eea69046c5130b6bb4ea5e297',
      engineName: 'fixture-web-1-app',
      service: 'web',
      pod: 'web-1',
      container: 'app',
      revision: 3,
      specHash: '9f2c1e0a',
      node: 'local',
      image: 'flotilla-test/busybox:1',
      state: 'running',
      status: 'Up 4 seconds (healthy)',
      exitCode: undefined,
      createdAt: 1795569661000,
      ports: [
        { containerPort: 5353, hostIp: '127.0.0.1', hostPort: 32768, protocol: 'udp' },
        { containerPort: 8080, hostIp: '127.0.0.1', hostPort: 32792, protocol: 'tcp' },
        { containerPort: 9090, hostIp: '0.0.0.0', hostPort: 32768, protocol: 'tcp' },
      ],
      bridgeAddress: { ip: '192.168.192.2', reachable: false },
      engineHealth: 'healthy',
      index: 0,
    });
    const drain = toObservedContainer(named('fixture-web-1-log-drain'));
    assert.deepEqual([drain?.state, drain?.exitCode, drain?.engineHealth, drain?.index], ['exited', 3, undefined, 1]);
    assert.deepEqual([toObservedContainer(named('fixture-web-2-app'))?.exitCode, toObservedContainer(named('fixture-web-2-app'))?.status], [137, 'Exited (137) 4 seconds ago']);
    assert.equal(toObservedContainer(named('fixture-web-3-app'))?.engineHealth, 'unhealthy');
    assert.equal(toObservedContainer(named('fixture-web-5-app'))?.engineHealth, 'starting');
    assert.deepEqual([toObservedContainer(named('fixture-web-4-app'))?.state, toObservedContainer(named('fixture-web-4-app'))?.exitCode], ['created', undefined]);
  });

  it('skips containers without the pod labels, and lists unpublished and IPv6 duplicate ports once or not at all', () => {
    assert.equal(toObservedContainer(named('fixture-stray')), undefined);
    const withV6 = {
      ...named('fixture-web-4-app'),
      Ports: [
        { IP: '0.0.0.0', PrivatePort: 8080, PublicPort: 49153, Type: 'tcp' },
        { IP: '::', PrivatePort: 8080, PublicPort: 49153, Type: 'tcp' },
        { PrivatePort: 9000, Type: 'tcp' },
      ],
    } as Docker.ContainerInfo;
    assert.deepEqual(toObservedContainer(withV6)?.ports, [{ containerPort: 8080, hostIp: '0.0.0.0', hostPort: 49153, protocol: 'tcp' }]);
  });

  it("reads the container's address on its network, reachable when its network's gateway is one this host has; none for a joined sidecar or an empty address", () => {
    const here = (gateway: string) => gateway === '192.168.192.1';
    assert.deepEqual(toObservedContainer(named('fixture-web-1-app'), here)?.bridgeAddress, { ip: '192.168.192.2', reachable: true });
    assert.deepEqual(
      toObservedContainer(named('fixture-web-1-app'), () => false)?.bridgeAddress,
      { ip: '192.168.192.2', reachable: false },
      'a bridge elsewhere (rootless, Desktop VM)',
    );
    assert.equal(toObservedContainer(named('fixture-web-1-log-drain'), here)?.bridgeAddress, undefined, 'joined with container:<id>');
    assert.equal(toObservedContainer(named('fixture-web-2-app'), here)?.bridgeAddress, undefined, 'exited: the engine lists an empty address');
    const hostNetwork = { ...named('fixture-web-1-app'), NetworkSettings: { Networks: { host: { IPAddress: '', Gateway: '' } } } } as unknown as Docker.ContainerInfo;
    assert.equal(toObservedContainer(hostNetwork, here)?.bridgeAddress, undefined);
    assert.deepEqual(toObservedPods(fixture, here)[0]?.containers[0]?.bridgeAddress, { ip: '192.168.192.2', reachable: true });
  });

  it('reads an unknown state as dead and a missing index as 0', () => {
    const odd = { ...named('fixture-web-4-app'), State: 'hibernating', Labels: { ...named('fixture-web-4-app').Labels, [CONTAINER_INDEX_LABEL]: 'x' } };
    assert.deepEqual([toObservedContainer(odd)?.state, toObservedContainer(odd)?.index], ['dead', 0]);
  });

  it('groups containers into pods in name order, the namespace owner first whatever the list order', () => {
    const pods = toObservedPods([...fixture].reverse());
    assert.deepEqual(
      pods.map((p) => [p.name, p.containers.map((c) => c.container)]),
      [
        ['web-1', ['app', 'log-drain']],
        ['web-2', ['app']],
        ['web-3', ['app']],
        ['web-4', ['app']],
        ['web-5', ['app']],
      ],
    );
    assert.deepEqual({ ...pods[0], containers: undefined }, { name: 'web-1', service: 'web', revision: 3, specHash: '9f2c1e0a', node: 'local', containers: undefined });
    assert.ok(pods.every((p) => p.containers.every((c) => !('index' in c))));
    const tenth = { ...named('fixture-web-4-app'), Id: 'x', Labels: { ...named('fixture-web-4-app').Labels, [LABEL.pod]: 'web-10' } };
    assert.deepEqual(
      toObservedPods([tenth, named('fixture-web-2-app')]).map((p) => p.name),
      ['web-2', 'web-10'],
    );
  });
});

describe('engine mapping: create options', () => {
  const app = container('app', {
    command: ['httpd', '-f', '-p', '8080'],
    entrypoint: ['/bin/sh', '-c'],
    workingDir: '/srv',
    user: '1000:1000',
    env: { API_URL: 'http://api:9000', MODE: 'a=b' },
    ports: [{ port: 8080, hostIp: '127.0.0.1', protocol: 'tcp' }],
    nanoCpus: 0.5e9,
    memoryBytes: 128 * 2 ** 20,
    reserveNanoCpus: 0.25e9,
    reserveMemoryBytes: 64 * 2 ** 20,
    mounts: [
      { kind: 'volume', volume: 'uploads', engineName: 'flotilla-shop-uploads', target: '/srv/uploads', readOnly: false },
      { kind: 'bind', source: '/home/me/shop/conf', target: '/etc/app', readOnly: true },
    ],
    stopSignal: 'SIGQUIT',
  });
  const drain = container('log-drain', {
    image: 'shop/logdrain:1',
    ports: [
      { port: 9100, hostPort: 19100, hostIp: '0.0.0.0', protocol: 'tcp' },
      { port: 8080, hostPort: 18080, hostIp: '127.0.0.1', protocol: 'tcp' },
    ],
    privileged: true,
    capAdd: ['NET_ADMIN'],
    devices: ['/dev/fuse'],
  });

  it('gives the first container the network, its DNS aliases and the ports of the whole pod', () => {
    const first = toCreateOptions(request(service([app, drain], { stopGraceMs: 2500 })), 0);
    assert.deepEqual(first, {
      name: 'shop-web-2-app',
      Image: 'shop/web:2',
      Cmd: ['httpd', '-f', '-p', '8080'],
      Entrypoint: ['/bin/sh', '-c'],
      WorkingDir: '/srv',
      User: '1000:1000',
      Env: ['API_URL=http://api:9000', 'MODE=a=b'],
      Labels: {
        [LABEL.project]: 'shop',
        [LABEL.service]: 'web',
        [LABEL.pod]: 'web-2',
        [LABEL.container]: 'app',
        [LABEL.revision]: '4',
        [LABEL.specHash]: '9f2c1e0a',
        [LABEL.node]: 'local',
        [CONTAINER_INDEX_LABEL]: '0',
      },
      ExposedPorts: { '8080/tcp': {}, '9100/tcp': {} },
      StopSignal: 'SIGQUIT',
      StopTimeout: 3,
      HostConfig: {
        NetworkMode: 'flotilla-shop',
        PortBindings: {
          '8080/tcp': [
            { HostIp: '127.0.0.1', HostPort: '' },
            { HostIp: '127.0.0.1', HostPort: '18080' },
          ],
          '9100/tcp': [{ HostIp: '0.0.0.0', HostPort: '19100' }],
        },
        NanoCpus: 500_000_000,
        Memory: 134_217_728,
        MemoryReservation: 67_108_864,
        CpuShares: 256,
        Mounts: [
          { Type: 'volume', Source: 'flotilla-shop-uploads', Target: '/srv/uploads', ReadOnly: false },
          { Type: 'bind', Source: '/home/me/shop/conf', Target: '/etc/app', ReadOnly: true },
        ],
        Privileged: false,
        CapAdd: undefined,
        Devices: [],
        PidMode: undefined,
        RestartPolicy: { Name: 'no' },
      },
      NetworkingConfig: { EndpointsConfig: { 'flotilla-shop': { Aliases: ['web', 'web-2'] } } },
    });
  });

  it('joins sidecars to the first container by id, with no ports or network of their own', () => {
    const sidecar = toCreateOptions(request(service([app, drain])), 1, 'f00d');
    assert.equal(sidecar.name, 'shop-web-2-log-drain');
    assert.equal(sidecar.Labels?.[CONTAINER_INDEX_LABEL], '1');
    assert.equal(sidecar.Labels?.[LABEL.container], 'log-drain');
    assert.equal(sidecar.HostConfig?.NetworkMode, 'container:f00d');
    assert.equal(sidecar.NetworkingConfig, undefined);
    assert.equal(sidecar.ExposedPorts, undefined);
    assert.equal(sidecar.HostConfig?.PortBindings, undefined);
    assert.equal(sidecar.Cmd, undefined, 'no command: the image default');
    assert.deepEqual(sidecar.Env, []);
    assert.equal(sidecar.HostConfig?.Privileged, true);
    assert.deepEqual(sidecar.HostConfig?.CapAdd, ['NET_ADMIN']);
    assert.deepEqual(sidecar.HostConfig?.Devices, [{ PathOnHost: '/dev/fuse', PathInContainer: '/dev/fuse', CgroupPermissions: 'rwm' }]);
    assert.deepEqual([sidecar.HostConfig?.NanoCpus, sidecar.HostConfig?.Memory, sidecar.HostConfig?.CpuShares], [undefined, undefined, undefined]);
    assert.throws(() => toCreateOptions(request(service([app, drain])), 1), RangeError);
  });

  it('puts a host-network pod on the host network without aliases or bindings, and shares the host PID namespace with every container', () => {
    const svc = service([app, drain], { hostNetwork: true, hostPid: true });
    const first = toCreateOptions(request(svc), 0);
    assert.equal(first.HostConfig?.NetworkMode, 'host');
    assert.equal(first.NetworkingConfig, undefined);
    assert.equal(first.HostConfig?.PortBindings, undefined);
    assert.equal(first.ExposedPorts, undefined);
    const sidecar = toCreateOptions(request(svc), 1, 'f00d');
    assert.equal(sidecar.HostConfig?.NetworkMode, 'container:f00d');
    assert.deepEqual([first.HostConfig?.PidMode, sidecar.HostConfig?.PidMode], ['host', 'host']);
  });

  it('rounds the stop grace up to whole seconds and keeps tiny CPU reservations at the engine minimum', () => {
    const tiny = container('app', { reserveNanoCpus: 1_000_000 });
    const options = toCreateOptions(request(service([tiny], { stopGraceMs: 1 })), 0);
    assert.equal(options.StopTimeout, 1);
    assert.equal(options.HostConfig?.CpuShares, 2);
    assert.equal(toCreateOptions(request(service([tiny], { stopGraceMs: 0 })), 0).StopTimeout, 0);
  });
});
