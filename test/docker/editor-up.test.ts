// "Flotilla: Up" on a project that is already supervised, driven through the command itself
// (src/vscode/commands/up.ts) with a stand-in vscode module, on the real engine: a changed image
// is rolled out blue-green by the supervisor under load on the service port with 0 failed
// requests, only v2 pods are left and the revision is recorded, the unchanged service is not
// touched, and a replica-only change just scales. The same Up beside `flotilla up --watch` hands
// the manifest to that process and follows it to its outcome.
import './vscode-standin';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LABEL } from '../../src/core/model/labels';
import { loadManifest } from '../../src/core/manifest/load';
import { historyOf } from '../../src/core/rollout/revisions';
import { FlotillaStore } from '../../src/core/status/store';
import { createDockerEngine } from '../../src/engine/index';
import { FileRevisionStore } from '../../src/host/revision-store';
import { up } from '../../src/vscode/commands/up';
import type { FlotillaTarget } from '../../src/vscode/contract';
import type { Ctx } from '../../src/vscode/ctx';
import { Supervisors } from '../../src/vscode/supervision';
import { getOnce } from '../net';
import { buildCli, projectContainers, waitFor } from './cli-harness';
import { cleanupProject, TEST_IMAGE, TEST_IMAGE_V2, uniqueProject } from './helpers';
import { freePort, startLoad, type LoadReport } from './load';
import { HEALTHZ, serviceText, webManifest } from './manifests';
import { shown } from './vscode-standin';
import { startWatch, type WatchProcess } from './watch-harness';

function manifestText(project: string, image: string, hostPort: number, webReplicas = 2): string {
  const worker = serviceText('worker', { replicas: null, command: '[sleep, "3600"]' });
  return webManifest(project, {
    image,
    hostPort,
    replicas: webReplicas,
    health: HEALTHZ,
    deploy: { strategy: 'blue-green', minHealthyTime: '1s', healthyDeadline: '60s', drainTimeout: '2s' },
    extraServices: worker,
  });
}

/** Just enough of the editor's Ctx for Up: the manifest registry holds one manifest. */
export function editorContext(supervisors: Supervisors, dir: string) {
  const engine = createDockerEngine();
  const channel: string[] = [];
  const manifestPath = path.join(dir, 'flotilla.yaml');
  let current: { path: string; desired: ReturnType<typeof loadManifest>['desired']; loaded: ReturnType<typeof loadManifest> } | undefined;
  const setManifest = (text: string) => {
    writeFileSync(manifestPath, text);
    const loaded = loadManifest(text, { manifestDir: dir, defaultProject: 'unused' });
    if (!loaded.desired) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
    current = { path: manifestPath, desired: loaded.desired, loaded };
  };
  const ctx = {
    manifests: { list: () => (current ? [current] : []), settled: async () => (current ? [current] : []), get: (p: string) => (p === manifestPath ? current : undefined) },
    manifestFor: (project: string) => (current?.desired?.project === project ? current : undefined),
    supervisors,
    store: new FlotillaStore(),
    engine: async () => engine,
    broughtUp: new Set<string>(),
    refresh: { refresh: async () => undefined },
    connection: { noteFailure: () => undefined },
    channel: { appendLine: (line: string) => channel.push(line) },
  } as unknown as Ctx;
  return { ctx, channel, manifestPath, setManifest };
}

function since(mark: number) {
  return shown.slice(mark);
}

async function webPods(project: string) {
  return (await projectContainers(project)).filter((c) => c.Labels[LABEL.service] === 'web');
}

describe('editor Up on a supervised project (real engine, stand-in vscode)', () => {
  const stateHome = mkdtempSync(path.join(tmpdir(), 'flotilla-state-'));
  const workspaces: string[] = [];
  const projects: string[] = [];
  const savedStateHome = process.env.XDG_STATE_HOME;
  const supervisorsMade: Supervisors[] = [];
  let watch: WatchProcess | undefined;

  before(() => {
    process.env.XDG_STATE_HOME = stateHome;
  });
  after(async () => {
    for (const supervisors of supervisorsMade) await supervisors.stopAll();
    await watch?.stop('SIGKILL');
    for (const project of projects) await cleanupProject(project);
    for (const dir of workspaces) rmSync(dir, { recursive: true, force: true });
    if (savedStateHome === undefined) delete process.env.XDG_STATE_HOME;
    else process.env.XDG_STATE_HOME = savedStateHome;
    rmSync(stateHome, { recursive: true, force: true });
  });

  function setup(name: string) {
    const project = uniqueProject(name);
    projects.push(project);
    const dir = mkdtempSync(path.join(tmpdir(), 'flotilla-editor-up-'));
    workspaces.push(dir);
    const supervisors = new Supervisors(new FlotillaStore(), () => undefined);
    supervisorsMade.push(supervisors);
    return { project, ...editorContext(supervisors, dir) };
  }

  it("rolls a changed image out through this window's supervisor with 0 failed requests, then only scales a replica change", async () => {
    const { project, ctx, channel, manifestPath, setManifest } = setup('editor-up');
    const hostPort = await freePort();
    const target: FlotillaTarget = { kind: 'service', manifestPath, project, service: 'web' };
    setManifest(manifestText(project, TEST_IMAGE, hostPort));
    await up.run(ctx, target);
    assert.equal(ctx.supervisors.isSupervising(project), true, 'the first Up starts supervising from this window');
    await waitFor('v1 served on the service port', async () => ((await getOnce(hostPort).catch(() => undefined))?.body === 'v1' ? true : undefined), 60_000);
    const workerIds = (await projectContainers(project)).filter((c) => c.Labels[LABEL.service] === 'worker').map((c) => c.Id);
    assert.equal(workerIds.length, 1);

    const load = startLoad(`http://127.0.0.1:${hostPort}/`);
    let report: LoadReport | undefined;
    const mark = shown.length;
    try {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      setManifest(manifestText(project, TEST_IMAGE_V2, hostPort));
      const began = Date.now();
      await up.run(ctx, target);
      // Measured, not asserted: Up's notification from the handover to "deployed revision 2".
      console.log(`      (Up followed the blue-green rollout for ${Date.now() - began} ms)`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    } finally {
      report = await load.stop();
    }
    const messages = since(mark);
    const texts = messages.map((m) => `${m.kind}: ${m.text}`);
    assert.ok(texts.includes(`progress: web: blue-green to ${TEST_IMAGE_V2}`), texts.join('\n'));
    assert.ok(
      texts.some((t) => /^progress: web: rolling out revision 2 \(blue-green\)/.test(t)),
      texts.join('\n'),
    );
    assert.ok(texts.includes('info: web: deployed revision 2'), texts.join('\n'));
    assert.ok(channel.includes(`${project}: web: deployed revision 2`), channel.join('\n'));

    assert.equal(
      report.errors + report.timeouts + report.non2xx,
      0,
      `failed requests: ${JSON.stringify({ errors: report.errors, timeouts: report.timeouts, non2xx: report.non2xx })}`,
    );
    assert.ok(report.total > 50, `load too light to mean anything: ${report.total}`);
    const v1Count = report.responses.filter(([, , body]) => body === 'v1').length;
    console.log(`      (${report.total} requests during the editor's Up: ${v1Count} from v1, ${report.total - v1Count} from v2, 0 failed)`);
    const pods = (await webPods(project)).map((c) => `${c.Labels[LABEL.revision]} ${c.Image} ${c.State}`);
    assert.deepEqual(pods, [`2 ${TEST_IMAGE_V2} running`, `2 ${TEST_IMAGE_V2} running`], 'only v2 pods are left');
    assert.deepEqual(
      (await projectContainers(project)).filter((c) => c.Labels[LABEL.service] === 'worker').map((c) => c.Id),
      workerIds,
      'the unchanged service was not touched',
    );
    const history = historyOf(await new FileRevisionStore(project).read(), 'web').revisions.map((r) => `${r.number} ${r.images.join(',')} ${r.result}`);
    assert.deepEqual(history, [`1 ${TEST_IMAGE} deployed`, `2 ${TEST_IMAGE_V2} deployed`]);

    // Replica-only: the two v2 pods stay, a third joins, no revision is recorded.
    const v2Ids = (await webPods(project)).map((c) => c.Id);
    const scaleMark = shown.length;
    setManifest(manifestText(project, TEST_IMAGE_V2, hostPort, 3));
    await up.run(ctx, target);
    assert.ok(
      since(scaleMark).some((m) => m.kind === 'info' && m.text === 'web: scaled to 3'),
      JSON.stringify(since(scaleMark)),
    );
    const after = await webPods(project);
    assert.equal(after.filter((c) => c.State === 'running' && c.Image === TEST_IMAGE_V2).length, 3);
    assert.ok(
      v2Ids.every((id) => after.some((c) => c.Id === id)),
      'the running pods were kept',
    );
    assert.equal(historyOf(await new FileRevisionStore(project).read(), 'web').revisions.length, 2, 'scaling records no revision');
    await ctx.supervisors.stopAll();
  });

  it('hands the manifest to `flotilla up --watch` in another process and shows its outcome', async () => {
    buildCli();
    const { project, ctx, manifestPath, setManifest } = setup('editor-up-cli');
    const hostPort = await freePort();
    setManifest(manifestText(project, TEST_IMAGE, hostPort));
    watch = startWatch(path.dirname(manifestPath), stateHome);
    await watch.waitOutput('v1 served by up --watch', `web: http://127.0.0.1:${hostPort} -> 2 pods`, 60_000);

    const mark = shown.length;
    setManifest(manifestText(project, TEST_IMAGE_V2, hostPort));
    await up.run(ctx, { kind: 'service', manifestPath, project, service: 'web' });
    assert.equal(ctx.supervisors.isSupervising(project), false, 'this window did not start a second supervisor');
    const texts = since(mark).map((m) => `${m.kind}: ${m.text}`);
    assert.ok(texts.includes('info: web: deployed revision 2'), `${texts.join('\n')}\nsupervisor output:\n${watch.output()}`);
    assert.match(watch.output(), /took over a new manifest; rolling out web by their deploy strategy/);
    const pods = (await webPods(project)).map((c) => `${c.Labels[LABEL.revision]} ${c.Image} ${c.State}`);
    assert.deepEqual(pods, [`2 ${TEST_IMAGE_V2} running`, `2 ${TEST_IMAGE_V2} running`]);
    assert.equal((await getOnce(hostPort)).body, 'v2');

    await watch.stop('SIGINT');
    watch = undefined;
  });
});
