// The service port under `flotilla up --watch`, as a user sees it: the supervisor listens on
// expose.hostPort and balances across the healthy pods, keeps serving from the other pod while
// one is killed and healed, shows the URL in `status`, and closes the port on Ctrl-C.
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { LABEL } from '../../src/core/model/labels';
import { projectContainers, waitFor } from './cli-harness';
import { docker, TEST_IMAGE, TEST_IMAGE_V2 } from './helpers';
import { getOnce } from '../net';
import { freePort, startLoad, type LoadReport } from './load';
import { HEALTHZ, webManifest } from './manifests';
import { watchSuite } from './watch-harness';

/** Each pod serves its own hostname (its container id) at /, so a test can tell who answered. */
function manifest(project: string, hostPort: number): string {
  return webManifest(project, {
    hostPort,
    command: '[sh, -c, "mkdir -p /w && hostname > /w/index.html && exec httpd -f -p 8080 -h /w"]',
    health: { path: '/', interval: '300ms' },
  });
}

describe('service port under up --watch (real engine)', () => {
  const suite = watchSuite('cli-serve');
  const { project } = suite;

  it('balances across both pods, keeps serving through a kill and heal, closes on Ctrl-C', async () => {
    const hostPort = await freePort();
    suite.open(manifest(project, hostPort));
    const watch = suite.watch();
    const url = `http://127.0.0.1:${hostPort}`;
    await watch.waitOutput('both pods served', `web: ${url} -> 2 pods (web-1, web-2)`, 60_000);

    const hostnames = async () => new Map((await projectContainers(project)).map((c) => [c.Id.slice(0, 12), c.Labels[LABEL.pod] as string]));
    const podsAnswering = async (count: number) => {
      const names = await hostnames();
      const seen = new Set<string>();
      for (let i = 0; i < count; i++) {
        const response = await getOnce(hostPort);
        assert.equal(response.status, 200);
        seen.add(names.get(response.body) ?? `unknown ${response.body}`);
      }
      return [...seen].sort();
    };
    assert.deepEqual(await podsAnswering(10), ['web-1', 'web-2'], 'requests reach both pods');

    const status = suite.cli('status');
    assert.match(status.stdout, new RegExp(`web: http://127\\.0\\.0\\.1:${hostPort} -> 2 pods`));

    // Kill web-1 and keep asking: every request is answered, by web-2 while web-1 is replaced.
    const web1 = (await projectContainers(project)).find((c) => c.Labels[LABEL.pod] === 'web-1')?.Id as string;
    await docker.getContainer(web1).kill({ signal: 'SIGKILL' });
    const failures: string[] = [];
    const answeredBy = new Set<string>();
    const before = await hostnames();
    for (let i = 0; i < 30; i++) {
      const response = await getOnce(hostPort).catch((error: Error) => ({ status: 0, body: error.message }));
      if (response.status !== 200) failures.push(`${response.status} ${response.body}`);
      else answeredBy.add(before.get(response.body) ?? 'new pod');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.deepEqual(failures, [], 'no request failed while web-1 was down');
    assert.ok(answeredBy.has('web-2'), [...answeredBy].join(', '));

    await waitFor(
      'web-1 healed and served again',
      async () => {
        const containers = await projectContainers(project);
        const replaced = containers.some((c) => c.Labels[LABEL.pod] === 'web-1' && c.Id !== web1 && c.State === 'running');
        return replaced && /web: \S+ -> 2 pods \(web-1, web-2\)\n(?![\s\S]*-> 1 pod)/.test(watch.output().slice(watch.output().indexOf('event web-1/app die'))) ? true : undefined;
      },
      30_000,
    );
    assert.deepEqual(await podsAnswering(10), ['web-1', 'web-2'], 'both pods serve after healing');

    await watch.stop('SIGINT');
    await assert.rejects(getOnce(hostPort), /ECONNREFUSED/, 'the service port closes with its supervisor');
  });
});

function blueGreen(project: string, image: string, hostPort: number): string {
  return webManifest(project, { image, hostPort, health: HEALTHZ, deploy: { strategy: 'blue-green', minHealthyTime: '1s', healthyDeadline: '60s', drainTimeout: '2s' } });
}

describe('flotilla up hands a change to the running supervisor (real engine)', () => {
  const suite = watchSuite('cli-handover');
  const { project } = suite;

  it('rolls v1 -> v2 out blue-green under load on the service port with 0 failed requests', async () => {
    const hostPort = await freePort();
    suite.open(blueGreen(project, TEST_IMAGE, hostPort));
    const watch = suite.watch();
    await watch.waitOutput('v1 served', `web: http://127.0.0.1:${hostPort} -> 2 pods (web-1, web-2)`, 60_000);
    const v1Ids = (await projectContainers(project)).map((c) => c.Id).sort();

    const load = startLoad(`http://127.0.0.1:${hostPort}/`);
    let report: Awaited<ReturnType<ReturnType<typeof startLoad>['stop']>> | undefined;
    try {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      suite.writeManifest(blueGreen(project, TEST_IMAGE_V2, hostPort));
      const up = suite.cli('up');
      assert.equal(up.code, 0, up.stderr);
      assert.match(up.stdout, new RegExp(`supervised by process ${watch.child.pid} .*handed this manifest to it`));
      assert.deepEqual((await projectContainers(project)).map((c) => c.Id).sort(), v1Ids, 'up itself recreated nothing');
      await watch.waitOutput('the supervisor to deploy v2', /web: deployed \(revision 2\)\./, 90_000);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    } finally {
      report = await load.stop();
    }
    assert.match(watch.output(), /took over a new manifest; rolling out web by their deploy strategy/);
    assert.match(watch.output(), /web: route to web-\d+, web-\d+ \(switch\)/);
    assert.equal(
      report.errors + report.timeouts + report.non2xx,
      0,
      `failed requests: ${JSON.stringify({ errors: report.errors, timeouts: report.timeouts, non2xx: report.non2xx })}`,
    );
    assert.ok(report.total > 50, `load too light to mean anything: ${report.total}`);
    const v1Count = report.responses.filter(([, , body]) => body === 'v1').length;
    console.log(`      (${report.total} requests during the handover and rollout: ${v1Count} from v1, ${report.total - v1Count} from v2, 0 failed)`);
    const bodies = report.responses.map(([, , body]) => body);
    const firstV2 = bodies.indexOf('v2');
    assert.ok(bodies.includes('v1') && firstV2 > 0, 'served v1, then v2');
    // The first v2 answer proves the switch had happened: every request sent after it must
    // reach v2 (one sent before may still finish on v1 while v1 drains).
    const switchedBy = (report.responses[firstV2] as LoadReport['responses'][number])[0];
    const stray = report.responses.filter(([, , body, sentAt]) => sentAt > switchedBy && body !== 'v2');
    assert.deepEqual(stray.slice(0, 5), [], `${stray.length} requests sent after the first v2 answer were not answered by v2`);
    const pods = (await projectContainers(project)).map((c) => `${c.Labels[LABEL.revision]} ${c.Image} ${c.State}`);
    assert.deepEqual(pods, [`2 ${TEST_IMAGE_V2} running`, `2 ${TEST_IMAGE_V2} running`]);
    const history = suite.cli('history', 'web');
    assert.match(history.stdout, new RegExp(`^2\\s+.*${TEST_IMAGE_V2}\\s+deployed \\(current\\)$`, 'm'));
    assert.match(history.stdout, new RegExp(`^1\\s+.*${TEST_IMAGE}\\s+deployed$`, 'm'));

    await watch.stop('SIGINT');
  });
});

describe('a taken service port under up --watch (real engine)', () => {
  const suite = watchSuite('cli-taken');
  const { project } = suite;

  it('is reported once while the rest is supervised, and served once it is free', async () => {
    const holder = net.createServer();
    const hostPort = await freePort();
    await new Promise<void>((resolve) => holder.listen(hostPort, '127.0.0.1', resolve));
    suite.open(manifest(project, hostPort));
    const watch = suite.watch({ FLOTILLA_RESYNC_MS: '500' });
    try {
      await watch.waitOutput('the taken port reported', 'web: not served (the rest of the project is still supervised): Cannot serve service web on 127.0.0.1:', 60_000);
      const web1 = (await projectContainers(project)).find((c) => c.Labels[LABEL.pod] === 'web-1')?.Id as string;
      await docker.getContainer(web1).kill({ signal: 'SIGKILL' });
      await waitFor(
        'web-1 healed meanwhile',
        async () => ((await projectContainers(project)).some((c) => c.Labels[LABEL.pod] === 'web-1' && c.Id !== web1 && c.State === 'running') ? true : undefined),
        30_000,
      );
      // Several resyncs later it was still told only once.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.equal(watch.output().match(/web: not served/g)?.length, 1, watch.output());
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
    await watch.waitOutput('served once free', `web: http://127.0.0.1:${hostPort} -> `, 30_000);
    await watch.waitOutput('both pods answer', '-> 2 pods (web-1, web-2)', 30_000);
    assert.equal((await getOnce(hostPort)).status, 200);
    await watch.stop('SIGINT');
  });
});
