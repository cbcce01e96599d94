// `flotilla up --watch` against the real engine: kills and hand deletions are healed, a second
// supervisor only watches, and Ctrl-C leaves the containers running.
import assert from 'node:assert/strict';
import { LABEL } from '../../src/core/model/labels';
import { projectContainers, waitFor } from './cli-harness';
import { testManifest } from './cli-up-down.test';
import { docker } from './helpers';
import { watchSuite } from './watch-harness';

async function podContainer(project: string, pod: string, container: string) {
  return (await projectContainers(project)).find((c) => c.Labels[LABEL.pod] === pod && c.Labels[LABEL.container] === container);
}

describe('flotilla up --watch (real engine)', () => {
  const suite = watchSuite('watch');
  const { project } = suite;
  suite.open(testManifest(project));
  // The supervisor's own resync interval (FLOTILLA_RESYNC_MS unset), not the harness's 1 s.
  const start = () => suite.watch({ FLOTILLA_RESYNC_MS: undefined });

  it('heals a killed pod and a deleted pod, shares with no second supervisor, and leaves pods running on Ctrl-C', async () => {
    const supervisor = start();
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

    const second = start();
    await waitFor('the second run to see the first', async () => (second.output().includes(`already supervised by process ${supervisor.child.pid}`) ? true : undefined), 60_000);
    await second.stop('SIGINT');
    assert.equal(second.child.exitCode, 0);

    await supervisor.stop('SIGINT');
    assert.equal(supervisor.child.exitCode, 0);
    assert.match(supervisor.output(), /Stopped supervising .*its containers keep running/);
    const containers = await projectContainers(project);
    assert.equal(containers.filter((c) => c.State === 'running').length, 5);
  });
});
