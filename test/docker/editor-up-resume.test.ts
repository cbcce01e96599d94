// "Flotilla: Up" in the editor (the command itself, stand-in vscode) on a project whose blue-green
// deploy was killed half-way and that no supervisor watches: Up leaves both sets to the rollout
// instead of replacing them at once, and the window's supervisor resumes it to the new set.
import './vscode-standin';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LABEL } from '../../src/core/model/labels';
import { historyOf } from '../../src/core/rollout/revisions';
import { FlotillaStore } from '../../src/core/status/store';
import { FileRevisionStore } from '../../src/host/revision-store';
import { up } from '../../src/vscode/commands/up';
import type { FlotillaTarget } from '../../src/vscode/contract';
import { Supervisors } from '../../src/vscode/supervision';
import { getOnce } from '../net';
import { buildCli, flotilla, killDeployWhileWaiting, projectContainers, waitFor } from './cli-harness';
import { editorContext } from './editor-up.test';
import { cleanupProject, uniqueProject } from './helpers';
import { freePort } from './load';
import { HEALTHZ, webManifest } from './manifests';
import { STREAM_IMAGE, STREAM_IMAGE_V2 } from './stream-client';
import { shown } from './vscode-standin';

function manifestText(project: string, image: string, hostPort: number): string {
  return webManifest(project, { image, hostPort, health: HEALTHZ, deploy: { strategy: 'blue-green', minHealthyTime: '3s', healthyDeadline: '90s', drainTimeout: '2s' } });
}

describe('editor Up after a killed deploy (real engine, stand-in vscode)', () => {
  const project = uniqueProject('editor-resume');
  const stateHome = mkdtempSync(path.join(tmpdir(), 'flotilla-state-'));
  const dir = mkdtempSync(path.join(tmpdir(), 'flotilla-editor-resume-'));
  const savedStateHome = process.env.XDG_STATE_HOME;
  const supervisors = new Supervisors(new FlotillaStore(), () => undefined);

  before(() => {
    buildCli();
    process.env.XDG_STATE_HOME = stateHome;
  });
  after(async () => {
    await supervisors.stopAll();
    await cleanupProject(project);
    if (savedStateHome === undefined) delete process.env.XDG_STATE_HOME;
    else process.env.XDG_STATE_HOME = savedStateHome;
    rmSync(dir, { recursive: true, force: true });
    rmSync(stateHome, { recursive: true, force: true });
  });

  it("leaves the half-done rollout's pods to it, and the window's supervisor resumes it to the new set", async () => {
    const hostPort = await freePort();
    const { ctx, channel, manifestPath, setManifest } = editorContext(supervisors, dir);
    setManifest(manifestText(project, STREAM_IMAGE, hostPort));
    const first = flotilla(dir, ['deploy'], { XDG_STATE_HOME: stateHome });
    assert.equal(first.code, 0, first.stdout + first.stderr);

    setManifest(manifestText(project, STREAM_IMAGE_V2, hostPort));
    await killDeployWhileWaiting(dir, stateHome, 'web', 90_000);
    const atKill = await projectContainers(project);
    assert.deepEqual(atKill.map((c) => c.Labels[LABEL.revision]).sort(), ['1', '1', '2', '2'], 'both sets on the engine');
    const newSet = atKill
      .filter((c) => c.Labels[LABEL.revision] === '2')
      .map((c) => c.Id)
      .sort();

    const mark = shown.length;
    const target: FlotillaTarget = { kind: 'service', manifestPath, project, service: 'web' };
    await up.run(ctx, target);
    const progress = shown
      .slice(mark)
      .filter((s) => s.kind === 'progress')
      .map((s) => s.text);
    assert.deepEqual(
      progress.filter((text) => /removing|creating/.test(text)),
      [],
      `Up removed or created nothing: ${progress.join(' | ')}`,
    );
    assert.ok(
      channel.some((line) => line === `${project}/web: a rollout of it is in progress or was interrupted; Up left its pods to it (the supervisor resumes it)`),
      channel.join('\n'),
    );
    assert.equal(supervisors.isSupervising(project), true);

    const settled = await waitFor(
      'the resumed rollout to leave only the new set, running',
      async () => {
        const all = await projectContainers(project);
        return all.length === 2 && all.every((c) => c.Labels[LABEL.revision] === '2' && c.Image === STREAM_IMAGE_V2 && c.State === 'running') ? all : undefined;
      },
      90_000,
    );
    assert.deepEqual(settled.map((c) => c.Id).sort(), newSet, 'the new set started before the kill was kept');
    // The record is closed at the rollout's next tick after the old set is gone.
    const store = new FileRevisionStore(project, path.join(stateHome, 'flotilla'));
    const results = async () => JSON.stringify(historyOf(await store.read(), 'web').revisions.map((r) => [r.number, r.result]));
    const expected = JSON.stringify([
      [1, 'deployed'],
      [2, 'deployed'],
    ]);
    assert.equal(await waitFor('revision 2 recorded as deployed', async () => ((await results()) === expected ? expected : undefined), 30_000).catch(results), expected);
    await waitFor('the service port to serve v2', async () => ((await getOnce(hostPort).catch(() => undefined))?.body === 'v2' ? true : undefined), 30_000);
  });
});
