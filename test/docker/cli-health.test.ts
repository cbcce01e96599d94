// What a user sees of health and self-healing through the CLI: `up --watch` prints health
// transitions and heals, `status` (a separate process) shows the supervisor's live view:
// health with latency, restart counts, "restarting in Ns (crash N)" during backoff, and a
// restart: never container left down.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { LABEL } from '../../src/core/model/labels';
import { flotilla, projectContainers, waitFor } from './cli-harness';
import { docker, TEST_IMAGE } from './helpers';
import { watchSuite } from './watch-harness';

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
  const suite = watchSuite('cli-health');
  const { project, stateHome } = suite;
  const dir = suite.open(manifest(project));

  it('rejects a bad timing variable before starting anything', async () => {
    const result = flotilla(dir, ['up', '--watch'], { XDG_STATE_HOME: stateHome, FLOTILLA_BACKOFF_BASE_MS: 'soon' });
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /FLOTILLA_BACKOFF_BASE_MS must be a whole number of milliseconds above 0 \(got "soon"\)/);
    assert.equal((await projectContainers(project)).length, 0);
  });

  it('shows health, restarts, backoff and restart: never in status while up --watch runs', async () => {
    // A long backoff base keeps the crash-looping service visibly held back.
    const watch = suite.watch({ FLOTILLA_BACKOFF_BASE_MS: '60000' });
    const { child } = watch;
    await watch.waitOutput('web healthy', /health web-1\/app: starting -> healthy \(\d+ ms\)/, 60_000);

    const containers = await projectContainers(project);
    const id = (pod: string) => containers.find((c) => c.Labels[LABEL.pod] === pod)?.Id as string;
    await docker.getContainer(id('web-1')).kill({ signal: 'SIGKILL' });
    await docker.getContainer(id('job-1')).kill({ signal: 'SIGKILL' });
    await waitFor('web-1 replaced and healthy again', async () => ((watch.output().match(/health web-1\/app: starting -> healthy/g) ?? []).length >= 2 ? true : undefined), 30_000);
    await watch.waitOutput('flaky held back', /flaky-1: restarting in .* \(crash 2\)/, 30_000);

    const status = await waitFor('status with the live view', async () => {
      const result = suite.cli('status');
      return /restarting in/.test(result.stdout) ? result : undefined;
    });
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /SERVICE +POD +CONTAINER +STATE +HEALTH +RESTARTS/);
    assert.match(status.stdout, /web +web-1 +app +running +healthy \(\d+ ms\) +1 /);
    assert.match(status.stdout, /job +job-1 +run +exited \(137\), not restarted \(restart: never\) +- +0 /);
    assert.match(status.stdout, /flaky-1: restarting in \d+(\.\d)?s \(crash 2\)/);
    assert.match(status.stdout, new RegExp(`Supervised by process ${child.pid}`));
    const json = JSON.parse(suite.cli('status', '--json').stdout) as { pods: { name: string; containers: { health?: { status: string } }[] }[]; supervisor?: { pid: number } };
    assert.equal(json.supervisor?.pid, child.pid);
    assert.equal(json.pods.find((p) => p.name === 'web-1')?.containers[0]?.health?.status, 'healthy');

    // The job stays down for the supervisor's life: a resync later it is still exited.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const job = (await projectContainers(project)).filter((c) => c.Labels[LABEL.pod] === 'job-1');
    assert.deepEqual(
      job.map((c) => [c.Id, c.State]),
      [[id('job-1'), 'exited']],
    );

    await watch.stop('SIGINT');
    assert.equal(existsSync(path.join(stateHome, 'flotilla', `${project}.live.json`)), false, 'the live view goes with its supervisor');
    const after = suite.cli('status');
    assert.match(after.stdout, /app +running +not supervised/);
  });
});
