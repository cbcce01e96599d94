// The supervisor (`flotilla up --watch`) SIGKILLed in the middle of a blue-green deploy that
// `flotilla up` handed to it, then started again: the interrupted rollout is resumed from the
// pods' labels and the revision record (DESIGN: level-based, a recorded switch is never undone),
// so the service ends on exactly one healthy set, the new one (the manifest's v2), with the right
// replica count, no duplicate or orphan pod, a history that says 1 and 2 were deployed, and its
// service port serving v2. Killed at three points: at the new set's first container (created,
// maybe not started), with the new set running before the switch, and right after the switch.
// Also: a plain `flotilla up` after a killed `flotilla deploy` leaves that rollout for the next
// deploy instead of replacing both sets at once.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LABEL, networkName } from '../../src/core/model/labels';
import { getOnce } from '../net';
import { buildCli, flotilla, killDeployWhileWaiting, projectContainers, projectObjects, waitFor, workspace } from './cli-harness';
import { cleanupProject, docker, uniqueProject } from './helpers';
import { freePort } from './load';
import { HEALTHZ, webManifest } from './manifests';
import { openStream, STREAM_IMAGE, STREAM_IMAGE_V2 } from './stream-client';
import { startWatch, watchSuite, type WatchProcess } from './watch-harness';

function blueGreen(project: string, image: string, hostPort: number): string {
  return webManifest(project, { image, hostPort, health: HEALTHZ, deploy: { strategy: 'blue-green', minHealthyTime: '3s', healthyDeadline: '90s', drainTimeout: '30s' } });
}

interface RevisionLine {
  number: number;
  result: string;
  switchedAt?: number;
}

describe('supervisor killed during a blue-green deploy (real engine)', () => {
  const stateHome = mkdtempSync(path.join(tmpdir(), 'flotilla-state-'));
  let project: string;
  let ws: ReturnType<typeof workspace> | undefined;
  let watches: WatchProcess[];
  let streams: ReturnType<typeof openStream>[];
  const cli = (...args: string[]) => flotilla((ws as { dir: string }).dir, args, { XDG_STATE_HOME: stateHome });
  const revisions = (): RevisionLine[] => {
    try {
      const file = JSON.parse(readFileSync(path.join(stateHome, 'flotilla', `${project}.revisions.json`), 'utf8')) as { services: Record<string, { revisions: RevisionLine[] }> };
      return file.services.web?.revisions ?? [];
    } catch {
      return [];
    }
  };
  const labelled = async () =>
    (await projectContainers(project)).map((c) => ({ id: c.Id, pod: c.Labels[LABEL.pod] as string, revision: c.Labels[LABEL.revision] as string, image: c.Image, state: c.State }));

  before(() => buildCli());
  beforeEach(() => {
    project = uniqueProject('sup-kill');
    watches = [];
    streams = [];
  });
  afterEach(async () => {
    streams.forEach((s) => s.destroy());
    await Promise.all(watches.map((w) => w.stop('SIGKILL')));
    await cleanupProject(project);
    ws?.dispose();
  });
  after(() => rmSync(stateHome, { recursive: true, force: true }));

  /** v1 supervised and served, then v2 handed over by `flotilla up`. */
  async function handOverV2(): Promise<{ hostPort: number; first: WatchProcess; v1Ids: string[] }> {
    const hostPort = await freePort();
    ws = workspace(blueGreen(project, STREAM_IMAGE, hostPort));
    const first = startWatch(ws.dir, stateHome);
    watches.push(first);
    await first.waitOutput('v1 served by both pods', /-> 2 pods \(web-1, web-2\)/);
    const v1Ids = (await labelled()).map((c) => c.id).sort();
    return { hostPort, first, v1Ids };
  }

  function startV2Rollout(first: WatchProcess, hostPort: number): void {
    writeFileSync(path.join((ws as { dir: string }).dir, 'flotilla.yaml'), blueGreen(project, STREAM_IMAGE_V2, hostPort));
    const up = cli('up');
    assert.equal(up.code, 0, up.stderr);
    assert.match(up.stdout, new RegExp(`supervised by process ${first.child.pid} .*handed this manifest to it`));
  }

  /** A second `up --watch` on the same manifest ends on one healthy v2 set that serves. */
  async function restartAndCheck(hostPort: number): Promise<{ second: WatchProcess; ids: string[] }> {
    const second = startWatch((ws as { dir: string }).dir, stateHome);
    watches.push(second);
    await second.waitOutput('the interrupted rollout to be resumed', /web: resuming rollout of revision 2/);
    const beforeResume = second.output().slice(0, second.output().indexOf('resuming rollout'));
    assert.match(beforeResume, /web: the rollout of revision 2 was interrupted; the supervisor resumes it\./);
    assert.doesNotMatch(beforeResume, /remove pod|create pod/, 'up itself left the half-done rollout alone');
    await second.waitOutput('the rollout to end deployed', /web: deployed \(revision 2\)\./);
    const settled = await waitFor(
      'one set of 2 running v2 pods, and nothing else',
      async () => {
        const all = await labelled();
        return all.length === 2 && all.every((c) => c.revision === '2' && c.image === STREAM_IMAGE_V2 && c.state === 'running') ? all : undefined;
      },
      60_000,
    );
    assert.equal(new Set(settled.map((c) => c.pod)).size, 2, `two distinct pods: ${settled.map((c) => c.pod).join(', ')}`);
    const objects = await projectObjects(project);
    assert.deepEqual(
      objects.networks.map((n) => n.Name),
      [networkName(project)],
      'one project network',
    );
    await second.waitOutput(
      'both v2 pods healthy and served',
      new RegExp(`web: http://127\\.0\\.0\\.1:${hostPort} -> 2 pods`),
      60_000,
      second.output().indexOf('deployed (revision 2)'),
    );

    // The live status file is written at most every 100 ms: read it until it has caught up.
    const expected = JSON.stringify(settled.map((c) => [c.pod, ['healthy']]).sort());
    const healthOf = () => {
      const status = JSON.parse(cli('status', '--json').stdout) as { pods: { name: string; containers: { health?: { status: string } }[] }[]; supervisor?: { pid: number } };
      return { supervisor: status.supervisor?.pid, pods: JSON.stringify(status.pods.map((p) => [p.name, p.containers.map((c) => c.health?.status)]).sort()) };
    };
    const seen = await waitFor(
      'flotilla status to show both pods healthy by their probes',
      async () => {
        const now = healthOf();
        return now.pods === expected ? now : undefined;
      },
      15_000,
    ).catch(() => healthOf());
    assert.deepEqual(seen, { supervisor: second.child.pid, pods: expected }, 'status: this supervisor, both pods healthy by their probes');
    assert.deepEqual(
      revisions().map((r) => [r.number, r.result]),
      [
        [1, 'deployed'],
        [2, 'deployed'],
      ],
      'the history: 1 deployed, then 2 deployed',
    );
    for (let i = 0; i < 6; i++) assert.deepEqual(await getOnce(hostPort), { status: 200, body: 'v2' });
    assert.equal(second.output().match(/resuming rollout/g)?.length, 1, 'resumed once');
    return { second, ids: settled.map((c) => c.id).sort() };
  }

  it('killed before the switch, the new set running beside the old: the restart resumes it and ends on the new set only', async () => {
    const { hostPort, first, v1Ids } = await handOverV2();
    startV2Rollout(first, hostPort);
    // The new set created, not yet healthy for minHealthyTime (3 s): kill.
    const newSet = await waitFor(
      'the new set created beside the old',
      async () => {
        const all = await labelled();
        const created = all.filter((c) => c.revision === '2');
        return created.length === 2 ? created : undefined;
      },
      90_000,
    );
    await first.stop('SIGKILL');
    assert.equal(revisions().find((r) => r.number === 2)?.switchedAt, undefined, 'killed before the switch');
    // A start request already at the engine may still complete: look once it has settled.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const atKill = await labelled();
    assert.deepEqual(
      atKill
        .filter((c) => c.revision === '1')
        .map((c) => c.id)
        .sort(),
      v1Ids,
      'the old set was still there',
    );
    const started = atKill.filter((c) => c.revision === '2' && c.state === 'running');
    const stranded = atKill.filter((c) => c.revision === '2' && c.state === 'created');
    assert.equal(started.length + stranded.length, newSet.length, `the new set was running or created: ${JSON.stringify(atKill)}`);

    const { ids, second } = await restartAndCheck(hostPort);
    for (const pod of started) assert.ok(ids.includes(pod.id), `${pod.pod}, started before the kill, was kept`);
    for (const pod of stranded) {
      if (ids.includes(pod.id)) {
        // The killed process's start request was still on its way and the engine finished it
        // after the look above: that pod did start, so it is kept like the others (a loaded
        // engine can take seconds). A kept pod must be running, never left created.
        const { State } = await docker.getContainer(pod.id).inspect();
        assert.ok(State.Running && Date.parse(State.StartedAt) > 0, `${pod.pod} was kept only because it started after all: ${JSON.stringify(State)}`);
        assert.doesNotMatch(second.output(), new RegExp(`replace-crashed ${pod.pod}:`));
        continue;
      }
      assert.match(
        second.output(),
        new RegExp(`replace-crashed ${pod.pod}: new pod ${pod.pod} was created but never started`),
        `${pod.pod}, created but never started, was replaced`,
      );
    }
    console.log(`      (at the kill: ${started.length} new pod(s) running, ${stranded.length} created but not started)`);
    for (const id of v1Ids) await assert.rejects(docker.getContainer(id).inspect(), /no such container/i, 'old pods removed');
  });

  it('killed at the first container the new set creates: the restart replaces what was left unstarted and ends on the new set', async () => {
    const { hostPort, first, v1Ids } = await handOverV2();
    // Killed from the engine's own create event, so before (or just as) that pod is started.
    const events = (await docker.getEvents({
      filters: JSON.stringify({ type: ['container'], event: ['create'], label: [`${LABEL.project}=${project}`, `${LABEL.revision}=2`] }),
    })) as NodeJS.ReadableStream & { destroy: () => void };
    let killed = false;
    events.once('data', () => {
      first.child.kill('SIGKILL');
      killed = true;
    });
    try {
      startV2Rollout(first, hostPort);
      await waitFor('the first container of the new set', async () => (killed ? true : undefined), 90_000);
    } finally {
      events.destroy();
    }
    await first.stop('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const atKill = await labelled();
    const leftNew = atKill.filter((c) => c.revision === '2');
    assert.deepEqual(
      atKill
        .filter((c) => c.revision === '1')
        .map((c) => c.id)
        .sort(),
      v1Ids,
      'the old set was still there',
    );

    const { second } = await restartAndCheck(hostPort);
    for (const pod of leftNew.filter((c) => c.state === 'created'))
      assert.match(second.output(), new RegExp(`replace-crashed ${pod.pod}: new pod ${pod.pod} was created but never started`));
    console.log(`      (at the kill: ${leftNew.map((c) => `${c.pod} ${c.state}`).join(', ') || 'no new pod yet'})`);
  });

  it('killed right after the switch while v1 drains an open connection: the restart finishes the drain, never switches back', async () => {
    const { hostPort, first } = await handOverV2();
    // An open connection keeps v1 draining (drainTimeout 30 s), so the kill lands mid-drain.
    const stream = openStream(hostPort);
    streams.push(stream);
    assert.equal((await stream.first).version, 'v1');
    startV2Rollout(first, hostPort);
    await waitFor('the switch recorded', async () => (revisions().find((r) => r.number === 2)?.switchedAt !== undefined ? true : undefined), 90_000);
    await first.waitOutput('v1 draining', /web: drain-pod web-[12]/);
    await first.stop('SIGKILL');
    const atKill = await labelled();
    assert.deepEqual(atKill.map((c) => c.revision).sort(), ['1', '1', '2', '2'], 'killed before the old set was removed');
    const newIds = atKill
      .filter((c) => c.revision === '2')
      .map((c) => c.id)
      .sort();

    const { second, ids } = await restartAndCheck(hostPort);
    assert.deepEqual(ids, newIds, 'the switched-to set kept serving, not recreated');
    assert.doesNotMatch(second.output(), /\(switch\)/, 'the restart did not switch again');
  });
});

describe('flotilla up after a killed deploy (real engine)', () => {
  const suite = watchSuite('up-resume');
  const { project, stateHome } = suite;

  it('leaves the half-done rollout as it is and says so; the next deploy resumes it', async () => {
    const hostPort = await freePort();
    suite.open(blueGreen(project, STREAM_IMAGE, hostPort));
    const run = suite.cli;
    assert.equal(run('deploy').code, 0);
    suite.writeManifest(blueGreen(project, STREAM_IMAGE_V2, hostPort));
    await killDeployWhileWaiting(suite.dir(), stateHome, 'web', 90_000);
    const before = (await projectContainers(project)).map((c) => c.Id).sort();
    assert.equal(before.length, 4, 'both sets on the engine');

    const up = run('up');
    assert.equal(up.code, 0, up.stdout + up.stderr);
    assert.match(up.stdout, /web: the rollout of revision 2 was interrupted; up leaves web as it is; flotilla deploy \(or up --watch\) resumes it\./);
    assert.deepEqual((await projectContainers(project)).map((c) => c.Id).sort(), before, 'up removed and created nothing');

    const resumed = run('deploy');
    assert.equal(resumed.code, 0, resumed.stdout + resumed.stderr);
    assert.match(resumed.stdout, /web: resuming rollout of revision 2/);
    const after = (await projectContainers(project)).map((c) => `${c.Labels[LABEL.revision]} ${c.Image}`);
    assert.deepEqual(after, [`2 ${STREAM_IMAGE_V2}`, `2 ${STREAM_IMAGE_V2}`]);
  });
});
