import assert from 'node:assert/strict';
import { ProbedHealth, RunningHealth } from '../../../../src/core/rollout/health-source';
import type { ProbeTarget } from '../../../../src/core/ports/engine';
import { ServiceRouter, type ServicePortHost } from '../../../../src/core/serving/router';
import type { DesiredService, DesiredState, ObservedContainer, ObservedPod } from '../../../../src/core/model/state';
import { bridgeReachable, podBackend, servingBackends, type EngineLocation, type TrafficBackend } from '../../../../src/core/serving/traffic';
import { ManualClock } from '../../manual-clock';
import { desiredFrom, SHOP } from '../../manifests';

function container(id: string, state: ObservedContainer['state'], ports: ObservedContainer['ports'] = [], exitCode?: number): ObservedContainer {
  return {
    id,
    engineName: id,
    service: 'web',
    pod: 'web-1',
    container: id,
    revision: 1,
    specHash: 'h',
    node: 'local',
    image: 'i',
    state,
    status: '',
    createdAt: 0,
    ports,
    exitCode,
  };
}

const pod = (...containers: ObservedContainer[]): ObservedPod => ({ name: 'web-1', service: 'web', revision: 1, specHash: 'h', node: 'local', containers });

describe('podBackend', () => {
  it("finds the service port the pod's first container publishes, on loopback for a wildcard binding", () => {
    const published = [
      { containerPort: 8080, hostIp: '127.0.0.1', hostPort: 32768, protocol: 'tcp' as const },
      { containerPort: 9000, hostIp: '0.0.0.0', hostPort: 32769, protocol: 'tcp' as const },
    ];
    assert.deepEqual(podBackend(pod(container('a', 'running', published)), 8080), { pod: 'web-1', host: '127.0.0.1', port: 32768 });
    assert.deepEqual(podBackend(pod(container('a', 'running', published)), 9000), { pod: 'web-1', host: '127.0.0.1', port: 32769 });
    assert.equal(podBackend(pod(container('a', 'running', published)), 7000), undefined, 'not published');
    assert.equal(podBackend(pod(container('a', 'exited', published)), 8080), undefined, 'not running');
  });

  it("goes to the owner's bridge IP and the port itself when the engine says it is reachable, else to the published port", () => {
    const published = [{ containerPort: 8080, hostIp: '127.0.0.1', hostPort: 32768, protocol: 'tcp' as const }];
    const at = (reachable: boolean): ObservedContainer => ({ ...container('a', 'running', published), bridgeAddress: { ip: '172.18.0.5', reachable } });
    assert.deepEqual(podBackend(pod(at(true)), 8080), { pod: 'web-1', host: '172.18.0.5', port: 8080, fallback: { host: '127.0.0.1', port: 32768 } });
    assert.deepEqual(podBackend(pod(at(false)), 8080), { pod: 'web-1', host: '127.0.0.1', port: 32768 }, 'remote or Desktop engine');
    assert.equal(podBackend(pod(at(true)), 9000), undefined, 'a port the pod does not publish is not served by IP either');
    assert.equal(podBackend(pod({ ...at(true), state: 'exited' }), 8080), undefined);
    const sidecarWithIp = { ...container('b', 'running'), bridgeAddress: { ip: '172.18.0.9', reachable: true } };
    assert.deepEqual(
      podBackend(pod(container('a', 'running', published), sidecarWithIp), 8080),
      { pod: 'web-1', host: '127.0.0.1', port: 32768 },
      "only the namespace owner's address counts",
    );
  });

  it("bridgeReachable: only a unix-socket engine on Linux whose network's gateway is this host's", () => {
    const local: EngineLocation = { transport: 'unix', platform: 'linux', gatewayOnHost: true };
    assert.equal(bridgeReachable(local), true);
    assert.equal(bridgeReachable({ ...local, platform: 'darwin' }), false, 'Docker Desktop on macOS: a VM');
    assert.equal(bridgeReachable({ ...local, platform: 'win32', transport: 'npipe' }), false);
    assert.equal(bridgeReachable({ ...local, transport: 'tcp' }), false, 'a remote engine, even one whose subnet looks like ours');
    assert.equal(bridgeReachable({ ...local, transport: 'ssh' }), false);
    assert.equal(bridgeReachable({ ...local, gatewayOnHost: false }), false, "rootless or Docker Desktop for Linux: the bridge is not in this host's namespace");
  });

  it('servingBackends: the healthy pods that publish the port', () => {
    const port = (hostPort: number) => [{ containerPort: 8080, hostIp: '127.0.0.1', hostPort, protocol: 'tcp' as const }];
    const pods = [1, 2, 3].map((n) => ({ ...pod(container(`c${n}`, 'running', n === 3 ? [] : port(40000 + n))), name: `web-${n}` }));
    assert.deepEqual(
      servingBackends(pods, 8080, () => true).map((b) => [b.pod, b.port]),
      [
        ['web-1', 40001],
        ['web-2', 40002],
      ],
    );
    assert.deepEqual(
      servingBackends(pods, 8080, (p) => p.name !== 'web-1').map((b) => b.pod),
      ['web-2'],
    );
  });
});

describe('ServiceRouter with container IPs', () => {
  it('routes again when the IP or only the published fallback port of a pod changes (a restart), and not otherwise', async () => {
    const routes: TrafficBackend[][] = [];
    const host: ServicePortHost = {
      openService: async () => ({ host: '127.0.0.1', port: 18080 }),
      closeService: async () => undefined,
      close: async () => undefined,
      route: (_service, backends) => void routes.push(backends),
      routed: () => [],
      openConnections: () => new Map(),
      drain: async () => ({ cut: 0 }),
    };
    const web = { name: 'web', containers: [{ name: 'app' }], expose: { port: 8080, hostPort: 18080, hostIp: '127.0.0.1', balance: 'round-robin' } } as DesiredService;
    const desired = { project: 'p', services: [web] } as unknown as DesiredState;
    const listed = (ip: string, hostPort: number) => ({
      project: 'p',
      networks: [],
      volumes: [],
      pods: [
        pod({ ...container('a', 'running', [{ containerPort: 8080, hostIp: '127.0.0.1', hostPort, protocol: 'tcp' }]), container: 'app', bridgeAddress: { ip, reachable: true } }),
      ],
    });
    const router = new ServiceRouter(host, () => undefined);
    await router.open(desired);
    router.route(desired, listed('172.18.0.5', 32768));
    router.route(desired, listed('172.18.0.5', 32768));
    router.route(desired, listed('172.18.0.5', 32790));
    router.route(desired, listed('172.18.0.7', 32790));
    assert.deepEqual(
      routes.map((r) => r.map((b) => `${b.host}:${b.port} (${b.fallback?.port})`)),
      [['172.18.0.5:8080 (32768)'], ['172.18.0.5:8080 (32790)'], ['172.18.0.7:8080 (32790)']],
    );
  });
});

describe('RunningHealth', () => {
  const web = desiredFrom(SHOP).services[0]!;
  it('healthy since first seen with every container running; crashed when the first exited; reset after', () => {
    const health = new RunningHealth();
    assert.deepEqual(health.podHealth(web, [pod(container('a', 'running'), container('b', 'created'))], 100).get('web-1'), { status: 'starting' });
    assert.deepEqual(health.podHealth(web, [pod(container('a', 'running'), container('b', 'running'))], 200).get('web-1'), { status: 'healthy', healthySince: 200 });
    assert.deepEqual(health.podHealth(web, [pod(container('a', 'running'), container('b', 'running'))], 900).get('web-1'), { status: 'healthy', healthySince: 200 });
    assert.deepEqual(health.podHealth(web, [pod(container('a', 'running'), container('b', 'exited', [], 1))], 1000).get('web-1'), { status: 'unhealthy' });
    assert.deepEqual(health.podHealth(web, [pod(container('a', 'exited', [], 2), container('b', 'exited'))], 1100).get('web-1'), { status: 'crashed', exitCode: 2 });
    assert.deepEqual(health.podHealth(web, [pod(container('a', 'running'), container('b', 'running'))], 1200).get('web-1'), { status: 'healthy', healthySince: 1200 });
  });
});

describe('ProbedHealth', () => {
  it('a probed new pod is healthy once its probes pass (since then), unhealthy after failureThreshold; old pods by running state', async () => {
    const web = desiredFrom(SHOP).services[0]!; // web: http probe on 8080, interval 10s, failureThreshold 3
    const clock = new ManualClock();
    const okPorts = new Set([41001]);
    const runner = { runProbe: async (target: ProbeTarget) => ({ ok: 'port' in target && okPorts.has(target.port), latencyMs: 1, output: 'HTTP 200' }) };
    const health = new ProbedHealth(runner, clock);
    const published = (port: number) => [{ containerPort: 8080, hostIp: '127.0.0.1', hostPort: port, protocol: 'tcp' as const }];
    const newPod = (name: string, port: number): ObservedPod => ({
      name,
      service: 'web',
      revision: 2,
      specHash: web.specHash,
      node: 'local',
      containers: [
        { ...container(`${name}-app`, 'running', published(port)), container: 'app', pod: name },
        { ...container(`${name}-drain`, 'running'), container: 'log-drain', pod: name },
      ],
    });
    const oldPod: ObservedPod = { ...pod(container('old-app', 'running')), name: 'web-9', specHash: 'old' };
    const pods = [newPod('web-1', 41001), newPod('web-2', 41002), oldPod];
    try {
      const first = health.podHealth(web, pods, clock.now());
      assert.deepEqual(first.get('web-1'), { status: 'starting' }, 'no probe result yet');
      assert.deepEqual(first.get('web-9'), { status: 'healthy', healthySince: 0 }, 'the old set: running');
      await clock.advance(1);
      assert.deepEqual(health.podHealth(web, pods, clock.now()).get('web-1'), { status: 'healthy', healthySince: 0 });
      assert.deepEqual(health.podHealth(web, pods, clock.now()).get('web-2'), { status: 'starting' });
      await clock.advance(30_000);
      assert.deepEqual(health.podHealth(web, pods, clock.now()).get('web-2'), { status: 'unhealthy' });
    } finally {
      health.dispose();
    }
  });
});
