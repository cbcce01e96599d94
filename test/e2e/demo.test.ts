// npm run demo as a user runs it (on a copy of the example with a unique project): the editor
// answers on the printed URL with the example open, the example runs on the engine and shows in
// the Services tree, and Ctrl-C stops the editor and takes the example down.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { cleanupProject, docker } from '../docker/helpers';
import { LABEL } from '../../src/core/labels';
import { E2E_OUTPUT, REPO } from './code-server';
import { ADDRESS_POOL_ATTEMPTS, ENGINE_OUT_OF_ADDRESS_POOLS, labelledObjects } from './fixture';
import { CHROMIUM } from './session';
import { RUNNING, waitUntil, Workbench } from './workbench';
import { shopWorkspace, type ShopWorkspace } from './workspace';

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

  /** Runs the demo; its URL once printed, or undefined if it exited first (its output says why). */
  async function startDemo(): Promise<string | undefined> {
    output = '';
    // --skip-package: the suite's setup packaged the current sources already.
    const child = spawn(process.execPath, [path.join(REPO, 'scripts', 'demo.mjs'), '--manifest', workspace.manifestPath, '--skip-package'], {
      cwd: REPO,
      env: { ...process.env, FLOTILLA_DEMO_PORT: '0', FLOTILLA_DEMO_HOME: demoHome },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    demo = child;
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const printed = await waitUntil(
      () => `the demo to print the URL to open (output so far:\n${output})`,
      async () => {
        const found = /demo: open (http:\/\/\S+)/.exec(output)?.[1];
        if (found) return found;
        return child.exitCode !== null ? null : undefined;
      },
      150_000,
    );
    return printed ?? undefined;
  }

  it('serves the editor with the example up, and Ctrl-C stops the editor and takes the example down', async function () {
    let url: string | undefined;
    for (let attempt = 1; url === undefined; attempt += 1) {
      url = await startDemo();
      if (url === undefined) {
        if (!ENGINE_OUT_OF_ADDRESS_POOLS.test(output) || attempt === ADDRESS_POOL_ATTEMPTS) assert.fail(`the demo exited with ${demo?.exitCode} before printing a URL:\n${output}`);
        console.log(`      the shared engine has no address pool left for another network (attempt ${attempt}); demo again in 10 s`);
        await new Promise((resolve) => setTimeout(resolve, 10_000));
      }
    }
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/\?folder=/, 'the editor listens on 127.0.0.1 with the example folder');
    assert.equal(decodeURIComponent(new URL(url).searchParams.get('folder') ?? ''), workspace.dir);

    const containers = await docker.listContainers({ filters: JSON.stringify({ label: [`${LABEL.project}=${workspace.project}`] }) });
    assert.equal(containers.length, workspace.expectedContainers.length, 'every container of the example runs');

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
      await page.goto(url);
      const workbench = new Workbench(page);
      await workbench.waitForWorkbench();
      await workbench.openViewContainer('Flotilla');
      mkdirSync(E2E_OUTPUT, { recursive: true });
      try {
        for (const container of workspace.expectedContainers) await workbench.waitForTreeItem('Services', container, RUNNING, 60_000);
      } catch (error) {
        await page.screenshot({ path: path.join(E2E_OUTPUT, 'failed-demo.png') });
        throw error;
      }
      await page.screenshot({ path: path.join(E2E_OUTPUT, '08-demo.png') });
    } finally {
      await browser.close();
    }

    const port = Number(new URL(url).port);
    demo?.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => demo?.once('exit', resolve));
    assert.equal(code, 0, `the demo ends cleanly on Ctrl-C:\n${output}`);
    assert.match(output, /the editor is stopped and the example is down/);
    const left = await labelledObjects(workspace.project);
    assert.ok(left.every((name) => name.startsWith('volume ')), `only named volumes are kept after the demo: ${left.join(', ')}`);
    await waitUntil(`the editor on port ${port} to stop`, async () => (await fetch(url).then(() => undefined, () => true)), 15_000);
  });
});
