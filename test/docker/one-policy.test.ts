// Down, Rollback and Scale follow one policy from the CLI and the editor, on the real engine:
// each is run once as `flotilla ...` and once through the editor's command (stand-in vscode).
// Down refuses in both while another process supervises; Rollback offers and picks its target by
// the one rule; Scale reaches whichever supervisor runs, or converges when none does.
import './vscode-standin';
import assert from 'node:assert/strict';
import { isFlotillaError } from '../../src/core/model/errors';
import { LABEL } from '../../src/core/model/labels';
import { historyOf } from '../../src/core/rollout/revisions';
import { FileRevisionStore } from '../../src/host/revision-store';
import { down } from '../../src/vscode/commands/down';
import { rollback } from '../../src/vscode/commands/rollback';
import { scaleService } from '../../src/vscode/commands/scale-service';
import { up } from '../../src/vscode/commands/up';
import { buildCli, flotilla, projectContainers, waitFor } from './cli-harness';
import { TEST_IMAGE, TEST_IMAGE_V2 } from './helpers';
import { webManifest } from './manifests';
import { flotillaAsync, policySuite } from './one-policy-harness';
import { answers, shown } from './vscode-standin';
import { startWatch } from './watch-harness';

const DEPLOY = { strategy: 'rolling', minHealthyTime: '0s', healthyDeadline: '60s', drainTimeout: '1s' };

async function webPods(project: string) {
  return (await projectContainers(project)).filter((c) => c.Labels[LABEL.service] === 'web' && c.State === 'running').map((c) => c.Image);
}

function waitPods(project: string, what: string, check: (images: string[]) => boolean) {
  return waitFor(
    what,
    async () => {
      const images = await webPods(project);
      return check(images) ? images : undefined;
    },
    90_000,
  );
}

describe('one policy: Down, Rollback and Scale from the CLI and the editor (real engine)', () => {
  const suite = policySuite();
  before(() => buildCli());

  it('Down refuses in both while another process supervises (nothing removed), and removes once none does', async () => {
    const { project, dir, ctx, target, setManifest } = suite.setup('down');
    setManifest(webManifest(project, { image: TEST_IMAGE, replicas: 2 }));
    const watch = startWatch(dir, suite.stateHome);
    suite.onCleanup(() => watch.stop('SIGKILL'));
    await watch.waitOutput('the watch to supervise', 'Supervising project');
    await waitPods(project, 'two pods', (images) => images.length === 2);

    const cli = flotilla(dir, ['down']);
    assert.equal(cli.code, 1, cli.stdout);
    assert.match(cli.stderr, /supervised by process \d+ .*which would bring its pods back: stop that supervisor first; nothing was removed\./);
    await assert.rejects(
      Promise.resolve(down.run(ctx, target)),
      (e) => isFlotillaError(e, 'refused') && /which would bring its pods back: stop that supervisor first; nothing was removed\./.test(e.message),
    );
    assert.equal((await webPods(project)).length, 2, 'both refused: the pods are still there');
    await watch.stop();

    // The editor's own supervisor is stopped first; then its Down removes the pods.
    await up.run(ctx, target);
    assert.equal(ctx.supervisors.isSupervising(project), true);
    await down.run(ctx, target);
    assert.equal(ctx.supervisors.isSupervising(project), false);
    assert.equal((await projectContainers(project)).length, 0);
    // And the CLI's, with nobody supervising.
    assert.equal(flotilla(dir, ['up']).code, 0);
    const removed = flotilla(dir, ['down']);
    assert.equal(removed.code, 0, removed.stderr);
    assert.equal((await projectContainers(project)).length, 0);
  });

  it("Rollback: the editor's picker offers what the CLI's default picks, and each reaches the supervisor that runs", async () => {
    const { project, dir, ctx, target, setManifest } = suite.setup('rollback');
    setManifest(webManifest(project, { image: TEST_IMAGE, replicas: 2, deploy: DEPLOY }));
    assert.equal(flotilla(dir, ['deploy']).code, 0);
    setManifest(webManifest(project, { image: TEST_IMAGE_V2, replicas: 2, deploy: DEPLOY }));
    assert.equal(flotilla(dir, ['deploy']).code, 0);

    // Editor, nobody supervising: the picker offers revision 1 (v1); this window supervises with it.
    const mark = shown.length;
    answers.quickPick = (items) => items[0];
    await rollback.run(ctx, target);
    assert.ok(
      shown.slice(mark).some((s) => s.kind === 'pick' && s.text === 'Revision 1'),
      JSON.stringify(shown.slice(mark)),
    );
    assert.equal(ctx.supervisors.isSupervising(project), true);
    await waitPods(project, 'the window to roll back to v1', (images) => images.length === 2 && images.every((i) => i === TEST_IMAGE));

    // CLI beside the window's supervisor (another process to it): the default target is v2 (revision 2), the one spec that differs.
    const cli = await flotillaAsync(dir, ['rollback', 'web']);
    assert.equal(cli.code, 0, cli.stderr);
    assert.match(cli.stdout, /web: the supervisor rolls it back to revision 2 \(flotilla-test\/busybox:2\)/);
    await waitPods(project, 'the supervisor to roll back to v2', (images) => images.length === 2 && images.every((i) => i === TEST_IMAGE_V2));
    const history = await waitFor(
      'both rollbacks recorded',
      async () => {
        const rows = historyOf(await new FileRevisionStore(project).read(), 'web').revisions.map((r) => `${r.number} ${r.images.join(',')} ${r.result}`);
        return rows.length === 4 && rows.every((r) => r.endsWith('deployed')) ? rows : undefined;
      },
      60_000,
    );
    assert.deepEqual(history, [`1 ${TEST_IMAGE} deployed`, `2 ${TEST_IMAGE_V2} deployed`, `3 ${TEST_IMAGE} deployed`, `4 ${TEST_IMAGE_V2} deployed`]);
    answers.quickPick = undefined;
    await ctx.supervisors.stopAll();
  });

  it('Scale: the CLI and the editor hand the count to the supervisor that runs, and converge it when none does', async () => {
    const { project, dir, ctx, target, setManifest } = suite.setup('scale');
    setManifest(webManifest(project, { image: TEST_IMAGE, replicas: 2 }));
    await up.run(ctx, target);
    await waitPods(project, 'two pods', (images) => images.length === 2);

    // CLI beside the window's supervisor: handed over and followed to its outcome.
    const cli = await flotillaAsync(dir, ['scale', 'web', '3']);
    assert.equal(cli.code, 0, `${cli.stdout}\n${cli.stderr}`);
    assert.match(cli.stdout, /web: scaled to 3/);
    assert.equal((await webPods(project)).length, 3);

    // Editor, its own supervisor: handed over in process, held while the manifest says 2.
    answers.inputBox = '1';
    const mark = shown.length;
    await scaleService.run(ctx, target);
    assert.ok(
      shown.slice(mark).some((s) => s.kind === 'info' && /^Scaled web to 1 replica\. The manifest still says 2/.test(s.text)),
      JSON.stringify(shown.slice(mark)),
    );
    assert.equal((await webPods(project)).length, 1);
    assert.equal(ctx.supervisors.effective(ctx.manifestFor(project)!.desired!).services[0]?.replicas, 1, 'the count is held');
    await ctx.supervisors.stopAll();

    // Nobody supervising: each converges it here.
    const alone = flotilla(dir, ['scale', 'web', '2']);
    assert.equal(alone.code, 0, alone.stderr);
    assert.match(alone.stdout, /web: scaled to 2 replicas/);
    assert.equal((await webPods(project)).length, 2);
    answers.inputBox = '3';
    await scaleService.run(ctx, target);
    assert.equal(ctx.supervisors.isSupervising(project), false, 'a scale starts no supervisor');
    assert.equal((await webPods(project)).length, 3);
    assert.equal(flotilla(dir, ['scale', 'web', 'lots']).code, 2, 'a count that is not one is a usage error');
    answers.inputBox = undefined;
  });
});
