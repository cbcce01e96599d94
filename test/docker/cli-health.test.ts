// What a user sees of health and self-healing through the CLI: `up --watch` prints health
// transitions and heals, `status` (a separate process) shows the supervisor's live view:
// health with latency, restart counts, "restarting in Ns (crash N)" during backoff, and a
// restart: never container left down.
import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LABEL } from '../../src/core/labels';
import { buildCli, CLI, flotilla, projectContainers, waitFor, workspace } from './cli-harness';
import { cleanupProject, docker, TEST_IMAGE, uniqueProject } from './helpers';

function manifest(project: string): string {
  return `version: 1
project: ${project}
services:
  web:
    stopGracePeriod: 1s
    containers:
      app: { image: ${TEST_IMAGE}, command: [httpd, -f, -p, "8080", -h, /www] }
    health:
      http: { path: /healthz, port: 8080 }
      interval: 300ms
  job:
    restart: never
    stopGracePeriod: 1s
    containers:
      run: { image: ${TEST_IMAGE}, command: [sleep, "3600"] }
  flaky:
    stopGracePeriod: 1s
    containers:
      main: { image: ${TEST_IMAGE}, command: [sh, -c, "sleep 2; exit 1"] }
`;
}

describe('health in the CLI (real engine)', () => {
  const project = uniqueProject('cli-health');
  const stateHome = mkdtempSync(path.join(tmpdir(), 'flotilla-state-'));
  const ws = workspace(manifest(project));
  let child: ChildProcessWithoutNullStreams | undefined;

  before(() => buildCli());
  after(async () => {
    child?.kill('SIGKILL');
    await cleanupProject(project);
    ws.dispose();
    rmSync(stateHome, { recursive: true, force: true });
  });

  it('rejects a bad timing variable before starting anything', async () => {
    const result = flotilla(ws.dir, ['up', '--watch'], { XDG_STATE_HOME: stateHome, FLOTILLA_BACKOFF_BASE_MS: 'soon' });
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /FLOTILLA_BACKOFF_BASE_MS must be a whole number of milliseconds above 0 \(got "soon"\)/);
    assert.equal((await projectContainers(project)).length, 0);
  });

  it('shows health, restarts, backoff and restart: never in status while up --watch runs', async () => {
    // A long backoff base keeps the crash-looping service visibly held back.
    const env = { ...process.env, NO_COLOR: '1', XDG_STATE_HOME: stateHome, FLOTILLA_BACKOFF_BASE_MS: '60000', FLOTILLA_RESYNC_MS: '1000' };
    child = spawn(process.execPath, [CLI, 'up', '--watch'], { cwd: ws.dir, env });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    await waitFor('web healthy', async () => (/health web-1\/app: starting -> healthy \(\d+ ms\)/.test(output) ? true : undefined), 60_000);

    const containers = await projectContainers(project);
    const id = (pod: string) => containers.find((c) => c.Labels[LABEL.pod] === pod)?.Id as string;
    await docker.getContainer(id('web-1')).kill({ signal: 'SIGKILL' });
    await docker.getContainer(id('job-1')).kill({ signal: 'SIGKILL' });
    await waitFor('web-1 replaced and healthy again', async () => ((output.match(/health web-1\/app: starting -> healthy/g) ?? []).length >= 2 ? true : undefined), 30_000);
    await waitFor('flaky held back', async () => (/flaky-1: restarting in .* \(crash 2\)/.test(output) ? true : undefined), 30_000);

    const status = await waitFor('status with the live view', async () => {
      const result = flotilla(ws.dir, ['status'], { XDG_STATE_HOME: stateHome });
      return /restarting in/.test(result.stdout) ? result : undefined;
    });
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /SERVICE +POD +CONTAINER +STATE +HEALTH +RESTARTS/);
    assert.match(status.stdout, /web +web-1 +app +running +healthy \(\d+ ms\) +1 /);
    assert.match(status.stdout, /job +job-1 +run +exited \(137\), not restarted \(restart: never\) +- +0 /);
    assert.match(status.stdout, /flaky-1: restarting in \d+(\.\d)?s \(crash 2\)/);
    assert.match(status.stdout, new RegExp(`Supervised by process ${child.pid}`));
    const json = JSON.parse(flotilla(ws.dir, ['status', '--json'], { XDG_STATE_HOME: stateHome }).stdout) as { pods: { name: string; containers: { health?: { status: string } }[] }[]; supervisor?: { pid: number } };
    assert.equal(json.supervisor?.pid, child.pid);
    assert.equal(json.pods.find((p) => p.name === 'web-1')?.containers[0]?.health?.status, 'healthy');

    // The job stays down for the supervisor's life: a resync later it is still exited.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const job = (await projectContainers(project)).filter((c) => c.Labels[LABEL.pod] === 'job-1');
    assert.deepEqual(job.map((c) => [c.Id, c.State]), [[id('job-1'), 'exited']]);

    child.kill('SIGINT');
    await new Promise((resolve) => child?.on('exit', resolve));
    assert.equal(existsSync(path.join(stateHome, 'flotilla', `${project}.live.json`)), false, 'the live view goes with its supervisor');
    const after = flotilla(ws.dir, ['status'], { XDG_STATE_HOME: stateHome });
    assert.match(after.stdout, /app +running +not supervised/);
  });
});
