// Pods stop as one against the real engine: every container of a pod gets the stop signal at
// once and the kill at one deadline, so a pod whose processes ignore SIGTERM (a shell as PID 1)
// goes in about one grace period, and `down` of several such pods too. Times come from the
// engine's own kill events; bounds are bounded waits, not speed targets.
import assert from 'node:assert/strict';
import { LABEL, networkName } from '../../src/core/model/labels';
import { createDockerEngine } from '../../src/engine';
import { buildCli, flotilla, projectContainers, workspace } from './cli-harness';
import { cleanupProject, docker, TEST_IMAGE, testContainer, testService, uniqueProject } from './helpers';

const GRACE_S = 3;
/** A shell as PID 1 that notes SIGTERM and carries on: only the kill ends it. */
const IGNORES_SIGTERM = ['sh', '-c', 'trap "echo got SIGTERM" TERM; while true; do sleep 0.2; done'];

interface KillEvent {
  container: string;
  pod: string;
  signal: number;
  ms: number;
}

/**
 * Records the engine's kill events of a project as they happen (the engine replays only its
 * last 256 events, too few on an engine other tests share).
 */
async function recordKills(project: string): Promise<{ stop: () => Promise<KillEvent[]>; fail: (error: unknown) => never }> {
  const filters = JSON.stringify({ type: ['container'], event: ['kill'], label: [`${LABEL.project}=${project}`] });
  const stream = (await docker.getEvents({ filters })) as NodeJS.ReadableStream & { destroy(): void };
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return {
    stop: async () => {
      await new Promise((resolve) => setTimeout(resolve, 300)); // events lag the call a little
      stream.destroy();
      return text
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => JSON.parse(line) as { timeNano: number; Actor: { Attributes: Record<string, string> } })
        .map((e) => ({
          container: e.Actor.Attributes[LABEL.container] ?? '?',
          pod: e.Actor.Attributes[LABEL.pod] ?? '?',
          signal: Number(e.Actor.Attributes.signal),
          ms: e.timeNano / 1e6,
        }));
    },
    /** Stops recording and rethrows: for the call being measured failing. */
    fail: (error: unknown) => {
      stream.destroy();
      throw error;
    },
  };
}

const spread = (times: number[]) => Math.max(...times) - Math.min(...times);

describe('pods stop as one (real engine)', () => {
  let project: string;
  afterEach(async () => {
    await cleanupProject(project);
  });

  it('stops a pod of two SIGTERM-ignoring containers in one grace period: both signalled at once, both killed at one deadline', async () => {
    project = uniqueProject('stop');
    const engine = createDockerEngine();
    const network = networkName(project);
    await engine.createNetwork(project, network);
    const service = testService('web', [testContainer('app', IGNORES_SIGTERM), testContainer('side', IGNORES_SIGTERM)], { stopGraceMs: GRACE_S * 1000 });
    const ids = await engine.createPod({ project, service, pod: 'web-1', revision: 1, network, node: 'local' });
    // Each container notes the SIGTERM it got on its output, timestamped by the engine.
    const outputs = ids.map(async (id) => {
      const lines = [];
      for await (const line of engine.logs(id, { follow: true, timestamps: true })) lines.push(line);
      return lines;
    });

    const kills = await recordKills(project);
    const started = Date.now();
    const took = await engine.removePod(ids, GRACE_S * 1000).then(() => Date.now() - started, kills.fail);
    const events = await kills.stop();

    assert.ok(took >= GRACE_S * 1000 - 200, `the pod ignored SIGTERM, so it waited out its grace period (took ${took} ms)`);
    assert.ok(took < (GRACE_S + 2) * 1000, `one grace period for the pod, not one per container (took ${took} ms)`);
    const noted = await Promise.all(outputs);
    for (const [index, lines] of noted.entries())
      assert.ok(
        lines.some((l) => l.text === 'got SIGTERM'),
        `${service.containers[index]!.name} got SIGTERM: ${JSON.stringify(lines)}`,
      );
    const term = events.filter((e) => e.signal === 15);
    const kill = events.filter((e) => e.signal === 9);
    assert.deepEqual(term.map((e) => e.container).sort(), ['app', 'side'], JSON.stringify(events));
    assert.deepEqual(kill.map((e) => e.container).sort(), ['app', 'side'], JSON.stringify(events));
    assert.ok(spread(term.map((e) => e.ms)) < 1000, `both got SIGTERM at once: ${JSON.stringify(term)}`);
    assert.ok(spread(kill.map((e) => e.ms)) < 1000, `both were killed at one deadline: ${JSON.stringify(kill)}`);
    const graceUsed = Math.min(...kill.map((e) => e.ms)) - Math.max(...term.map((e) => e.ms));
    assert.ok(graceUsed > GRACE_S * 1000 - 1000, `the kill came a grace period after the signal (${graceUsed} ms)`);
    assert.deepEqual((await engine.listProject(project)).pods, [], 'no container of the pod is left, sidecar or first');
    await engine.removeNetwork(network);
  });

  describe('flotilla down', () => {
    before(() => buildCli());

    it("takes several SIGTERM-ignoring pods down in about one grace period overall, with the manifest's grace period", async () => {
      project = uniqueProject('down');
      const pods = 5;
      const services = Array.from(
        { length: pods },
        (_, i) => `  svc${i}:
    stopGracePeriod: ${GRACE_S}s
    containers:
      web: { image: ${TEST_IMAGE}, command: [httpd, -f, -p, "8080", -h, /www] }
      loop: { image: ${TEST_IMAGE}, command: [sh, -c, "while true; do sleep 1; done"] }
`,
      ).join('');
      const ws = workspace(`version: 1\nproject: ${project}\nservices:\n${services}`);
      try {
        const up = flotilla(ws.dir, ['up']);
        assert.equal(up.code, 0, up.stderr);
        assert.equal((await projectContainers(project)).length, pods * 2);

        const kills = await recordKills(project);
        const started = Date.now();
        const down = flotilla(ws.dir, ['down']); // synchronous: it cannot throw past the recorder
        const took = Date.now() - started;
        const events = await kills.stop();
        assert.equal(down.code, 0, down.stderr);
        assert.deepEqual(await projectContainers(project), []);
        const term = events.filter((e) => e.signal === 15);
        assert.equal(term.length, pods * 2, `every container got SIGTERM: ${JSON.stringify(events)}`);
        assert.equal(events.filter((e) => e.signal === 9).length, pods * 2, 'busybox httpd and a shell loop as PID 1 ignore SIGTERM: each was killed');
        assert.ok(spread(term.map((e) => e.ms)) < 1500, `all pods were signalled together: ${JSON.stringify(term)}`);
        // Pods a few at a time, or containers one after another, would take two grace periods or more.
        assert.ok(took < (GRACE_S + 3) * 1000, `down took ${took} ms: about one grace period of ${GRACE_S} s`);
      } finally {
        ws.dispose();
      }
    });
  });
});
