// Restart follows one policy from the CLI and the editor, on the real engine: a rolling restart
// through the rollout machine, run by whoever serves the service port. Beside `flotilla up
// --watch`, `flotilla restart web` asks that supervisor; in the editor, Restart Service asks the
// window's own supervisor; with nobody supervising, `flotilla restart` runs it itself. Each old
// pod drains before it goes, and load on the service port sees 0 failed requests.
import './vscode-standin';
import assert from 'node:assert/strict';
import { LABEL } from '../../src/core/model/labels';
import { historyOf } from '../../src/core/rollout/revisions';
import { FileRevisionStore } from '../../src/host/revision-store';
import { restartService } from '../../src/vscode/commands/restart-service';
import { up } from '../../src/vscode/commands/up';
import { getOnce } from '../net';
import { buildCli, flotilla, projectContainers, waitFor } from './cli-harness';
import { TEST_IMAGE } from './helpers';
import { freePort, startLoad, type LoadReport } from './load';
import { HEALTHZ, webManifest } from './manifests';
import { policySuite } from './one-policy-harness';
import { startWatch } from './watch-harness';

async function webPods(project: string) {
  return (await projectContainers(project))
    .filter((c) => c.Labels[LABEL.service] === 'web')
    .map((c) => `${c.Labels[LABEL.revision]} ${c.State}`)
    .sort();
}

function assertNoFailures(report: LoadReport, what: string): void {
  assert.equal(
    report.errors + report.timeouts + report.non2xx,
    0,
    `${what}: failed requests ${JSON.stringify({ errors: report.errors, timeouts: report.timeouts, non2xx: report.non2xx, first: report.firstErrors })}`,
  );
  assert.ok(report.total > 50, `${what}: load too light to mean anything: ${report.total}`);
  console.log(`      (${what}: ${report.total} requests, 0 failed)`);
}

/** Load on the port for the length of `work`, plus a second either side. */
async function underLoad(hostPort: number, work: () => Promise<void>): Promise<LoadReport> {
  const load = startLoad(`http://127.0.0.1:${hostPort}/`);
  let report: LoadReport | undefined;
  try {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await work();
    await new Promise((resolve) => setTimeout(resolve, 1000));
  } finally {
    // Stopped whatever happened, so no load process outlives the test.
    report = await load.stop();
  }
  return report;
}

describe('one policy: Restart from the CLI and the editor (real engine)', () => {
  const suite = policySuite();
  before(() => buildCli());

  it('rolls the pods over through the supervisor or this process, draining each, with 0 failed requests on the service port', async () => {
    const { project, dir, notes, ctx, target, setManifest } = suite.setup('restart');
    const hostPort = await freePort();
    setManifest(
      webManifest(project, {
        image: TEST_IMAGE,
        hostPort,
        replicas: 2,
        health: HEALTHZ,
        deploy: { strategy: 'rolling', minHealthyTime: '1s', healthyDeadline: '60s', drainTimeout: '2s' },
      }),
    );
    const served = () => waitFor('web served on its port', async () => ((await getOnce(hostPort).catch(() => undefined))?.body === 'v1' ? true : undefined), 60_000);

    // CLI, beside `flotilla up --watch` in another process: that supervisor does the restart.
    const watch = startWatch(dir, suite.stateHome);
    suite.onCleanup(() => watch.stop('SIGKILL'));
    await watch.waitOutput('the watch to supervise', 'Supervising project');
    await served();
    let cli = { code: -1, stdout: '', stderr: '' };
    const fromCli = await underLoad(hostPort, async () => {
      cli = flotilla(dir, ['restart', 'web']);
    });
    assert.equal(cli.code, 0, `${cli.stdout}\n${cli.stderr}`);
    assert.match(cli.stdout, /web: restarted by the supervisor in process \d+ \(revision 2\)\./);
    await watch.waitOutput('the supervisor to drain the old pods', /web: drain-pod web-\d+:/);
    assert.match(watch.output(), /web: (starting|resuming) rolling restart of revision 2/);
    assertNoFailures(fromCli, 'flotilla restart beside up --watch');
    assert.deepEqual(await webPods(project), ['2 running', '2 running']);
    await watch.stop();

    // Editor: Up starts this window's supervisor, which serves the port and does the restart.
    await up.run(ctx, target);
    assert.equal(ctx.supervisors.isSupervising(project), true);
    await served();
    const fromEditor = await underLoad(hostPort, () => Promise.resolve(restartService.run(ctx, target)));
    const drained = notes.filter((n) => n.kind === 'deploy' && n.note.kind === 'action' && n.note.action.kind === 'drain-pod');
    assert.equal(drained.length, 2, 'both old pods drained before they went');
    assertNoFailures(fromEditor, 'Restart Service with the window supervising');
    assert.deepEqual(await webPods(project), ['3 running', '3 running']);
    await ctx.supervisors.stopAll();

    // CLI with nobody supervising: it serves the port itself for the length of the restart.
    const alone = flotilla(dir, ['restart', 'web']);
    assert.equal(alone.code, 0, `${alone.stdout}\n${alone.stderr}`);
    assert.match(alone.stdout, /web: starting rolling restart of revision 4/);
    assert.match(alone.stdout, /web: drain-pod web-\d+:/);
    assert.match(alone.stdout, /web: restarted \(revision 4\)\./);
    assert.deepEqual(await webPods(project), ['4 running', '4 running']);
    const results = historyOf(await new FileRevisionStore(project).read(), 'web').revisions.map((r) => `${r.number} ${r.restart ? 'restart' : 'deploy'} ${r.result}`);
    assert.deepEqual(
      results,
      ['1 deploy deployed', '2 restart deployed', '3 restart deployed', '4 restart deployed'],
      'the spec up started is remembered first, as a deploy would',
    );
  });
});
