// The Docker adapter's own behaviour against the real engine: atomic pods, events, logs, stats.
import assert from 'node:assert/strict';
import { isFlotillaError } from '../../src/core/errors';
import { networkName } from '../../src/core/labels';
import type { EngineEvent } from '../../src/core/ports';
import type { DesiredContainer, DesiredService } from '../../src/core/state';
import { createDockerEngine } from '../../src/engine';
import { waitFor } from './cli-harness';
import { cleanupProject, docker, TEST_IMAGE, uniqueProject } from './helpers';

function container(name: string, command: string[], extra: Partial<DesiredContainer> = {}): DesiredContainer {
  return { name, image: TEST_IMAGE, command, env: {}, ports: [], mounts: [], privileged: false, capAdd: [], devices: [], ...extra };
}

function service(name: string, containers: DesiredContainer[]): DesiredService {
  return {
    name, replicas: 1, specHash: 'h1', containers, restart: 'always', stopGraceMs: 1000, hostNetwork: false, hostPid: false,
    deploy: { strategy: 'rolling', maxSurge: '25%', maxUnavailable: '25%', minHealthyTimeMs: 0, healthyDeadlineMs: 60_000, drainTimeoutMs: 0, autoRollback: true, history: 10 },
    placement: 'spread',
  };
}

describe('DockerEngine (real engine)', () => {
  const engine = createDockerEngine();
  let project: string;

  beforeEach(async () => {
    project = uniqueProject('engine');
    await engine.createNetwork(project, networkName(project));
  });
  afterEach(async () => {
    await cleanupProject(project);
  });

  const create = (svc: DesiredService, pod = `${svc.name}-1`) => engine.createPod({ project, service: svc, pod, revision: 1, network: networkName(project), node: 'local' });

  it('creates a pod atomically: a sidecar that cannot be created leaves nothing of the pod', async () => {
    const svc = service('web', [container('app', ['sleep', '3600']), container('broken', ['true'], { image: 'flotilla-test/does-not-exist:1' })]);
    await assert.rejects(create(svc), (error) => isFlotillaError(error, 'image-missing') && /flotilla-test\/does-not-exist:1/.test(error.message));
    assert.deepEqual((await engine.listProject(project)).pods, []);
  });

  it('network and volume creation are idempotent and refuse names owned by another project', async () => {
    await engine.createNetwork(project, networkName(project));
    await engine.createVolume(project, 'data', `flotilla-${project}-data`, {});
    await engine.createVolume(project, 'data', `flotilla-${project}-data`, {});
    const observed = await engine.listProject(project);
    assert.deepEqual(observed.networks, [networkName(project)]);
    assert.deepEqual(observed.volumes, [`flotilla-${project}-data`]);
    await assert.rejects(engine.createNetwork(`${project}-other`, networkName(project)), (error) => isFlotillaError(error, 'name-conflict'));
  });

  it('reports a die event with the exit code after a kill', async () => {
    const [id] = await create(service('web', [container('app', ['sleep', '3600'])]));
    const events: EngineEvent[] = [];
    const controller = new AbortController();
    const connected = new Promise<void>((resolve) => engine.watchEvents(project, (e) => events.push(e), (s) => s.state === 'connected' && resolve(), controller.signal));
    try {
      await connected;
      await docker.getContainer(id!).kill({ signal: 'SIGKILL' });
      const die = await waitFor('a die event', async () => events.find((e) => e.action === 'die'), 10_000);
      assert.equal(die.containerId, id);
      assert.equal(die.exitCode, 137);
      assert.equal(die.pod, 'web-1');
      assert.equal(die.project, project);
    } finally {
      controller.abort();
    }
  });

  it('streams logs demultiplexed, with tail, and follow ends on abort', async () => {
    const script = 'echo out-1; echo err-1 >&2; echo out-2; i=0; while true; do i=$((i+1)); echo live $i; sleep 0.2; done';
    const [id] = await create(service('web', [container('app', ['sh', '-c', script])]));
    await waitFor('output', async () => {
      const lines = [];
      for await (const line of engine.logs(id!, { follow: false, timestamps: false })) lines.push(line);
      return lines.length >= 4 ? lines : undefined;
    });
    const all = [];
    for await (const line of engine.logs(id!, { follow: false, timestamps: true })) all.push(line);
    // stdout and stderr are separate pipes: their relative order is not kept, each stream's is.
    assert.deepEqual(all.filter((l) => l.stream === 'stdout' && l.text.startsWith('out-')).map((l) => l.text), ['out-1', 'out-2']);
    assert.deepEqual(all.filter((l) => l.stream === 'stderr').map((l) => l.text), ['err-1']);
    assert.equal(all.find((l) => l.stream === 'stdout')?.text, 'out-1');
    assert.ok(all.every((l) => typeof l.time === 'number' && l.time > 0));
    const tail = [];
    for await (const line of engine.logs(id!, { follow: false, timestamps: false, tail: 1 })) tail.push(line);
    assert.equal(tail.length, 1);

    const controller = new AbortController();
    const followed: string[] = [];
    const started = Date.now();
    for await (const line of engine.logs(id!, { follow: true, timestamps: false, tail: 0, signal: controller.signal })) {
      followed.push(line.text);
      if (followed.length === 3) controller.abort();
    }
    assert.equal(followed.length, 3);
    assert.ok(followed.every((t) => /^live \d+$/.test(t)), followed.join(','));
    assert.ok(Date.now() - started < 20_000, 'follow ended after abort');
  });

  it('reads usage stats against the memory limit', async () => {
    const [id] = await create(service('web', [container('app', ['sleep', '3600'], { memoryBytes: 32 * 1024 * 1024 })]));
    const stats = await engine.stats(id!);
    assert.equal(stats.memoryLimitBytes, 32 * 1024 * 1024);
    assert.ok(stats.memoryBytes > 0 && stats.memoryBytes < stats.memoryLimitBytes, JSON.stringify(stats));
    assert.ok(stats.cpuPercent >= 0);
  });

  it('says which endpoint it cannot reach', async () => {
    const missing = createDockerEngine({ endpoint: 'unix:///tmp/flotilla-nonexistent.sock' });
    await assert.rejects(missing.ping(), (error) => isFlotillaError(error, 'engine-unreachable') && error.message.includes('unix:///tmp/flotilla-nonexistent.sock'));
    await assert.rejects(missing.listProject(project), (error) => isFlotillaError(error, 'engine-unreachable'));
  });
});
