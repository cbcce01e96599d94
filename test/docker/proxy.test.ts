// The service proxy in front of real replicas: busybox httpd pods, each serving a page with its
// own hostname (the container id), found through listProject. On a local Linux engine the
// proxy reaches them on their container IPs (no docker-proxy in between); elsewhere on their
// published 127.0.0.1 ports.
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { LABEL, networkName } from '../../src/core/model/labels';
import { ServiceRouter, type ServingNote } from '../../src/core/serving/router';
import type { DesiredService, DesiredState, ObservedPod } from '../../src/core/model/state';
import { podBackend, type TrafficBackend } from '../../src/core/serving/traffic';
import { createDockerEngine } from '../../src/engine';
import { endpointTransport } from '../../src/engine/endpoint';
import { ServicePorts } from '../../src/proxy';
import { getOnce } from '../net';
import { cleanupProject, docker, eventually, TEST_IMAGE, testContainer, testService, uniqueProject } from './helpers';

/** Serves /w/index.html holding the container's hostname (its short id). */
const HOSTNAME_HTTPD = ['sh', '-c', 'mkdir -p /w && hostname > /w/index.html && exec httpd -f -p 8080 -h /w'];

/** This machine is where the proxy must skip docker-proxy: a local socket on Linux (CI, dev boxes). */
const BRIDGE_EXPECTED = process.platform === 'linux' && endpointTransport(process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock') === 'unix';

function webService(replicas: number): DesiredService {
  return testService('web', [testContainer('app', HOSTNAME_HTTPD, { ports: [{ port: 8080, hostIp: '127.0.0.1', protocol: 'tcp' }] })], {
    replicas,
    expose: { port: 8080, hostPort: 0, hostIp: '127.0.0.1', balance: 'round-robin' },
  });
}

/** The pod's first container's address on the project network, as the engine inspects it. */
async function inspectedIp(pod: ObservedPod, network: string): Promise<string> {
  const info = await docker.getContainer(pod.containers[0]!.id).inspect();
  return info.NetworkSettings.Networks[network]?.IPAddress ?? '';
}

const ok = async (backend: TrafficBackend) => (await getOnce(backend.port, '/', backend.host).catch(() => undefined))?.status === 200;

describe('service proxy over real replicas (real engine)', () => {
  const engine = createDockerEngine();
  let project: string;
  let network: string;
  let ports: ServicePorts | undefined;

  beforeEach(async () => {
    project = uniqueProject('proxy');
    network = networkName(project);
    await engine.createNetwork(project, network);
  });
  afterEach(async () => {
    await ports?.close();
    ports = undefined;
    await cleanupProject(project);
  });

  async function startPods(service: DesiredService, pods: string[]): Promise<{ backends: TrafficBackend[]; podOfHost: Map<string, string> }> {
    for (const pod of pods) await engine.createPod({ project, service, pod, revision: 1, network, node: 'local' });
    const observed = await engine.listProject(project);
    const backends = observed.pods.map((p) => podBackend(p, 8080)).filter((b) => b !== undefined);
    assert.equal(backends.length, pods.length, 'every pod has a backend');
    if (BRIDGE_EXPECTED) {
      const ips = await Promise.all(observed.pods.map((p) => inspectedIp(p, network)));
      assert.deepEqual(
        backends.map((b) => [b.host, b.port]),
        ips.map((ip) => [ip, 8080]),
        'a local Linux engine: each pod on its container IP and the service port itself',
      );
    } else {
      assert.ok(
        backends.every((b) => b.host === '127.0.0.1' && b.port !== 8080),
        'elsewhere: the published 127.0.0.1 ports',
      );
    }
    // httpd needs a moment to listen after the container starts.
    await eventually('every replica to answer on its backend address', async () => ((await Promise.all(backends.map(ok))).every(Boolean) ? true : undefined));
    return { backends, podOfHost: new Map(observed.pods.map((p) => [p.containers[0]!.id.slice(0, 12), p.name])) };
  }

  /** web-1 and web-2 running and routed through a new ServicePorts; port is its proxy's. */
  async function serveTwoPods(): Promise<{ servicePorts: ServicePorts; podOfHost: Map<string, string>; port: number }> {
    const service = webService(2);
    const { backends, podOfHost } = await startPods(service, ['web-1', 'web-2']);
    ports = new ServicePorts();
    await ports.open([service]);
    ports.route('web', backends);
    return { servicePorts: ports, podOfHost, port: ports.proxy('web')!.address.port };
  }

  it('alternates requests between both pods of a service, on the addresses listProject gives', async () => {
    const { podOfHost, port } = await serveTwoPods();

    const pods: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { status, body } = await getOnce(port);
      assert.equal(status, 200);
      pods.push(podOfHost.get(body) ?? `unknown host ${body}`);
    }
    assert.deepEqual([...new Set(pods)].sort(), ['web-1', 'web-2']);
    for (let i = 1; i < pods.length; i++) assert.notEqual(pods[i], pods[i - 1], `requests alternate: ${pods.join(', ')}`);
    await eventually('every closed connection to be uncounted', async () => ([...ports!.openConnections('web').values()].every((n) => n === 0) ? true : undefined), 3000);
  });

  it('drains a pod: new requests go to the other one while its open request completes', async () => {
    const { servicePorts, podOfHost, port } = await serveTwoPods();

    // A request whose headers are not finished yet: httpd waits, the connection stays open.
    const held = net.connect({ host: '127.0.0.1', port });
    let answer = '';
    held.on('data', (chunk) => (answer += chunk.toString()));
    const heldClosed = new Promise<void>((resolve) => held.on('close', () => resolve()));
    held.write('GET / HTTP/1.0\r\n');
    const holder = await eventually('the held connection to be counted', async () => [...ports!.openConnections('web')].find(([, n]) => n === 1)?.[0]);
    const other = holder === 'web-1' ? 'web-2' : 'web-1';

    const drained = servicePorts.drain('web', holder, 10_000);
    assert.deepEqual(servicePorts.routed('web'), [other]);
    for (let i = 0; i < 4; i++) assert.equal(podOfHost.get((await getOnce(port)).body), other, 'new requests skip the draining pod');
    held.write('\r\n');
    await heldClosed;
    assert.match(answer, /^HTTP\/1\.[01] 200/);
    assert.equal(podOfHost.get(answer.trim().split('\n').at(-1)!.trim()), holder, 'the held request was answered by its own pod');
    assert.deepEqual(await drained, { cut: 0 });
  });

  it('follows a replica whose IP changed after a restart, as the supervisor routes it', async function () {
    if (!BRIDGE_EXPECTED) this.skip(); // published ports do not move on a restart; only container IPs do
    const service = webService(1);
    const { podOfHost } = await startPods(service, ['web-1']);
    const desired: DesiredState = { project, manifestDir: process.cwd(), network, volumes: [], services: [service], allow: [] };
    const notes: ServingNote[] = [];
    ports = new ServicePorts();
    const router = new ServiceRouter(ports, (note) => notes.push(note));
    await router.open(desired);
    router.route(desired, await engine.listProject(project));
    const port = ports.proxy('web')!.address.port;
    assert.equal(podOfHost.get((await getOnce(port)).body), 'web-1');

    // Stopping frees the IP; a container started meanwhile takes it, so the restart gets another.
    const [pod] = (await engine.listProject(project)).pods;
    const oldIp = await inspectedIp(pod!, network);
    await docker.getContainer(pod!.containers[0]!.id).stop({ t: 0 });
    const filler = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['sleep', '120'], Labels: { [LABEL.project]: project }, HostConfig: { NetworkMode: network } });
    await filler.start();
    await docker.getContainer(pod!.containers[0]!.id).start();
    const restarted = (await engine.listProject(project)).pods[0]!;
    const newIp = await inspectedIp(restarted, network);
    assert.notEqual(newIp, oldIp, 'precondition: the restarted container has another IP');

    router.route(desired, await engine.listProject(project));
    assert.deepEqual(
      ports
        .proxy('web')!
        .backends()
        .map((b) => [b.host, b.port]),
      [[newIp, 8080]],
    );
    assert.equal(notes.filter((n) => n.kind === 'serving').length, 2, 'the new address is a route change');
    const answer = await eventually('the restarted replica to answer through the proxy', async () => (await getOnce(port).catch(() => undefined))?.body);
    assert.equal(podOfHost.get(answer), 'web-1');
  });
});
