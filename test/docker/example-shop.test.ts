// The example workspace, brought up by the CLI exactly as the README's demo does (under a
// unique project name, so a running demo is not touched).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { LABEL } from '../../src/core/model/labels';
import { buildCli, containerId, execIn, flotilla, projectContainers, REPO, waitFor, workspace } from './cli-harness';
import { cleanupProject, uniqueProject } from './helpers';

describe('examples/shop (real engine)', () => {
  const project = uniqueProject('shop');
  let ws: ReturnType<typeof workspace>;

  before(() => {
    buildCli();
    const text = readFileSync(path.join(REPO, 'examples', 'shop', 'flotilla.yaml'), 'utf8');
    assert.match(text, /^project: shop$/m);
    ws = workspace(text.replace(/^project: shop$/m, `project: ${project}`));
  });
  after(async () => {
    await cleanupProject(project);
    ws.dispose();
  });

  it('comes up with every replica running', async () => {
    const result = flotilla(ws.dir, ['up']);
    assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
    const containers = await projectContainers(project);
    const pods = (service: string) => new Set(containers.filter((c) => c.Labels[LABEL.service] === service).map((c) => c.Labels[LABEL.pod]));
    assert.deepEqual([...pods('web')].sort(), ['web-1', 'web-2']);
    assert.deepEqual([...pods('api')], ['api-1']);
    assert.deepEqual([...pods('worker')], ['worker-1']);
    assert.ok(containers.every((c) => c.State === 'running'));
  });

  it('containers of one pod share localhost', async () => {
    const drain = containerId(await projectContainers(project), 'web-1', 'log-drain');
    const { code, output } = execIn(drain, ['wget', '-qO-', 'http://localhost:8080/healthz']);
    assert.equal(code, 0, output);
    assert.match(output, /ok/);
  });

  it('services reach each other by name, across replicas', async () => {
    const containers = await projectContainers(project);
    const worker = containerId(containers, 'worker-1', 'worker');
    const api = execIn(worker, ['wget', '-qO-', 'http://api:9000/']);
    assert.equal(api.code, 0, api.output);
    const web = execIn(worker, ['wget', '-qO-', 'http://web:8080/healthz']);
    assert.equal(web.code, 0, web.output);
    const resolved = execIn(worker, ['nslookup', 'web']);
    assert.equal((resolved.output.match(/Address: \d+\.\d+\.\d+\.\d+/g) ?? []).length >= 2, true, resolved.output);
  });

  it('the log drain shows what the web server writes to the shared volume', async () => {
    const app = containerId(await projectContainers(project), 'web-2', 'app');
    assert.equal(execIn(app, ['wget', '-qO-', 'http://localhost:8080/']).code, 0);
    await waitFor('the web-2 log drain to print a line', async () => {
      const logs = flotilla(ws.dir, ['logs', 'web-2/log-drain']);
      return /^web-2\/log-drain \| drain: \d\d:\d\d:\d\d web \S+ (alive|order)$/m.test(logs.stdout) ? true : undefined;
    });
  });

  it('goes down leaving only the named volume', async () => {
    const result = flotilla(ws.dir, ['down']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal((await projectContainers(project)).length, 0);
  });
});
