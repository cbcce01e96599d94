// npm run test:vscode: runs the extension-host suite (test/vscode/*.test.ts, bundled into
// out/vscode-tests/ by scripts/build-vscode-tests.mjs) in code-server's extension host.
// code-server's workbench takes VS Code's extension-development options from its URL's `payload`
// query (extensionDevelopmentPath: this checkout, extensionTestsPath: the bundle) and its remote
// extension host loads the bundle and awaits its run() once the window is up, as desktop VS Code
// does for @vscode/test-electron. Chromium (playwright-core) only opens that URL. The suite writes
// one JSON line per test to a results file this runner prints; the closing line is
// "vscode: N passed, N failed"; the exit code is non-zero on a failure or when no test ran.
import { chromium, type Browser } from 'playwright-core';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { assertNothingLeaked, cleanupProject, docker } from '../docker/helpers';
import { CODE_SERVER_VERSION, codeServerInstalled, REPO, startCodeServer, type CodeServer } from '../e2e/code-server';
import { CHROMIUM } from '../e2e/session';
import { shopWorkspace } from '../e2e/workspace';
import type { EndLine, TestLine } from './index';

const BUNDLE = path.join(REPO, 'out', 'vscode-tests', 'index.js');
const OUTPUT = path.join(REPO, 'test-output', 'vscode');
const RUN_TIMEOUT_MS = 10 * 60_000;
const PROVISION = 'Run `bash scripts/provision.sh` (or scripts/provision-editor.sh for the editor alone).';

async function checkPrerequisites(): Promise<void> {
  if (!codeServerInstalled()) throw new Error(`The vscode suite needs code-server ${CODE_SERVER_VERSION} in .tools/. ${PROVISION}`);
  if (!existsSync(CHROMIUM)) throw new Error(`The vscode suite needs Chromium at ${CHROMIUM}. ${PROVISION}`);
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: build it with node scripts/build-vscode-tests.mjs (npm run test:vscode does).`);
  if (!existsSync(path.join(REPO, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: npm run build (npm run test:vscode does).');
  await docker.ping().catch((error: Error) => {
    throw new Error(`The vscode suite needs a running Docker engine: ${error.message}. ${PROVISION}`);
  });
  for (const image of ['shop/web:1', 'shop/logdrain:1', 'shop/api:1', 'shop/worker:1', 'flotilla-test/busybox:1']) {
    await docker
      .getImage(image)
      .inspect()
      .catch(() => {
        throw new Error(`The vscode suite needs the image ${image}: bash examples/shop/build-images.sh and bash scripts/build-test-images.sh.`);
      });
  }
}

function readLines(file: string): (TestLine | EndLine)[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as TestLine | EndLine);
}

/** Prints each result as it arrives; resolves with the closing counts, or undefined if the host exited or timed out without them. */
async function follow(file: string, exited: () => number | undefined): Promise<EndLine | undefined> {
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  let printed = 0;
  for (;;) {
    const lines = readLines(file);
    for (const line of lines.slice(printed)) {
      if (line.kind === 'test') console.log(`  ${line.state === 'passed' ? 'ok  ' : 'FAIL'} ${line.title} (${line.durationMs} ms)`);
    }
    printed = lines.length;
    const end = lines.find((line): line is EndLine => line.kind === 'end');
    if (end) return end;
    if (exited() !== undefined) return undefined;
    if (Date.now() > deadline) {
      console.error(`the suite did not finish within ${RUN_TIMEOUT_MS / 1000} s`);
      return undefined;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  await checkPrerequisites();
  const root = mkdtempSync(path.join(tmpdir(), 'flotilla-vscode-run-'));
  const results = path.join(root, 'results.jsonl');
  const workspace = shopWorkspace('vscode');
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let end: EndLine | undefined;
  let leak: Error | undefined;
  try {
    console.log(`\n=== vscode tests (code-server's extension host, project ${workspace.project}) ===`);
    // The extension host inherits code-server's environment: that is how the suite learns where to write.
    process.env.FLOTILLA_VSCODE_RESULTS = results;
    // A fresh profile: an empty extensions dir (Flotilla is loaded from this checkout as the
    // extension under development) and Workspace Trust off, so the folder is trusted.
    const extensionsDir = path.join(root, 'extensions');
    mkdirSync(extensionsDir);
    server = await startCodeServer({ extensionsDir, settings: { workspaceTrust: false } });
    const authority = `127.0.0.1:${server.port}`;
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${REPO}`],
      ['extensionTestsPath', `vscode-remote://${authority}${BUNDLE}`],
    ];
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const page = await browser.newPage();
    // The workbench calls this when the tests' run() has settled (its exit code: 0 or 1).
    let exitCode: number | undefined;
    await page.exposeFunction('codeAutomationExit', (code: number) => (exitCode = code));
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace.dir)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    end = await follow(results, () => exitCode);
    if (!end) {
      console.error(`the extension host ended the tests (exit code ${exitCode ?? 'none'}) without reporting counts`);
    }
  } finally {
    await browser?.close().catch(() => undefined);
    if (server && (!end || end.failed > 0)) {
      rmSync(OUTPUT, { recursive: true, force: true });
      mkdirSync(OUTPUT, { recursive: true });
      writeFileSync(path.join(OUTPUT, 'code-server.log'), server.log());
      // The window's logs, the Flotilla output channel among them (its errors carry their stacks).
      cpSync(path.join(server.userDataDir, 'logs'), path.join(OUTPUT, 'logs'), { recursive: true });
      console.error(`code-server's log: ${path.relative(REPO, path.join(OUTPUT, 'code-server.log'))}`);
    }
    await server?.stop();
    // Down keeps volumes; a failed test may leave more. The run removes its project either way.
    await cleanupProject(workspace.project);
    workspace.dispose();
    await assertNothingLeaked().catch((error: Error) => (leak = error));
  }
  const lines = readLines(results);
  rmSync(root, { recursive: true, force: true });
  for (const failure of lines.filter((line): line is TestLine => line.kind === 'test' && line.state === 'failed')) {
    console.log(`\n  ${failure.title}\n    ${(failure.error ?? '').split('\n').join('\n    ')}`);
  }
  if (leak) console.error(leak.message);
  const passed = end?.passed ?? 0;
  let failed = (end?.failed ?? 0) + (leak ? 1 : 0);
  if (!end) failed += 1;
  else if (end.passed + end.failed === 0) {
    console.error('the vscode suite ran no test');
    failed += 1;
  }
  console.log(`\nvscode suite took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`vscode: ${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error((error as Error).stack ?? String(error));
    console.log('\nvscode: 0 passed, 1 failed');
    process.exit(1);
  },
);
