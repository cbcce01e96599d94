// npm run demo as a user runs it (on a copy of the example with a unique project): the editor
// answers on the printed URL with the example folder and its flotilla.yaml open, the example runs
// on the engine supervised (the service port answers, health is probed, a killed pod comes back
// in the Services tree), and Ctrl-C stops the editor and the supervisor and takes the example down.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { cleanupProject, docker } from '../docker/helpers';
import { LABEL } from '../../src/core/model/labels';
import { E2E_OUTPUT, REPO } from './code-server';
import { labelledObjects } from './fixture';
import { CHROMIUM } from './session';
import { RUNNING, waitUntil, Workbench } from './workbench';
import { shopWorkspace, type ShopWorkspace } from './workspace';

/** The example's service port (expose.hostPort of web in examples/shop/flotilla.yaml). */
const SHOP_SERVICE_PORT = 18080;

/** Ends the wait at once: the demo has exited and will print nothing more. */
class DemoExited extends Error {
  override name = 'StopWaiting';
}

describe('e2e: npm run demo', function () {
  let workspace: ShopWorkspace;
  let demoHome: string;
  let demo: ChildProcess | undefined;
  let output = '';

  beforeEach(function () {
    workspace = shopWorkspace('demo');
    demoHome = mkdtempSync(path.join(tmpdir(), 'flotilla-e2e-demo-'));
    output = '';
  });

  afterEach(async function () {
    this.timeout(60_000);
    if (demo && demo.exitCode === null) {
      demo.kill('SIGINT');
      await new Promise((resolve) => demo?.once('exit', resolve));
    }
    if (this.currentTest?.state === 'failed') console.log(`demo output:\n${output}`);
    await cleanupProject(workspace.project);
    workspace.dispose();
    rmSync(demoHome, { recursive: true, force: true });
  });

  it('serves the editor with the example up, and Ctrl-C stops the editor and takes the example down', async function () {
    // --skip-package: the suite's setup packaged the current sources already.
    demo = spawn(process.execPath, [path.join(REPO, 'scripts', 'demo.mjs'), '--manifest', workspace.manifestPath, '--skip-package'], {
      cwd: REPO,
      env: { ...process.env, FLOTILLA_DEMO_PORT: '0', FLOTILLA_DEMO_HOME: demoHome },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    demo.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    demo.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const url = await waitUntil(
      () => `the demo to print the URL to open (output so far:\n${output})`,
      async () => {
        const printed = /demo: open (http:\/\/\S+)/.exec(output)?.[1];
        if (!printed && demo?.exitCode !== null) throw new DemoExited(`the demo exited with ${demo?.exitCode} before printing a URL:\n${output}`);
        return printed;
      },
      150_000,
    );
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/\?folder=/, 'the editor listens on 127.0.0.1 with the example folder');
    assert.equal(new URL(url).searchParams.get('folder'), workspace.dir);
    assert.match(new URL(url).searchParams.get('payload') ?? '', /"openFile","vscode-remote:\/\/127\.0\.0\.1:\d+\/.*\/flotilla\.yaml"/);

    const containers = await docker.listContainers({ filters: JSON.stringify({ label: [`${LABEL.project}=${workspace.project}`] }) });
    assert.equal(containers.length, workspace.expectedContainers.length, 'every container of the example runs');

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
      await page.goto(url);
      const workbench = new Workbench(page);
      await workbench.waitForWorkbench();
      await workbench.openViewContainer('Flotilla');
      mkdirSync(E2E_OUTPUT, { recursive: true });
      try {
        await page.locator('.part.editor .tab[aria-label^="flotilla.yaml"]').first().waitFor({ state: 'visible', timeout: 30_000 });
        for (const container of workspace.expectedContainers) await workbench.waitForTreeItem('Services', container, RUNNING, 60_000);
        // Supervised: web's probes run (the tree says healthy) and its service port answers.
        await workbench.waitForTreeItem('Services', 'web/web-1/app', /^healthy\b/, 60_000);
        const answer = await fetch(`http://127.0.0.1:${SHOP_SERVICE_PORT}/healthz`);
        assert.equal(answer.status, 200, `the service port ${SHOP_SERVICE_PORT} answers through the supervisor's proxy`);
        await page.screenshot({ path: path.join(E2E_OUTPUT, '08-demo.png') });
        // A pod killed from another terminal is replaced, and the tree shows it back with its restart.
        const [killed] = await docker.listContainers({
          filters: JSON.stringify({ label: [`${LABEL.project}=${workspace.project}`, `${LABEL.pod}=web-1`, `${LABEL.container}=app`] }),
        });
        assert.ok(killed, 'web-1/app runs before the kill');
        await docker.getContainer(killed.Id).kill();
        await workbench.waitForTreeItem('Services', 'web/web-1', /^(running|healthy)\b.*1 restart\b/, 60_000);
        const [replacement] = await docker.listContainers({
          filters: JSON.stringify({ label: [`${LABEL.project}=${workspace.project}`, `${LABEL.pod}=web-1`, `${LABEL.container}=app`] }),
        });
        assert.ok(replacement && replacement.Id !== killed.Id, 'web-1/app was replaced by a new container');
        await page.screenshot({ path: path.join(E2E_OUTPUT, '08b-demo-healed.png') });
      } catch (error) {
        await page.screenshot({ path: path.join(E2E_OUTPUT, 'failed-demo.png') });
        throw error;
      }
    } finally {
      await browser.close();
    }

    const port = Number(new URL(url).port);
    demo.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => demo?.once('exit', resolve));
    assert.equal(code, 0, `the demo ends cleanly on Ctrl-C:\n${output}`);
    assert.match(output, /the editor is stopped and the example is down/);
    assert.match(output, /Stopped supervising /, 'the supervisor stopped on Ctrl-C');
    await assert.rejects(fetch(`http://127.0.0.1:${SHOP_SERVICE_PORT}/healthz`), 'the service port is closed once the demo ends');
    const left = await labelledObjects(workspace.project);
    assert.ok(
      left.every((name) => name.startsWith('volume ')),
      `only named volumes are kept after the demo: ${left.join(', ')}`,
    );
    await waitUntil(
      `the editor on port ${port} to stop`,
      async () =>
        await fetch(url).then(
          () => undefined,
          () => true,
        ),
      15_000,
    );
  });
});
