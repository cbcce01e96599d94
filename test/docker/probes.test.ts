// The probe runner against real containers: http and tcp through the port published on
// 127.0.0.1 (Docker's port proxy accepts even when nothing listens inside), exec through the
// engine's exec API with its exit code, output and timeout.
import assert from 'node:assert/strict';
import { createDockerEngine } from '../../src/engine';
import type { ProbeTarget } from '../../src/core/ports/engine';
import { cleanupProject, testContainer, testService, uniqueProject } from './helpers';

describe('probe runner (real engine)', () => {
  const project = uniqueProject('probes');
  const engine = createDockerEngine();
  let id = '';
  let httpPort = 0;
  let silentPort = 0;

  before(async () => {
    await engine.createNetwork(project, `flotilla-${project}`);
    const app = testContainer('app', ['httpd', '-f', '-p', '8080', '-h', '/www'], {
      ports: [
        { port: 8080, hostIp: '127.0.0.1', protocol: 'tcp' },
        { port: 9999, hostIp: '127.0.0.1', protocol: 'tcp' },
      ],
    });
    [id] = (await engine.createPod({ project, service: testService('web', [app]), pod: 'web-1', revision: 1, network: `flotilla-${project}`, node: 'local' })) as [string];
    const ports = (await engine.listProject(project)).pods[0]?.containers[0]?.ports ?? [];
    httpPort = ports.find((p) => p.containerPort === 8080)?.hostPort ?? 0;
    silentPort = ports.find((p) => p.containerPort === 9999)?.hostPort ?? 0;
    assert.ok(httpPort > 0 && silentPort > 0, `both ports published: ${JSON.stringify(ports)}`);
  });
  after(() => cleanupProject(project));

  const probe = (target: ProbeTarget, timeoutMs = 2000) => engine.runProbe(target, AbortSignal.timeout(timeoutMs));
  const http = (path: string, port = httpPort) => probe({ kind: 'http', containerId: id, host: '127.0.0.1', port, path, timeoutMs: 1000 });

  it('http: 200 passes, 404 fails, a port with nothing listening behind the proxy fails', async () => {
    const ok = await http('/healthz');
    assert.equal(ok.ok, true, ok.output);
    assert.equal(ok.output, 'HTTP 200');
    assert.ok(ok.latencyMs > 0);
    assert.deepEqual([(await http('/missing')).ok, (await http('/missing')).output], [false, 'HTTP 404']);
    const silent = await http('/healthz', silentPort);
    assert.equal(silent.ok, false);
    assert.match(silent.output, /nothing listening|connection/);
  });

  it('tcp: a listening port passes, a published port with nothing behind it fails', async () => {
    const ok = await probe({ kind: 'tcp', containerId: id, host: '127.0.0.1', port: httpPort, timeoutMs: 1000 });
    assert.equal(ok.ok, true, ok.output);
    const silent = await probe({ kind: 'tcp', containerId: id, host: '127.0.0.1', port: silentPort, timeoutMs: 1000 });
    assert.equal(silent.ok, false, silent.output);
  });

  it('exec: exit 0 passes, a non-zero exit fails with its output, a slow command is cut at the signal', async () => {
    const ok = await probe({ kind: 'exec', containerId: id, command: ['cat', '/www/healthz'], timeoutMs: 1000 });
    assert.deepEqual([ok.ok, ok.output], [true, 'ok']);
    const bad = await probe({ kind: 'exec', containerId: id, command: ['sh', '-c', 'echo broken >&2; exit 3'], timeoutMs: 1000 });
    assert.deepEqual([bad.ok, bad.output], [false, 'exit 3: broken']);
    const began = Date.now();
    const slow = await probe({ kind: 'exec', containerId: id, command: ['sleep', '30'], timeoutMs: 500 }, 500);
    assert.deepEqual([slow.ok, slow.output], [false, 'stopped']);
    assert.ok(Date.now() - began < 10_000, 'the probe did not wait for the command');
  });
});
