// The CLI against the real engine: up, re-apply, change, down, status, logs.
import assert from 'node:assert/strict';
import { LABEL } from '../../src/core/model/labels';
import { spawn } from 'node:child_process';
import { buildCli, CLI, containerId, execIn, flotilla, projectContainers, projectObjects, waitFor, workspace } from './cli-harness';
import { cleanupProject, docker, TEST_IMAGE, TEST_IMAGE_V2, uniqueProject } from './helpers';

export function testManifest(project: string, options: { cacheImage?: string; webReplicas?: number } = {}): string {
  return `version: 1
project: ${project}
services:
  web:
    replicas: ${options.webReplicas ?? 2}
    stopGracePeriod: 1s
    containers:
      app:
        image: ${TEST_IMAGE}
        command: [httpd, -f, -p, "8080", -h, /www]
        resources: { cpus: 0.5, memory: 64Mi }
      ticker:
        image: ${TEST_IMAGE}
        command: [sh, -c, "i=0; while true; do i=$((i+1)); echo tick $i; sleep 1; done"]
  cache:
    stopGracePeriod: 1s
    containers:
      main:
        image: ${options.cacheImage ?? TEST_IMAGE}
        command: [sh, -c, "echo started >> /data/boot.log; exec sleep 3600"]
        volumes: [ { name: data, path: /data } ]
volumes:
  data: {}
`;
}

describe('flotilla up / status / logs / down (real engine)', () => {
  let project: string;
  let ws: ReturnType<typeof workspace>;

  before(() => buildCli());
  beforeEach(() => {
    project = uniqueProject('cli');
    ws = workspace(testManifest(project));
  });
  afterEach(async () => {
    await cleanupProject(project);
    ws.dispose();
  });

  it('brings the project up with labels, limits and a status table, then re-applies as a no-op', async () => {
    const first = flotilla(ws.dir, ['up']);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /create pod web-1 \(revision 1\)/);
    assert.match(first.stdout, /web 2\/2, cache 1\/1 pods running/);
    const containers = await projectContainers(project);
    assert.equal(containers.length, 5);
    assert.ok(
      containers.every((c) => c.State === 'running'),
      JSON.stringify(containers.map((c) => c.State)),
    );
    for (const c of containers) {
      for (const key of Object.values(LABEL).filter((k) => k !== LABEL.volume)) assert.ok(c.Labels[key], `${c.Names[0]} lacks label ${key}`);
      assert.equal(c.Labels[LABEL.project], project);
    }
    const app = await docker.getContainer(containerId(containers, 'web-1', 'app')).inspect();
    assert.equal(app.HostConfig.NanoCpus, 0.5e9);
    assert.equal(app.HostConfig.Memory, 64 * 1024 * 1024);

    const ids = containers.map((c) => c.Id).sort();
    const again = flotilla(ws.dir, ['up']);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /is up to date: nothing to do/);
    assert.deepEqual((await projectContainers(project)).map((c) => c.Id).sort(), ids);

    const status = flotilla(ws.dir, ['status']);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /web\s+web-1\s+app\s+running\s+flotilla-test\/busybox:1\s+1/);
    assert.match(status.stdout, /cache\s+cache-1\s+main\s+running/);
  });

  it('recreates only the pods of the service whose image changed', async () => {
    assert.equal(flotilla(ws.dir, ['up']).code, 0);
    const before = await projectContainers(project);
    const webIds = before
      .filter((c) => c.Labels[LABEL.service] === 'web')
      .map((c) => c.Id)
      .sort();
    const cacheIds = before.filter((c) => c.Labels[LABEL.service] === 'cache').map((c) => c.Id);
    const changed = workspace(testManifest(project, { cacheImage: TEST_IMAGE_V2 }));
    try {
      const result = flotilla(changed.dir, ['up']);
      assert.equal(result.code, 0, result.stderr);
      const after = await projectContainers(project);
      assert.deepEqual(
        after
          .filter((c) => c.Labels[LABEL.service] === 'web')
          .map((c) => c.Id)
          .sort(),
        webIds,
      );
      const cache = after.filter((c) => c.Labels[LABEL.service] === 'cache');
      assert.equal(cache.length, 1);
      assert.notEqual(cache[0]!.Id, cacheIds[0]);
      assert.equal(cache[0]!.Image, TEST_IMAGE_V2);
      assert.equal(cache[0]!.Labels[LABEL.revision], '2');
    } finally {
      changed.dispose();
    }
  });

  it('merges logs of a service with a pod/container prefix, honouring --tail', async () => {
    assert.equal(flotilla(ws.dir, ['up']).code, 0);
    await new Promise((r) => setTimeout(r, 2500));
    const logs = flotilla(ws.dir, ['logs', 'web']);
    assert.equal(logs.code, 0, logs.stderr);
    assert.match(logs.stdout, /^web-1\/ticker \| tick 1$/m);
    assert.match(logs.stdout, /^web-2\/ticker \| tick 1$/m);
    const tail = flotilla(ws.dir, ['logs', 'web-2/ticker', '--tail', '1', '--timestamps']);
    assert.equal(tail.code, 0, tail.stderr);
    const lines = tail.stdout.trim().split('\n');
    assert.equal(lines.length, 1, tail.stdout);
    assert.match(lines[0]!, /^web-2\/ticker \| \d{4}-\d\d-\d\dT[\d:.]+Z tick \d+$/);
  });

  it('follows logs with -f until interrupted, then exits cleanly', async () => {
    assert.equal(flotilla(ws.dir, ['up']).code, 0);
    const child = spawn(process.execPath, [CLI, 'logs', 'web', '-f', '--tail', '0'], { cwd: ws.dir, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await waitFor('followed lines from both replicas', async () =>
        /^web-1\/ticker \| tick \d+$/m.test(stdout) && /^web-2\/ticker \| tick \d+$/m.test(stdout) ? true : undefined,
      );
      assert.doesNotMatch(stdout, /tick 1$/m, '--tail 0 starts with new lines only');
      child.kill('SIGINT');
      assert.equal(await exited, 0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('follows a replacement container with -f, as the editor does: a killed pod brought back by up', async () => {
    assert.equal(flotilla(ws.dir, ['up']).code, 0);
    const child = spawn(process.execPath, [CLI, 'logs', 'web-1', '-f', '--tail', '0'], { cwd: ws.dir, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      await waitFor('followed lines of web-1', async () => (/^web-1\/ticker \| tick \d+$/m.test(stdout) ? true : undefined));
      // The pod's first container owns its network: killed, the whole pod is replaced.
      const killed = containerId(await projectContainers(project), 'web-1', 'ticker');
      await docker.getContainer(containerId(await projectContainers(project), 'web-1', 'app')).kill();
      assert.equal(flotilla(ws.dir, ['up']).code, 0, 'up replaces the killed pod');
      const replacement = containerId(await projectContainers(project), 'web-1', 'ticker');
      assert.notEqual(replacement, killed);
      // The new container counts from 1 again: its first lines are followed from its start.
      await waitFor('the replacement followed from its start', async () =>
        new RegExp(`^web-1/ticker \\| --- following the new container ${replacement.slice(0, 12)} ---\nweb-1/ticker \\| tick 1$`, 'm').test(stdout) ? true : undefined,
      );
      child.kill('SIGINT');
      assert.equal(await exited, 0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('down removes pods and network, keeps the named volume, and --volumes removes it', async () => {
    assert.equal(flotilla(ws.dir, ['up']).code, 0);
    const downResult = flotilla(ws.dir, ['down']);
    assert.equal(downResult.code, 0, downResult.stderr);
    assert.match(downResult.stdout, /removed 3 pod\(s\), 1 network\(s\), 0 volume\(s\); kept 1 named volume/);
    let left = await projectObjects(project);
    assert.equal(left.containers.length, 0);
    assert.equal(left.networks.length, 0);
    assert.deepEqual(
      left.volumes.map((v) => v.Name),
      [`flotilla-${project}-data`],
    );

    // The kept volume still holds what the first run wrote.
    assert.equal(flotilla(ws.dir, ['up']).code, 0);
    const cache = containerId(await projectContainers(project), 'cache-1', 'main');
    assert.equal(execIn(cache, ['cat', '/data/boot.log']).output, 'started\nstarted\n');

    assert.equal(flotilla(ws.dir, ['down', '--volumes']).code, 0);
    left = await projectObjects(project);
    assert.equal(left.containers.length + left.networks.length + left.volumes.length, 0);
  });
});
