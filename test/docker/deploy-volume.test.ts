// A named volume across a deploy and a rollback, as a user runs them beside `flotilla up
// --watch`: v1 writes a file into the volume once (a marker, its hostname and the time), v2 (other
// image, a command that only serves) answers with v1's content through the service port, and
// after `flotilla rollback` the new v1 pods find the same file (not written again) and serve it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { LABEL, volumeEngineName } from '../../src/core/model/labels';
import { getOnce } from '../net';
import { projectContainers, projectObjects, waitFor } from './cli-harness';
import { TEST_IMAGE, TEST_IMAGE_V2 } from './helpers';
import { freePort } from './load';
import { HEALTHZ, webManifest } from './manifests';
import { watchSuite } from './watch-harness';

// v1 writes /data/x only when it is missing, so a rewrite would show another hostname and time.
const WRITE_ONCE_AND_SERVE = '[sh, -c, "[ -e /data/x ] || echo \\"$MARKER $(hostname) $(date +%s)\\" > /data/x; exec httpd -f -p 8080 -h /data"]';
const SERVE_ONLY = '[httpd, -f, -p, "8080", -h, /data]';

function manifest(project: string, image: string, command: string, hostPort: number, marker: string): string {
  return webManifest(project, {
    image,
    command,
    hostPort,
    env: { MARKER: marker },
    volume: { name: 'data', path: '/data' },
    health: { ...HEALTHZ, path: '/x' },
    deploy: { strategy: 'blue-green', minHealthyTime: '1s', healthyDeadline: '90s', drainTimeout: '2s' },
  });
}

describe('a named volume across deploy and rollback (real engine)', () => {
  const suite = watchSuite('volume');
  const { project, cli } = suite;
  const marker = randomUUID();
  const running = async () => (await projectContainers(project)).map((c) => `${c.Labels[LABEL.revision]} ${c.Image} ${c.State}`).sort();
  /** Asks the service port several times (each a new connection, so both pods answer). */
  const readAll = async (port: number) => {
    const bodies = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const response = await getOnce(port, '/x');
      assert.equal(response.status, 200, response.body);
      bodies.add(response.body);
    }
    return [...bodies];
  };

  it("v2 serves the file v1 wrote, and so do v1's pods again after a rollback", async () => {
    const hostPort = await freePort();
    suite.open(manifest(project, TEST_IMAGE, WRITE_ONCE_AND_SERVE, hostPort, marker));
    const watch = suite.watch();
    await watch.waitOutput('v1 served by both pods', /-> 2 pods \(web-1, web-2\)/);
    const written = await readAll(hostPort);
    assert.equal(written.length, 1, `one file, whichever pod answers: ${written.join(' | ')}`);
    const content = written[0] as string;
    assert.match(content, new RegExp(`^${marker} [0-9a-f]{12} \\d+$`), `v1 wrote the marker, its hostname and the time: ${content}`);

    suite.writeManifest(manifest(project, TEST_IMAGE_V2, SERVE_ONLY, hostPort, marker));
    const deploy = cli('deploy');
    assert.equal(deploy.code, 0, deploy.stderr);
    assert.match(deploy.stdout, /handed this manifest to it/);
    await watch.waitOutput('v2 deployed', /web: deployed \(revision 2\)\./);
    await waitFor('only v2 pods left', async () => ((await running()).join() === [`2 ${TEST_IMAGE_V2} running`, `2 ${TEST_IMAGE_V2} running`].join() ? true : undefined), 30_000);
    assert.deepEqual(await readAll(hostPort), [content], 'v2 answers with the file v1 wrote');

    const rollback = cli('rollback', 'web', '--to', '1');
    assert.equal(rollback.code, 0, rollback.stderr);
    assert.match(rollback.stdout, /the supervisor rolls it back to revision 1/);
    await watch.waitOutput('the rollback deployed', /web: deployed \(revision 3\)\./);
    await waitFor('only v1 pods left', async () => ((await running()).join() === [`3 ${TEST_IMAGE} running`, `3 ${TEST_IMAGE} running`].join() ? true : undefined), 30_000);
    assert.deepEqual(await readAll(hostPort), [content], 'the new v1 pods read the same file, not a rewritten one');

    const history = JSON.parse(cli('history', 'web', '--json').stdout) as { number: number; result: string; images: string[] }[];
    assert.deepEqual(
      history.map((r) => [r.number, r.result, r.images.join()]),
      [
        [1, 'deployed', TEST_IMAGE],
        [2, 'deployed', TEST_IMAGE_V2],
        [3, 'deployed', TEST_IMAGE],
      ],
    );
    const { volumes } = await projectObjects(project);
    assert.deepEqual(
      volumes.map((v) => v.Name),
      [volumeEngineName(project, 'data')],
      'one volume, kept throughout',
    );
    await watch.stop('SIGINT');
  });
});
