// The service port under `flotilla up --watch`, as a user sees it: the supervisor listens on
// expose.hostPort and balances across the healthy pods, keeps serving from the other pod while
// one is killed and healed, shows the URL in `status`, and closes the port on Ctrl-C.
import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LABEL } from '../../src/core/labels';
import { buildCli, CLI, flotilla, projectContainers, waitFor, workspace } from './cli-harness';
import { cleanupProject, docker, TEST_IMAGE, TEST_IMAGE_V2, uniqueProject } from './helpers';
import { getOnce } from '../net';
import { freePort, startLoad, type LoadReport } from './load';


function manifest(project: string, hostPort: number): string {
  return `version: 1
project: ${project}
services:
  web:
    replicas: 2
    stopGracePeriod: 1s
    containers:
      app:
        image: ${TEST_IMAGE}
        command: [sh, -c, "mkdir -p /w && hostname > /w/index.html && exec httpd -f -p 8080 -h /w"]
    expose: { port: 8080, hostPort: ${hostPort} }
    health:
      http: { path: /, port: 8080 }
      interval: 300ms
`;
}

describe('service port under up --watch (real engine)', () => {
  const project = uniqueProject('cli-serve');
  const stateHome = mkdtempSync(path.join(tmpdir(), 'flotilla-state-'));
  let ws: ReturnType<typeof workspace> | undefined;
  let child: ChildProcessWithoutNullStreams | undefined;

  before(() => buildCli());
  after(async () => {
    child?.kill('SIGKILL');
    await cleanupProject(project);
    ws?.dispose();
    rmSync(stateHome, { recursive: true, force: true });
  });

  it('balances across both pods, keeps serving through a kill and heal, closes on Ctrl-C', async () => {
    const hostPort = await freePort();
    ws = workspace(manifest(project, hostPort));
    const env = { ...process.env, NO_COLOR: '1', XDG_STATE_HOME: stateHome, FLOTILLA_RESYNC_MS: '1000' };
    child = spawn(process.execPath, [CLI, 'up', '--watch'], { cwd: ws.dir, env });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const url = `http://127.0.0.1:${hostPort}`;
    await waitFor('both pods served', async () => (output.includes(`web: ${url} -> 2 pods (web-1, web-2)`) ? true : undefined), 60_000);

    const hostnames = async () => new Map((await projectContainers(project)).map((c) => [c.Id.slice(0, 12), c.Labels[LABEL.pod] as string]));
    const podsAnswering = async (count: number) => {
      const names = await hostnames();
      const seen = new Set<string>();
      for (let i = 0; i < count; i++) {
        const response = await getOnce(hostPort);
        assert.equal(response.status, 200);
        seen.add(names.get(response.body) ?? `unknown ${response.body}`);
      }
      return [...seen].sort();
    };
    assert.deepEqual(await podsAnswering(10), ['web-1', 'web-2'], 'requests reach both pods');

    const status = flotilla(ws.dir, ['status'], { XDG_STATE_HOME: stateHome });
    assert.match(status.stdout, new RegExp(`web: http://127\\.0\\.0\\.1:${hostPort} -> 2 pods`));

    // Kill web-1 and keep asking: every request is answered, by web-2 while web-1 is replaced.
    const web1 = (await projectContainers(project)).find((c) => c.Labels[LABEL.pod] === 'web-1')?.Id as string;
    await docker.getContainer(web1).kill({ signal: 'SIGKILL' });
    const failures: string[] = [];
    const answeredBy = new Set<string>();
    const before = await hostnames();
    for (let i = 0; i < 30; i++) {
      const response = await getOnce(hostPort).catch((error: Error) => ({ status: 0, body: error.message }));
      if (response.status !== 200) failures.push(`${response.status} ${response.body}`);
      else answeredBy.add(before.get(response.body) ?? 'new pod');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.deepEqual(failures, [], 'no request failed while web-1 was down');
    assert.ok(answeredBy.has('web-2'), [...answeredBy].join(', '));

    await waitFor('web-1 healed and served again', async () => {
      const containers = await projectContainers(project);
      const replaced = containers.some((c) => c.Labels[LABEL.pod] === 'web-1' && c.Id !== web1 && c.State === 'running');
      return replaced && /web: \S+ -> 2 pods \(web-1, web-2\)\n(?![\s\S]*-> 1 pod)/.test(output.slice(output.indexOf('event web-1/app die'))) ? true : undefined;
    }, 30_000);
    assert.deepEqual(await podsAnswering(10), ['web-1', 'web-2'], 'both pods serve after healing');

    child.kill('SIGINT');
    await new Promise((resolve) => child?.on('exit', resolve));
    await assert.rejects(getOnce(hostPort), /ECONNREFUSED/, 'the service port closes with its supervisor');
  });
});

function blueGreen(project: string, image: string, hostPort: number): string {
  return `version: 1
project: ${project}
services:
  web:
    replicas: 2
    stopGracePeriod: 1s
    containers:
      app: { image: ${image}, command: [httpd, -f, -p, "8080", -h, /www] }
    expose: { port: 8080, hostPort: ${hostPort} }
    health:
      http: { path: /healthz, port: 8080 }
      interval: 300ms
    deploy: { strategy: blue-green, minHealthyTime: 1s, healthyDeadline: 60s, drainTimeout: 2s }
`;
}

describe('flotilla up hands a change to the running supervisor (real engine)', () => {
  const project = uniqueProject('cli-handover');
  const stateHome = mkdtempSync(path.join(tmpdir(), 'flotilla-state-'));
  let ws: ReturnType<typeof workspace> | undefined;
  let child: ChildProcessWithoutNullStreams | undefined;

  before(() => buildCli());
  after(async () => {
    child?.kill('SIGKILL');
    await cleanupProject(project);
    ws?.dispose();
    rmSync(stateHome, { recursive: true, force: true });
  });

  it('rolls v1 -> v2 out blue-green under load on the service port with 0 failed requests', async () => {
    const hostPort = await freePort();
    ws = workspace(blueGreen(project, TEST_IMAGE, hostPort));
    const env = { ...process.env, NO_COLOR: '1', XDG_STATE_HOME: stateHome, FLOTILLA_RESYNC_MS: '1000' };
    child = spawn(process.execPath, [CLI, 'up', '--watch'], { cwd: ws.dir, env });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    await waitFor('v1 served', async () => (output.includes(`web: http://127.0.0.1:${hostPort} -> 2 pods (web-1, web-2)`) ? true : undefined), 60_000);
    const v1Ids = (await projectContainers(project)).map((c) => c.Id).sort();

    const load = startLoad(`http://127.0.0.1:${hostPort}/`);
    let report: Awaited<ReturnType<ReturnType<typeof startLoad>['stop']>> | undefined;
    try {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      writeFileSync(path.join(ws.dir, 'flotilla.yaml'), blueGreen(project, TEST_IMAGE_V2, hostPort));
      const up = flotilla(ws.dir, ['up'], { XDG_STATE_HOME: stateHome });
      assert.equal(up.code, 0, up.stderr);
      assert.match(up.stdout, new RegExp(`supervised by process ${child.pid} .*handed this manifest to it`));
      assert.deepEqual((await projectContainers(project)).map((c) => c.Id).sort(), v1Ids, 'up itself recreated nothing');
      await waitFor('the supervisor to deploy v2', async () => (/web: deployed \(revision 2\)\./.test(output) ? true : undefined), 90_000);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    } finally {
      report = await load.stop();
    }
    assert.match(output, /took over a new manifest; rolling out web by their deploy strategy/);
    assert.match(output, /web: route to web-\d+, web-\d+ \(switch\)/);
    assert.equal(report.errors + report.timeouts + report.non2xx, 0, `failed requests: ${JSON.stringify({ errors: report.errors, timeouts: report.timeouts, non2xx: report.non2xx })}`);
    assert.ok(report.total > 50, `load too light to mean anything: ${report.total}`);
    const v1Count = report.responses.filter(([, , body]) => body === 'v1').length;
    console.log(`      (${report.total} requests during the handover and rollout: ${v1Count} from v1, ${report.total - v1Count} from v2, 0 failed)`);
    const bodies = report.responses.map(([, , body]) => body);
    const firstV2 = bodies.indexOf('v2');
    assert.ok(bodies.includes('v1') && firstV2 > 0, 'served v1, then v2');
    // The first v2 answer proves the switch had happened: every request sent after it must
    // reach v2 (one sent before may still finish on v1 while v1 drains).
    const switchedBy = (report.responses[firstV2] as LoadReport['responses'][number])[0];
    const stray = report.responses.filter(([, , body, sentAt]) => sentAt > switchedBy && body !== 'v2');
    assert.deepEqual(stray.slice(0, 5), [], `${stray.length} requests sent after the first v2 answer were not answered by v2`);
    const pods = (await projectContainers(project)).map((c) => `${c.Labels[LABEL.revision]} ${c.Image} ${c.State}`);
    assert.deepEqual(pods, [`2 ${TEST_IMAGE_V2} running`, `2 ${TEST_IMAGE_V2} running`]);
    const history = flotilla(ws.dir, ['history', 'web'], { XDG_STATE_HOME: stateHome });
    assert.match(history.stdout, new RegExp(`^2\\s+.*${TEST_IMAGE_V2}\\s+deployed \\(current\\)$`, 'm'));
    assert.match(history.stdout, new RegExp(`^1\\s+.*${TEST_IMAGE}\\s+deployed$`, 'm'));

    child.kill('SIGINT');
    await new Promise((resolve) => child?.on('exit', resolve));
  });
});

describe('a taken service port under up --watch (real engine)', () => {
  const project = uniqueProject('cli-taken');
  const stateHome = mkdtempSync(path.join(tmpdir(), 'flotilla-state-'));
  let ws: ReturnType<typeof workspace> | undefined;
  let child: ChildProcessWithoutNullStreams | undefined;

  before(() => buildCli());
  after(async () => {
    child?.kill('SIGKILL');
    await cleanupProject(project);
    ws?.dispose();
    rmSync(stateHome, { recursive: true, force: true });
  });

  it('is reported once while the rest is supervised, and served once it is free', async () => {
    const holder = net.createServer();
    const hostPort = await freePort();
    await new Promise<void>((resolve) => holder.listen(hostPort, '127.0.0.1', resolve));
    ws = workspace(manifest(project, hostPort));
    const env = { ...process.env, NO_COLOR: '1', XDG_STATE_HOME: stateHome, FLOTILLA_RESYNC_MS: '500' };
    child = spawn(process.execPath, [CLI, 'up', '--watch'], { cwd: ws.dir, env });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    try {
      await waitFor('the taken port reported', async () => (output.includes('web: not served (the rest of the project is still supervised): Cannot serve service web on 127.0.0.1:') ? true : undefined), 60_000).catch((error: Error) => Promise.reject(new Error(`${error.message}; output:\n${output}`)));
      const web1 = (await projectContainers(project)).find((c) => c.Labels[LABEL.pod] === 'web-1')?.Id as string;
      await docker.getContainer(web1).kill({ signal: 'SIGKILL' });
      await waitFor('web-1 healed meanwhile', async () => ((await projectContainers(project)).some((c) => c.Labels[LABEL.pod] === 'web-1' && c.Id !== web1 && c.State === 'running') ? true : undefined), 30_000);
      // Several resyncs later it was still told only once.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.equal(output.match(/web: not served/g)?.length, 1, output);
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
    await waitFor('served once free', async () => (output.includes(`web: http://127.0.0.1:${hostPort} -> `) ? true : undefined), 30_000);
    await waitFor('both pods answer', async () => (output.includes('-> 2 pods (web-1, web-2)') ? true : undefined), 30_000);
    assert.equal((await getOnce(hostPort)).status, 200);
    child.kill('SIGINT');
    await new Promise((resolve) => child?.on('exit', resolve));
  });
});
