// Blue-green deploy on the real engine with load from a second process on the service port:
// the deploy driver, the service proxy, the revision file and the Docker adapter together.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { systemClock } from '../../src/core/ports/clock';
import { deployService, type DeployContext, type DeployNote } from '../../src/core/rollout/deploy';
import { ProbedHealth, RunningHealth } from '../../src/core/rollout/health-source';
import { loadManifest } from '../../src/core/manifest/load';
import { historyOf } from '../../src/core/rollout/revisions';
import type { DesiredState } from '../../src/core/model/state';
import { createDockerEngine } from '../../src/engine';
import { FileRevisionStore } from '../../src/host/revision-store';
import { ServicePorts } from '../../src/proxy';
import { cleanupProject, TEST_IMAGE, TEST_IMAGE_V2, uniqueProject } from './helpers';
import { freePort, startLoad } from './load';
import { HTTPD_WWW, webManifest } from './manifests';

export function blueGreenManifest(
  project: string,
  image: string,
  hostPort: number,
  extra: { strategy?: string; command?: string; minHealthyTime?: string; healthyDeadline?: string; probe?: boolean } = {},
): string {
  const deploy = {
    strategy: extra.strategy ?? 'blue-green',
    maxSurge: 1,
    maxUnavailable: 0,
    minHealthyTime: extra.minHealthyTime ?? '1s',
    healthyDeadline: extra.healthyDeadline ?? '60s',
    drainTimeout: '5s',
  };
  return webManifest(project, { image, hostPort, command: extra.command ?? HTTPD_WWW, health: extra.probe ? { path: '/healthz', interval: '1s' } : undefined, deploy });
}

function desired(text: string): DesiredState {
  const loaded = loadManifest(text, { manifestDir: tmpdir(), defaultProject: 'x' });
  if (!loaded.desired) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
  return loaded.desired;
}

describe('deploys under load (real engine)', () => {
  const engine = createDockerEngine();
  const stateDir = mkdtempSync(path.join(tmpdir(), 'flotilla-state-'));
  let project: string;
  let ports: ServicePorts;
  let health: ProbedHealth | undefined;

  beforeEach(() => {
    project = uniqueProject('deploy');
    ports = new ServicePorts();
  });
  afterEach(async () => {
    health?.dispose();
    await ports.close();
    await cleanupProject(project);
  });
  after(() => rmSync(stateDir, { recursive: true, force: true }));

  /** v1 deployed and served on a free host port; then `change` deployed under load from a second process. */
  async function deployUnderLoad(strategy: string, next: { image: string; command?: string; minHealthyTime?: string; healthyDeadline?: string; probe?: boolean }) {
    const hostPort = await freePort();
    const v1 = desired(blueGreenManifest(project, TEST_IMAGE, hostPort, { strategy, probe: next.probe }));
    const v2 = desired(blueGreenManifest(project, next.image, hostPort, { strategy, ...next }));
    await ports.open(v1.services);
    const store = new FileRevisionStore(project, stateDir);
    health = new ProbedHealth(engine, systemClock);
    const ctx: DeployContext = { engine, health, traffic: ports, store, clock: systemClock, owner: String(process.pid), ownerAlive: () => false };
    assert.equal((await deployService(v1, 'web', ctx, { tickMs: 200 })).result, 'deployed');
    const before = (await engine.listProject(project)).pods.map((p) => p.containers[0]!.id).sort();
    const load = startLoad(`http://127.0.0.1:${hostPort}/`, 4);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const started = Date.now();
    const outcome = await deployService(v2, 'web', ctx, { tickMs: 200, crashLoopThreshold: 3 });
    const finished = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const report = await load.stop();
    const failures = { errors: report.errors, timeouts: report.timeouts, non2xx: report.non2xx };
    return { outcome, report, failures, started, finished, before, store };
  }

  it('rolling v1 -> v2 (maxSurge 1, maxUnavailable 0): 0 failed requests, only v2 answers once it is done', async () => {
    const { outcome, report, failures, started, finished } = await deployUnderLoad('rolling', { image: TEST_IMAGE_V2 });
    assert.equal(outcome.result, 'deployed');
    assert.deepEqual(failures, { errors: 0, timeouts: 0, non2xx: 0 }, `no failed request (${report.firstErrors.join('; ')})`);
    const during = report.responses.filter(([time]) => time >= started && time <= finished).map(([, , body]) => body);
    assert.ok(during.includes('v1') && during.includes('v2'), 'both versions served side by side during the rollout');
    const after = report.responses.filter(([, , , sentAt]) => sentAt > finished);
    assert.ok(after.length > 20 && after.every(([, , body]) => body === 'v2'), `${after.length} requests sent after the rollout, all answered by v2`);
  });

  it('a crash-looping deploy rolls back by itself: 0 failed requests, v1 answers throughout, its pods untouched', async () => {
    // Health is "running for minHealthyTime" until probes are wired in; on a loaded engine a
    // container that exits at once can still be reported running for a second, so 3 s.
    const { outcome, report, failures, before } = await deployUnderLoad('blue-green', { image: TEST_IMAGE_V2, command: '[sh, -c, "exit 3"]', minHealthyTime: '3s' });
    assert.match(String(outcome.result), /^rolled back: pod web-\d crash-looped \(crashed 3 times, last exit code 3\)/);
    assert.deepEqual(failures, { errors: 0, timeouts: 0, non2xx: 0 }, `no failed request (${report.firstErrors.join('; ')})`);
    assert.ok(report.responses.length > 50 && report.responses.every(([, , body]) => body === 'v1'), 'only v1 ever answered');
    assert.deepEqual((await engine.listProject(project)).pods.map((p) => p.containers[0]!.id).sort(), before, 'the old pods still run, the new ones are gone');
  });

  it('new pods failing their http probe are rolled back at healthyDeadline: 0 failed requests, v1 throughout', async () => {
    // v2 serves another folder, so its /healthz answers 404.
    const next = { image: TEST_IMAGE_V2, command: '[httpd, -f, -p, "8080", -h, /etc]', healthyDeadline: '6s', probe: true };
    const { outcome, report, failures, before } = await deployUnderLoad('blue-green', next);
    assert.match(String(outcome.result), /^rolled back: pod web-\d was not healthy within the healthy deadline of 6s \((unhealthy|starting)\)/);
    assert.deepEqual(failures, { errors: 0, timeouts: 0, non2xx: 0 }, `no failed request (${report.firstErrors.join('; ')})`);
    assert.ok(report.responses.length > 50 && report.responses.every(([, , body]) => body === 'v1'), 'only v1 ever answered');
    assert.deepEqual((await engine.listProject(project)).pods.map((p) => p.containers[0]!.id).sort(), before);
  });

  it('switches v1 -> v2 with 0 failed requests; every response after the switch comes from v2', async () => {
    const hostPort = await freePort();
    const v1 = desired(blueGreenManifest(project, TEST_IMAGE, hostPort));
    const v2 = desired(blueGreenManifest(project, TEST_IMAGE_V2, hostPort));
    await ports.open(v1.services);
    const store = new FileRevisionStore(project, path.join(stateDir, 'blue-green'));
    const ctx: DeployContext = { engine, health: new RunningHealth(), traffic: ports, store, clock: systemClock, owner: String(process.pid), ownerAlive: () => false };
    const options = { tickMs: 200 };
    assert.equal((await deployService(v1, 'web', ctx, options)).result, 'deployed');

    const load = startLoad(`http://127.0.0.1:${hostPort}/`, 4);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    let switchedAt = 0;
    const onNote = (note: DeployNote) => {
      if (note.kind === 'action' && note.action.kind === 'route' && note.action.switch) switchedAt = Date.now();
    };
    const outcome = await deployService(v2, 'web', ctx, { ...options, onNote });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const report = await load.stop();

    assert.deepEqual(outcome, { service: 'web', revision: 2, result: 'deployed' });
    assert.ok(switchedAt > 0, 'the deploy switched traffic');
    assert.deepEqual(
      { errors: report.errors, timeouts: report.timeouts, non2xx: report.non2xx },
      { errors: 0, timeouts: 0, non2xx: 0 },
      `no failed request (${report.firstErrors.join('; ')})`,
    );
    const before = report.responses.filter(([time]) => time < switchedAt);
    // Judged by when each request was sent: one already on its way to v1 at the switch may
    // finish on v1 while it drains; every one sent after the switch must reach v2.
    const after = report.responses.filter(([, , , sentAt]) => sentAt > switchedAt);
    assert.ok(before.length > 50 && after.length > 50, `load ran on both sides of the switch (${before.length} before, ${after.length} after)`);
    assert.ok(
      before.slice(0, 20).every(([, , body]) => body === 'v1'),
      'v1 served before the deploy',
    );
    const stray = after.filter(([, , body]) => body !== 'v2');
    assert.deepEqual(stray.slice(0, 5), [], `${stray.length} requests sent after the switch were not answered by v2`);
    const pods = (await engine.listProject(project)).pods;
    assert.deepEqual(pods.map((p) => [p.revision, p.containers[0]!.image]).sort(), [
      [2, TEST_IMAGE_V2],
      [2, TEST_IMAGE_V2],
    ]);
    assert.deepEqual(
      historyOf(await store.read(), 'web').revisions.map((r) => [r.number, r.result]),
      [
        [1, 'deployed'],
        [2, 'deployed'],
      ],
    );
  });
});
