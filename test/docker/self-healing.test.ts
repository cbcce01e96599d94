// The supervisor with health probes against the real engine, run in-process so each test can
// read its notes: kills, failing health endpoints, crash loops with their backoff, start
// periods, exec and tcp probes, hand deletions and hand-made extras. Timing is test-sized
// through the options the CLI fills from FLOTILLA_BACKOFF_BASE_MS / FLOTILLA_RESYNC_MS.
import assert from 'node:assert/strict';
import { LABEL } from '../../src/core/model/labels';
import { CONTAINER_INDEX_LABEL } from '../../src/engine/mapping';
import { cleanupProject, docker, eventually, TEST_IMAGE, uniqueProject } from './helpers';
import { containersOf, healthNotes, healthyContainer, startSupervisor, type Supervised } from './supervise-harness';

const HTTP_WEB = `  web:
    stopGracePeriod: 1s
    containers:
      app:
        image: ${TEST_IMAGE}
        command: [httpd, -f, -p, "8080", -h, /www]
    health:
      http: { path: /healthz, port: 8080 }
      interval: 300ms
      timeout: 1s
      failureThreshold: 3
`;

describe('self-healing with health probes (real engine)', function () {
  const projects: string[] = [];
  const running: Supervised[] = [];
  const supervised = (name: string, yaml: string, options?: Parameters<typeof startSupervisor>[2]) => {
    const project = uniqueProject(name);
    projects.push(project);
    const s = startSupervisor(project, yaml, options);
    running.push(s);
    return s;
  };
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
    await Promise.all(projects.splice(0).map(cleanupProject));
  });

  it('replaces a container killed with SIGKILL and probes the replacement healthy', async () => {
    const s = supervised('kill', HTTP_WEB);
    const first = await healthyContainer(s, 'web-1', 'app');
    await docker.getContainer(first).kill({ signal: 'SIGKILL' });
    const second = await healthyContainer(s, 'web-1', 'app', first);
    assert.notEqual(second, first);
    assert.ok(s.notes.some(({ note }) => note.kind === 'event' && note.event.action === 'die' && note.event.containerId === first));
    assert.equal((await containersOf(s.project, 'web-1')).length, 1, 'no duplicate of the pod');
  });

  it('marks a container unhealthy after failureThreshold failed probes, then replaces its pod', async () => {
    // The health file disappears two seconds in: /healthz then answers 404.
    const s = supervised(
      'failing',
      HTTP_WEB.replace('command: [httpd, -f, -p, "8080", -h, /www]', 'command: [sh, -c, "httpd -p 8080 -h /www; sleep 2; rm /www/healthz; exec sleep 3600"]'),
    );
    const first = await healthyContainer(s, 'web-1', 'app');
    await eventually('a replacement pod', async () => ((await containersOf(s.project, 'web-1')).some((c) => c.Id !== first) ? true : undefined), 30_000);
    const history = healthNotes(s, 'web-1', 'app').filter((n) => n.containerId === first);
    const unhealthyAt = history.findIndex((n) => n.health.status === 'unhealthy');
    assert.ok(unhealthyAt > 0, 'turned unhealthy');
    const streak = history.slice(0, unhealthyAt + 1).map((n) => n.health.failingStreak);
    assert.deepEqual(
      streak.slice(-3),
      [1, 2, 3],
      `after exactly three failures in a row: ${JSON.stringify(history.map((n) => [n.health.status, n.health.failingStreak, n.health.lastProbe?.output]))}`,
    );
    assert.equal(history[unhealthyAt]?.health.lastProbe?.output, 'HTTP 404');
    const reason = s.notes.find(({ note }) => note.kind === 'progress' && note.event.type === 'done' && note.event.step.action.kind === 'remove-pod');
    assert.match(reason?.note.kind === 'progress' ? reason.note.event.step.reason : '', /app failed 3 health checks in a row \(last: HTTP 404\)/);
    await healthyContainer(s, 'web-1', 'app', first);
  });

  it('replaces a container the kernel OOM-killed', async () => {
    const s = supervised(
      'oom',
      `  hog:
    stopGracePeriod: 1s
    containers:
      main:
        image: ${TEST_IMAGE}
        command: [sh, -c, "sleep 1; head -c 100000000 /dev/zero | tail"]
        resources: { memory: 16Mi }
`,
    );
    const oom = await eventually('an oom event', async () => s.notes.find(({ note }) => note.kind === 'event' && note.event.action === 'oom')?.note, 30_000);
    const victim = oom.kind === 'event' ? oom.event.containerId : '';
    const heal = await eventually(
      'the pod replaced',
      async () => s.notes.find(({ note }) => note.kind === 'progress' && note.event.type === 'done' && note.event.step.heal && note.event.step.action.kind === 'remove-pod')?.note,
      30_000,
    );
    assert.match(heal.kind === 'progress' ? heal.event.step.reason : '', /main exited with code 137/);
    assert.ok(
      (await containersOf(s.project, 'hog-1')).every((c) => c.Id !== victim),
      'the killed container is gone',
    );
  });

  it('holds a crash loop back by the backoff schedule (base 400 ms: 400, 800, 1600 ms)', async () => {
    const s = supervised(
      'crashloop',
      `  job:
    stopGracePeriod: 1s
    containers:
      main: { image: ${TEST_IMAGE}, command: [sh, -c, "exit 1"] }
`,
      { backoffBaseMs: 400 },
    );
    // A heal's first step (removing the crashed pod) begins right when the restart is decided,
    // which is when its backoff is counted from.
    const heals = () =>
      s.notes
        .filter(({ note }) => note.kind === 'progress' && note.event.type === 'begin' && note.event.step.heal && note.event.step.action.kind === 'remove-pod')
        .map(({ at }) => at);
    await eventually('five restarts', async () => (heals().length >= 5 ? true : undefined), 60_000);
    const at = heals();
    const gaps = at.slice(1, 5).map((t, i) => t - (at[i] as number));
    // Restart 1 is immediate; restart k+1 waits base * 2^(k-1) after restart k.
    const expected = [400, 800, 1600, 3200];
    gaps.forEach((gap, i) => assert.ok(gap >= (expected[i] as number) - 20, `gap ${i + 1} was ${gap} ms, expected at least ${expected[i]} ms (gaps ${gaps.join(', ')})`));
    // Generous upper bound: a restart is due when its backoff ends, not a whole extra period later.
    gaps.forEach((gap, i) => assert.ok(gap < (expected[i] as number) * 2 + 2000, `gap ${i + 1} was ${gap} ms (gaps ${gaps.join(', ')})`));
    const delayed = s.notes.flatMap(({ note }) => (note.kind === 'heal-delayed' ? [note.crashes] : []));
    // The first delays may pass while a pod is still being created, so no hold is reported for them.
    assert.ok(
      Math.max(0, ...delayed) >= 3 && delayed.every((n, i) => i === 0 || n >= (delayed[i - 1] as number)),
      `held back with a growing crash count: ${[...new Set(delayed)].join(', ')}`,
    );
  });

  it('does not count failures inside the start period', async () => {
    const s = supervised(
      'start-period',
      HTTP_WEB.replace('command: [httpd, -f, -p, "8080", -h, /www]', 'command: [sh, -c, "sleep 3; exec httpd -f -p 8080 -h /www"]').replace(
        'failureThreshold: 3',
        'failureThreshold: 1\n      startPeriod: 8s',
      ),
    );
    const first = await healthyContainer(s, 'web-1', 'app');
    const history = healthNotes(s, 'web-1', 'app');
    assert.ok(history.filter((n) => n.health.lastProbe && !n.health.lastProbe.ok).length >= 3, 'probes failed while the server was still asleep');
    assert.ok(
      history.every((n) => n.containerId === first && n.health.status !== 'unhealthy'),
      'never unhealthy, never replaced',
    );
  });

  it('probes by exec and tcp; an exec probe that starts failing in a sidecar replaces the pod', async () => {
    const s = supervised(
      'exec-tcp',
      `  web:
    stopGracePeriod: 1s
    containers:
      app:
        image: ${TEST_IMAGE}
        command: [httpd, -f, -p, "8080", -h, /www]
      side:
        image: ${TEST_IMAGE}
        command: [sh, -c, "touch /www/ready; exec sleep 3600"]
        health: { exec: [test, -f, /www/ready], interval: 300ms, failureThreshold: 2 }
    health:
      tcp: { port: 8080 }
      interval: 300ms
`,
    );
    const app = await healthyContainer(s, 'web-1', 'app');
    const side = await healthyContainer(s, 'web-1', 'side');
    const tcp = healthNotes(s, 'web-1', 'app').find((n) => n.health.status === 'healthy');
    assert.match(tcp?.health.lastProbe?.output ?? '', /^connected in/);
    await docker
      .getContainer(side)
      .exec({ Cmd: ['rm', '/www/ready'] })
      .then((e) => e.start({}));
    await eventually(
      'the sidecar unhealthy',
      async () => (healthNotes(s, 'web-1', 'side').some((n) => n.containerId === side && n.health.status === 'unhealthy') ? true : undefined),
      20_000,
    );
    await healthyContainer(s, 'web-1', 'side', side);
    const newApp = await healthyContainer(s, 'web-1', 'app', app);
    assert.notEqual(newApp, app, 'the whole pod was replaced');
  });

  it('recreates a pod removed by hand and removes a hand-made labelled extra', async () => {
    const s = supervised('hand', HTTP_WEB, { resyncMs: 2000 });
    const first = await healthyContainer(s, 'web-1', 'app');
    await docker.getContainer(first).remove({ force: true });
    await healthyContainer(s, 'web-1', 'app', first);
    const original = (await containersOf(s.project, 'web-1'))[0]!;
    const extra = await docker.createContainer({
      name: `${s.project}-web-2-app`,
      Image: TEST_IMAGE,
      Cmd: ['sleep', '3600'],
      Labels: { ...original.Labels, [LABEL.pod]: 'web-2', [CONTAINER_INDEX_LABEL]: '0' },
    });
    await extra.start();
    await eventually('the extra removed', async () => ((await containersOf(s.project, 'web-2')).length === 0 ? true : undefined), 20_000);
    assert.deepEqual(
      (await containersOf(s.project)).map((c) => c.Labels[LABEL.pod]),
      ['web-1'],
    );
  });
});
