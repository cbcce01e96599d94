// The service proxy in front of real replicas: two busybox httpd pods, each serving a page with
// its own hostname (the container id), found through listProject's published ports.
import assert from 'node:assert/strict';
import { networkName } from '../../src/core/labels';
import { podBackend } from '../../src/core/traffic';
import { createDockerEngine } from '../../src/engine';
import { ServicePorts } from '../../src/proxy';
import { getOnce } from '../net';
import { cleanupProject, eventually, testContainer, testService, uniqueProject } from './helpers';

/** Serves /w/index.html holding the container's hostname (its short id). */
const HOSTNAME_HTTPD = ['sh', '-c', 'mkdir -p /w && hostname > /w/index.html && exec httpd -f -p 8080 -h /w'];


describe('service proxy over real replicas (real engine)', () => {
  const engine = createDockerEngine();
  let project: string;
  let ports: ServicePorts | undefined;

  beforeEach(() => {
    project = uniqueProject('proxy');
  });
  afterEach(async () => {
    await ports?.close();
    ports = undefined;
    await cleanupProject(project);
  });

  it('alternates requests between both pods of a service, from listProject published ports', async () => {
    const network = networkName(project);
    await engine.createNetwork(project, network);
    const service = testService('web', [testContainer('app', HOSTNAME_HTTPD, { ports: [{ port: 8080, hostIp: '127.0.0.1', protocol: 'tcp' }] })], {
      replicas: 2,
      expose: { port: 8080, hostPort: 0, hostIp: '127.0.0.1', balance: 'round-robin' },
    });
    for (const pod of ['web-1', 'web-2']) await engine.createPod({ project, service, pod, revision: 1, network, node: 'local' });

    const observed = await engine.listProject(project);
    const backends = observed.pods.map((p) => podBackend(p, 8080)).filter((b) => b !== undefined);
    assert.equal(backends.length, 2, 'both pods publish their service port on 127.0.0.1');
    const podOfHost = new Map(observed.pods.map((p) => [p.containers[0]!.id.slice(0, 12), p.name]));

    ports = new ServicePorts();
    await ports.open([service]);
    ports.route('web', backends);
    const port = ports.proxy('web')!.address.port;
    // httpd needs a moment to listen after the container starts.
    await eventually('both replicas to answer directly', async () => {
      const answers = await Promise.all(backends.map((b) => getOnce(b.port).catch(() => undefined)));
      return answers.every((a) => a?.status === 200) ? true : undefined;
    });

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
});
