// Draining on the real engine: a connection opened to v1 before a blue-green deploy stays open
// across the switch and completes while v1 drains; v1's pod goes only after it closed, or, for a
// connection that never closes, once drainTimeout has cut it. The deploy driver, the service
// proxy and the Docker adapter together, with load from a second process on the service port.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { systemClock } from '../../src/core/ports/clock';
import { deployService, type DeployContext, type DeployNote } from '../../src/core/rollout/deploy';
import { RunningHealth } from '../../src/core/rollout/health-source';
import { LABEL } from '../../src/core/model/labels';
import { loadManifest } from '../../src/core/manifest/load';
import type { DesiredState } from '../../src/core/model/state';
import { createDockerEngine } from '../../src/engine';
import { FileRevisionStore } from '../../src/host/revision-store';
import { ServicePorts, type ProxyNote } from '../../src/proxy';
import { projectContainers } from './cli-harness';
import { cleanupProject, eventually, uniqueProject } from './helpers';
import { freePort, startLoad } from './load';
import { webManifest } from './manifests';
import { openStream, releaseStreams, STREAM_IMAGE, STREAM_IMAGE_V2, type StreamEnd } from './stream-client';

function manifest(project: string, image: string, hostPort: number, drainTimeout: string): DesiredState {
  const text = webManifest(project, { image, hostPort, deploy: { strategy: 'blue-green', minHealthyTime: '1s', healthyDeadline: '90s', drainTimeout } });
  const loaded = loadManifest(text, { manifestDir: tmpdir(), defaultProject: project });
  if (!loaded.desired) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
  return loaded.desired;
}

function within<T>(what: string, promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe('draining a blue-green deploy (real engine)', () => {
  const engine = createDockerEngine();
  const stateDir = mkdtempSync(path.join(tmpdir(), 'flotilla-state-'));
  let project: string;
  let ports: ServicePorts;
  let proxyNotes: { at: number; note: ProxyNote }[];
  let deployNotes: { at: number; note: DeployNote }[];
  let streams: ReturnType<typeof openStream>[];

  beforeEach(() => {
    project = uniqueProject('drain');
    proxyNotes = [];
    deployNotes = [];
    streams = [];
    ports = new ServicePorts((_service, note) => proxyNotes.push({ at: Date.now(), note }));
  });
  afterEach(async () => {
    streams.forEach((s) => s.destroy());
    await ports.close();
    await cleanupProject(project);
  });
  after(() => rmSync(stateDir, { recursive: true, force: true }));

  /** v1 deployed and served; a long connection open on it; then v2's deploy started (not awaited). */
  async function deployWithOpenConnection(drainTimeout: string, withLoad = false) {
    const hostPort = await freePort();
    const v1 = manifest(project, STREAM_IMAGE, hostPort, drainTimeout);
    const v2 = manifest(project, STREAM_IMAGE_V2, hostPort, drainTimeout);
    await ports.open(v1.services);
    const ctx: DeployContext = {
      engine,
      health: new RunningHealth(),
      traffic: ports,
      store: new FileRevisionStore(project, path.join(stateDir, project)),
      clock: systemClock,
      owner: String(process.pid),
      ownerAlive: () => false,
    };
    assert.equal((await deployService(v1, 'web', ctx, { tickMs: 200 })).result, 'deployed');

    const stream = openStream(hostPort);
    streams.push(stream);
    const first = await within('the first line of the long answer', stream.first, 15_000);
    assert.equal(first.version, 'v1');
    const owner = (await projectContainers(project)).find((c) => c.Id.startsWith(first.hostname));
    assert.ok(owner, `a container of the project answered (hostname ${first.hostname})`);
    const pod = owner.Labels[LABEL.pod] as string;

    // Load from a second process across the whole deploy.
    const load = withLoad ? startLoad(`http://127.0.0.1:${hostPort}/`, 2) : undefined;
    if (load) await new Promise((resolve) => setTimeout(resolve, 1000));
    const deploying = deployService(v2, 'web', ctx, { tickMs: 200, onNote: (note) => deployNotes.push({ at: Date.now(), note }) });
    deploying.catch(() => undefined); // awaited by the test; a failure must not go unhandled meanwhile
    const actionAt = (kind: string, podName?: string) =>
      deployNotes.find(({ note }) => note.kind === 'action' && note.action.kind === kind && (podName === undefined || ('pod' in note.action && note.action.pod === podName)))?.at;
    const drainAt = await eventually(`${pod} to start draining`, async () => actionAt('drain-pod', pod), 120_000);
    const switchAt = deployNotes.find(({ note }) => note.kind === 'action' && note.action.kind === 'route' && note.action.switch)?.at;
    assert.ok(switchAt !== undefined && switchAt <= drainAt, 'traffic was switched before the old pod drained');
    return { load, stream, owner, pod, deploying, drainAt, switchAt, removeAt: () => actionAt('remove-pod', pod) };
  }

  it('keeps a connection opened before the switch until it completes, then removes its pod; new requests go to v2', async () => {
    const { load, stream, owner, pod, deploying, drainAt, switchAt, removeAt } = await deployWithOpenConnection('60s', true);
    let report: Awaited<ReturnType<ReturnType<typeof startLoad>['stop']>>;
    let end: StreamEnd;
    let releasedAt: number;
    try {
      // Draining: the connection keeps getting its answer, and its pod keeps running.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      assert.ok(stream.receivedAfter(switchAt + 1000), 'the open connection kept receiving after the switch');
      assert.equal(removeAt(), undefined, `${pod} was not removed while its connection was open`);
      releasedAt = Date.now();
      releaseStreams(owner.Id); // docker exec: it also shows the container still runs
      end = await within('the long answer to complete', stream.ended, 30_000);
      const outcome = await within('the deploy to finish', deploying, 60_000);
      assert.deepEqual(outcome, { service: 'web', revision: 2, result: 'deployed' });
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      report = await (load as NonNullable<typeof load>).stop();
    }

    assert.ok(end.completed, `the whole answer arrived: ${JSON.stringify(end.body.slice(-40))}`);
    assert.ok(end.body.startsWith('v1 '), 'from the v1 pod it was opened on');
    const removedAt = removeAt();
    assert.ok(
      removedAt !== undefined && removedAt > releasedAt,
      `${pod} was removed after its connection was released (drain began ${releasedAt - drainAt} ms before the release)`,
    );
    assert.deepEqual(
      proxyNotes.filter(({ note }) => note.kind === 'drain-cut'),
      [],
      'no connection was cut',
    );
    const containers = await projectContainers(project);
    assert.deepEqual(
      containers.map((c) => `${c.Labels[LABEL.revision]} ${c.Image}`),
      [`2 ${STREAM_IMAGE_V2}`, `2 ${STREAM_IMAGE_V2}`],
    );

    assert.deepEqual(
      { errors: report.errors, timeouts: report.timeouts, non2xx: report.non2xx },
      { errors: 0, timeouts: 0, non2xx: 0 },
      `no failed request (${report.firstErrors.join('; ')})`,
    );
    // Judged by when each request was sent (as deploy.test.ts does): one already on its way to v1
    // at the switch may finish there while it drains; every one sent after the switch reaches v2.
    const before = report.responses.filter(([time]) => time < switchAt);
    const after = report.responses.filter(([, , , sentAt]) => sentAt > switchAt);
    assert.ok(before.length > 20 && after.length > 20, `load ran on both sides of the switch (${before.length} before, ${after.length} after)`);
    assert.ok(
      before.every(([, , body]) => body === 'v1'),
      'v1 served before the switch',
    );
    const stray = after.filter(([, , body]) => body !== 'v2');
    assert.deepEqual(stray.slice(0, 5), [], `${stray.length} requests sent after the switch were not answered by v2`);
    console.log(
      `      (the open connection drained ${end.at - drainAt} ms and completed; ${report.total} requests from the load process, ${before.length} before the switch, ${after.length} after it, all v2, 0 failed)`,
    );
  });

  it('cuts a connection that never closes at drainTimeout, then removes its pod', async () => {
    const { stream, pod, deploying, drainAt, switchAt, removeAt } = await deployWithOpenConnection('3s');
    const end = await within('the open connection to be cut', stream.ended, 60_000);
    assert.equal(end.completed, false, 'the answer was cut, not completed');
    assert.ok(stream.receivedAfter(switchAt), 'it was not cut at the switch');
    assert.ok(end.at - drainAt >= 2900, `cut ${end.at - drainAt} ms after the drain began, not before drainTimeout (3 s)`);
    const cuts = proxyNotes.filter(({ note }) => note.kind === 'drain-cut').map(({ note }) => note);
    assert.deepEqual(cuts, [{ kind: 'drain-cut', id: pod, connections: 1 }]);
    const outcome = await within('the deploy to finish', deploying, 60_000);
    assert.deepEqual(outcome, { service: 'web', revision: 2, result: 'deployed' });
    const removedAt = removeAt();
    assert.ok(removedAt !== undefined && removedAt >= drainAt + 2900, `${pod} was removed after drainTimeout`);
    const containers = await projectContainers(project);
    assert.deepEqual(
      containers.map((c) => `${c.Labels[LABEL.revision]} ${c.Image}`),
      [`2 ${STREAM_IMAGE_V2}`, `2 ${STREAM_IMAGE_V2}`],
      'the old pods are gone',
    );
    console.log(`      (cut ${end.at - drainAt} ms after the drain began; drainTimeout 3 s)`);
  });
});
