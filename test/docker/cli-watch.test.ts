// `flotilla up --watch` against the real engine: kills and hand deletions are healed, a second
// supervisor only watches, and Ctrl-C leaves the containers running.
import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LABEL } from '../../src/core/labels';
import { buildCli, CLI, projectContainers, waitFor, workspace } from './cli-harness';
import { testManifest } from './cli-up-down.test';
import { cleanupProject, docker, uniqueProject } from './helpers';

interface Running {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<number | null>;
}

function start(cwd: string, stateHome: string): Running {
  const child = spawn(process.execPath, [CLI, 'up', '--watch'], { cwd, env: { ...process.env, NO_COLOR: '1', XDG_STATE_HOME: stateHome } });
  let text = '';
  child.stdout.on('data', (chunk) => (text += chunk));
  child.stderr.on('data', (chunk) => (text += chunk));
  return { child, output: () => text, exited: new Promise((resolve) => child.on('exit', resolve)) };
}

async function podContainer(project: string, pod: string, container: string) {
  return (await projectContainers(project)).find((c) => c.Labels[LABEL.pod] === pod && c.Labels[LABEL.container] === container);
}

describe('flotilla up --watch (real engine)', () => {
  const project = uniqueProject('watch');
  const stateHome = mkdtempSync(path.join(tmpdir(), 'flotilla-state-'));
  const ws = workspace(testManifest(project));
  const children: Running[] = [];

  before(() => buildCli());
  after(async () => {
    children.forEach((r) => r.child.kill('SIGKILL'));
    await cleanupProject(project);
    ws.dispose();
    rmSync(stateHome, { recursive: true, force: true });
  });

  it('heals a killed pod and a deleted pod, shares with no second supervisor, and leaves pods running on Ctrl-C', async () => {
    const supervisor = start(ws.dir, stateHome);
    children.push(supervisor);
    await waitFor('the supervisor to start', async () => (supervisor.output().includes('Supervising project') ? true : undefined), 60_000);

    const killed = (await podContainer(project, 'web-1', 'app'))!;
    await docker.getContainer(killed.Id).kill({ signal: 'SIGKILL' });
    await waitFor('web-1 replaced and running', async () => {
      const now = await podContainer(project, 'web-1', 'app');
      return now && now.Id !== killed.Id && now.State === 'running' ? true : undefined;
    });
    // The line comes once the whole pod (sidecar included) is up, a moment after app runs.
    await waitFor('the heal to be reported', async () => (/healed: create pod web-1/.test(supervisor.output()) ? true : undefined));
    assert.match(supervisor.output(), /event web-1\/app die \(exit 137\)/);

    const deleted = (await podContainer(project, 'cache-1', 'main'))!;
    await docker.getContainer(deleted.Id).remove({ force: true });
    await waitFor('cache-1 recreated', async () => {
      const now = await podContainer(project, 'cache-1', 'main');
      return now && now.Id !== deleted.Id && now.State === 'running' ? true : undefined;
    });

    const second = start(ws.dir, stateHome);
    children.push(second);
    await waitFor('the second run to see the first', async () => (second.output().includes(`already supervised by process ${supervisor.child.pid}`) ? true : undefined), 60_000);
    second.child.kill('SIGINT');
    assert.equal(await second.exited, 0);

    supervisor.child.kill('SIGINT');
    assert.equal(await supervisor.exited, 0);
    assert.match(supervisor.output(), /Stopped supervising .*its containers keep running/);
    const containers = await projectContainers(project);
    assert.equal(containers.filter((c) => c.State === 'running').length, 5);
  });
});
