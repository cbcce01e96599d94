// Service ports follow the manifest handed to a running supervisor (`flotilla up --watch`, then
// `flotilla up`): a service removed from the manifest stops being served (its port refuses) and
// its pods go; a changed hostPort is served on the new port and the old one closes.
import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LABEL } from '../../src/core/labels';
import { getOnce } from '../net';
import { buildCli, CLI, flotilla, projectContainers, waitFor, workspace } from './cli-harness';
import { cleanupProject, TEST_IMAGE, uniqueProject } from './helpers';
import { freePort } from './load';

function service(name: string, hostPort: number): string {
  return `  ${name}:
    stopGracePeriod: 1s
    containers:
      app: { image: ${TEST_IMAGE}, command: [httpd, -f, -p, "8080", -h, /www] }
    expose: { port: 8080, hostPort: ${hostPort} }
    health:
      http: { path: /healthz, port: 8080 }
      interval: 300ms
`;
}

function manifest(project: string, services: string[]): string {
  return `version: 1\nproject: ${project}\nservices:\n${services.join('')}`;
}

/** Whether the port answers a GET with 200 (false when it refuses or fails). */
async function serves(port: number): Promise<boolean> {
  return getOnce(port).then(
    (response) => response.status === 200,
    () => false,
  );
}

/** True once a connection to the port is refused (nothing listens any more). */
async function refuses(port: number): Promise<boolean> {
  return getOnce(port).then(
    () => false,
    (error: NodeJS.ErrnoException) => error.code === 'ECONNREFUSED',
  );
}

describe('service ports follow a handed-over manifest (real engine)', () => {
  const project = uniqueProject('serve-changes');
  const stateHome = mkdtempSync(path.join(tmpdir(), 'flotilla-state-'));
  let ws: ReturnType<typeof workspace> | undefined;
  let child: ChildProcessWithoutNullStreams | undefined;

  before(() => buildCli());
  after(async () => {
    child?.kill('SIGKILL');
    await cleanupProject(project);
    ws?.dispose();
    rmSync(stateHome, { recursive: true, force: true });
  });

  it('closes a removed service port, and moves a changed hostPort to the new port', async () => {
    const [webPort, adminPort] = [await freePort(), await freePort()];
    ws = workspace(manifest(project, [service('web', webPort), service('admin', adminPort)]));
    const env = { ...process.env, NO_COLOR: '1', XDG_STATE_HOME: stateHome, FLOTILLA_RESYNC_MS: '1000' };
    child = spawn(process.execPath, [CLI, 'up', '--watch'], { cwd: ws.dir, env });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const withOutput = (error: Error) => Promise.reject(new Error(`${error.message}; supervisor output:\n${output}`));
    await waitFor('both services served', async () => ((await serves(webPort)) && (await serves(adminPort)) ? true : undefined), 60_000).catch(withOutput);

    // admin leaves the manifest: its port refuses, its pod goes, web keeps serving.
    writeFileSync(path.join(ws.dir, 'flotilla.yaml'), manifest(project, [service('web', webPort)]));
    const removed = flotilla(ws.dir, ['up'], { XDG_STATE_HOME: stateHome });
    assert.equal(removed.code, 0, removed.stderr);
    assert.match(removed.stdout, /handed this manifest to it/);
    const handedAt = Date.now();
    await waitFor('the admin port to refuse connections', async () => ((await refuses(adminPort)) ? true : undefined), 20_000).catch(withOutput);
    // Measured, not asserted: from `flotilla up` returning to the port refusing.
    console.log(`      (the removed service's port refused ${Date.now() - handedAt} ms after the handover)`);
    assert.match(output, new RegExp(`admin: stopped serving http://127\\.0\\.0\\.1:${adminPort} \\(removed from the manifest\\)`));
    await waitFor('the admin pod removed', async () => ((await projectContainers(project)).some((c) => c.Labels[LABEL.service] === 'admin') ? undefined : true), 30_000).catch(withOutput);
    assert.equal(await serves(webPort), true, 'web is still served');

    // web moves to another host port: the new one serves, the old one refuses.
    const movedPort = await freePort();
    writeFileSync(path.join(ws.dir, 'flotilla.yaml'), manifest(project, [service('web', movedPort)]));
    const moved = flotilla(ws.dir, ['up'], { XDG_STATE_HOME: stateHome });
    assert.equal(moved.code, 0, moved.stderr);
    await waitFor('web served on its new port', async () => ((await serves(movedPort)) ? true : undefined), 20_000).catch(withOutput);
    assert.equal(await refuses(webPort), true, 'the old web port is closed');
    assert.match(output, new RegExp(`web: stopped serving http://127\\.0\\.0\\.1:${webPort} \\(its host address changed\\)`));
    // Moving the port replaced no pod: the address is the proxy's, not the container's.
    assert.equal((await projectContainers(project)).filter((c) => c.Labels[LABEL.service] === 'web' && c.State === 'running').length, 1);

    child.kill('SIGINT');
    await new Promise((resolve) => child?.on('exit', resolve));
    assert.equal(await refuses(movedPort), true, 'the port closes with its supervisor');
  });
});
