// flotilla deploy / history / rollback as a user runs them, on the real engine: a rolling
// deploy of a changed image, a crash-looping command rolled back by itself, a rollback to the
// revision before, and the history that records it all. The named volume survives all of it.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LABEL, volumeEngineName } from '../../src/core/model/labels';
import { buildCli, flotilla, killDeployWhileWaiting, projectObjects, workspace } from './cli-harness';
import { cleanupProject, TEST_IMAGE, TEST_IMAGE_V2, uniqueProject } from './helpers';
import { freePort } from './load';
import { HTTPD_WWW, webManifest } from './manifests';

function rollingManifest(project: string, image: string, hostPort: number, command = HTTPD_WWW, minHealthyTime = '1s', strategy = 'rolling'): string {
  const deploy = { strategy, maxSurge: 1, maxUnavailable: 0, minHealthyTime, healthyDeadline: '60s', drainTimeout: '2s' };
  return webManifest(project, { image, hostPort, command, volume: { name: 'data', path: '/data' }, deploy });
}

describe('flotilla deploy, history and rollback (real engine)', () => {
  const project = uniqueProject('cli-deploy');
  const stateHome = mkdtempSync(path.join(tmpdir(), 'flotilla-state-'));
  let ws: ReturnType<typeof workspace>;
  let hostPort: number;
  const run = (...args: string[]) => flotilla(ws.dir, args, { XDG_STATE_HOME: stateHome });
  const write = (text: string) => writeFileSync(path.join(ws.dir, 'flotilla.yaml'), text);
  const pods = async () => (await projectObjects(project)).containers.map((c) => `r${c.Labels[LABEL.revision]} ${c.Image}`).sort();
  const podIds = async () => (await projectObjects(project)).containers.map((c) => c.Id).sort();

  before(async () => {
    buildCli();
    hostPort = await freePort();
    ws = workspace(rollingManifest(project, TEST_IMAGE, hostPort));
  });
  after(async () => {
    await cleanupProject(project);
    ws.dispose();
    rmSync(stateHome, { recursive: true, force: true });
  });

  it('deploys a changed image, rolls back a crash loop by itself, rolls back on request, and lists it all', async () => {
    assert.equal(run('up').code, 0);
    const baseline = run('deploy');
    assert.equal(baseline.code, 0, baseline.stderr);
    assert.match(baseline.stdout, /web: already runs this spec \(revision 1\); nothing to deploy\./);

    write(rollingManifest(project, TEST_IMAGE_V2, hostPort));
    const deployed = run('deploy', 'web');
    assert.equal(deployed.code, 0, deployed.stdout + deployed.stderr);
    assert.match(deployed.stdout, /web: deployed \(revision 2\)\./);
    assert.deepEqual(await pods(), [`r2 ${TEST_IMAGE_V2}`, `r2 ${TEST_IMAGE_V2}`]);
    const serving = await podIds();

    // Health is "running for minHealthyTime" until probes are wired in: 3 s, so a container that
    // exits at once is never taken for healthy on a loaded engine.
    write(rollingManifest(project, TEST_IMAGE_V2, hostPort, '[sh, -c, "exit 3"]', '3s'));
    const crashing = run('deploy', 'web');
    assert.equal(crashing.code, 1, crashing.stdout);
    assert.match(crashing.stderr, /web: rolled back: pod web-\d crash-looped \(crashed 3 times, last exit code 3\) \(revision 3\)\./);
    assert.deepEqual(await podIds(), serving, 'the serving pods were never touched (maxUnavailable 0)');

    const back = run('rollback', 'web');
    assert.equal(back.code, 0, back.stdout + back.stderr);
    assert.match(back.stdout, /starting rollout of revision 4 \(back to revision 1\)/);
    assert.deepEqual(await pods(), [`r4 ${TEST_IMAGE}`, `r4 ${TEST_IMAGE}`]);

    const history = run('history', 'web');
    assert.equal(history.code, 0, history.stderr);
    const rows = history.stdout.trim().split('\n');
    assert.match(rows[0]!, /^REVISION\s+TIME \(UTC\)\s+IMAGES\s+RESULT$/);
    assert.match(rows[1]!, new RegExp(`^4\\s+\\S+ \\S+\\s+${TEST_IMAGE}\\s+deployed \\(rollback to 1\\) \\(current\\)$`));
    assert.match(rows[2]!, /^3\s+.*rolled back: pod web-\d crash-looped/);
    assert.match(rows[3]!, new RegExp(`^2\\s+.*${TEST_IMAGE_V2}\\s+deployed$`));
    assert.match(rows[4]!, new RegExp(`^1\\s+.*${TEST_IMAGE}\\s+deployed$`));

    const missing = run('rollback', 'web', '--to', '9');
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /Revision 9 of web is not kept \(kept: 1 \(deployed\), 2 \(deployed\), 3 \(rolled back: .*\), 4 \(deployed\)\)/);
    const unknown = run('deploy', 'nosuch');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No service "nosuch" in the manifest \(services: web\)/);

    const { volumes } = await projectObjects(project);
    assert.deepEqual(
      volumes.map((v) => v.Name),
      [volumeEngineName(project, 'data')],
      'the named volume survived every deploy and rollback',
    );
  });

  it('says so when another program holds the service port, and deploys without moving that traffic', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(hostPort, '127.0.0.1', resolve));
    try {
      write(rollingManifest(project, TEST_IMAGE_V2, hostPort));
      const result = run('deploy', 'web');
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.match(
        result.stderr,
        new RegExp(
          `Cannot serve service web on 127\\.0\\.0\\.1:${hostPort}: the port is already in use by another program\\. Stop it or choose another expose\\.hostPort\\. Deploying web without moving that port's traffic\\.`,
        ),
      );
      assert.match(result.stdout, /web: deployed \(revision 5\)\./);
      assert.deepEqual(await pods(), [`r5 ${TEST_IMAGE_V2}`, `r5 ${TEST_IMAGE_V2}`]);
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
  });

  it('hands a deploy and a rollback to a running supervisor', async () => {
    // The lock a supervisor (up --watch, the editor) holds: this test process plays its owner.
    const lock = path.join(stateHome, 'flotilla', `${project}.supervisor.lock`);
    mkdirSync(path.dirname(lock), { recursive: true });
    writeFileSync(lock, String(process.pid));
    try {
      const before = await pods();
      const deploy = run('deploy');
      assert.equal(deploy.code, 0, deploy.stderr);
      assert.match(deploy.stdout, new RegExp(`Project ${project} is supervised by process ${process.pid} \\(flotilla up --watch or the editor\\): handed this manifest to it\\.`));
      const handedOver = JSON.parse(readFileSync(path.join(stateHome, 'flotilla', `${project}.desired.json`), 'utf8')) as { desired: { project: string } };
      assert.equal(handedOver.desired.project, project);
      const rollback = run('rollback', 'web', '--to', '2');
      assert.equal(rollback.code, 0, rollback.stderr);
      assert.match(rollback.stdout, /web: the supervisor rolls it back to revision 2 \(flotilla-test\/busybox:2\); it keeps that spec until the manifest changes again\./);
      const rolledBack = JSON.parse(readFileSync(path.join(stateHome, 'flotilla', `${project}.desired.json`), 'utf8')) as {
        desired: { services: { name: string; containers: { image: string }[] }[] };
      };
      assert.deepEqual(
        rolledBack.desired.services.find((s) => s.name === 'web')?.containers.map((c) => c.image),
        [TEST_IMAGE_V2],
        'the handed-over spec is revision 2',
      );
      const missing = run('rollback', 'web', '--to', '99');
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /Revision 99 of web is not kept/);
      assert.deepEqual(await pods(), before, 'nothing changed by these processes');
    } finally {
      unlinkSync(lock);
    }
  });
});

describe('flotilla deploy after a killed deploy (real engine)', () => {
  const project = uniqueProject('cli-resume');
  const stateHome = mkdtempSync(path.join(tmpdir(), 'flotilla-state-'));
  let ws: ReturnType<typeof workspace>;
  let hostPort: number;
  const run = (...args: string[]) => flotilla(ws.dir, args, { XDG_STATE_HOME: stateHome });
  const manifest = (image: string) => rollingManifest(project, image, hostPort, undefined, '3s', 'blue-green');

  before(async () => {
    buildCli();
    hostPort = await freePort();
    ws = workspace('');
  });
  after(async () => {
    await cleanupProject(project);
    ws.dispose();
    rmSync(stateHome, { recursive: true, force: true });
  });

  it('resumes the rollout a killed process left half-way and completes it, without duplicates', async () => {
    writeFileSync(path.join(ws.dir, 'flotilla.yaml'), manifest(TEST_IMAGE));
    assert.equal(run('deploy').code, 0);
    writeFileSync(path.join(ws.dir, 'flotilla.yaml'), manifest(TEST_IMAGE_V2));
    await killDeployWhileWaiting(ws.dir, stateHome, 'web', 60_000);
    const revisions = (await projectObjects(project)).containers.map((c) => c.Labels[LABEL.revision]).sort();
    assert.deepEqual(revisions, ['1', '1', '2', '2'], 'both sets were on the engine when it died');

    const resumed = run('deploy');
    assert.equal(resumed.code, 0, resumed.stdout + resumed.stderr);
    assert.match(resumed.stdout, /web: resuming rollout of revision 2/);
    assert.match(resumed.stdout, /web: deployed \(revision 2\)\./);
    assert.match(resumed.stdout, /web: already runs this spec \(revision 2\)/);
    const after = (await projectObjects(project)).containers.map((c) => `r${c.Labels[LABEL.revision]} ${c.Image}`).sort();
    assert.deepEqual(after, [`r2 ${TEST_IMAGE_V2}`, `r2 ${TEST_IMAGE_V2}`]);
    const history = run('history', 'web', '--json');
    assert.deepEqual(
      (JSON.parse(history.stdout) as { number: number; result: string }[]).map((r) => [r.number, r.result]),
      [
        [1, 'deployed'],
        [2, 'deployed'],
      ],
    );
  });
});
