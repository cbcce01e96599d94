// Root hooks for the e2e suite: fail at once, saying what to run, when code-server, Chromium,
// Docker or the example's images are missing; package the extension as users get it (.vsix) and
// install it once into this run's extensions dir; check afterwards that nothing leaked.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { assertNothingLeaked, docker } from '../docker/helpers';
import { CODE_SERVER_VERSION, codeServerCli, codeServerInstalled, E2E_OUTPUT, REPO } from './code-server';
import { e2eRun } from './run-state';
import { CHROMIUM } from './session';

const PROVISION = 'Run `bash scripts/provision.sh` (or scripts/provision-editor.sh for the editor alone).';

before(async function () {
  this.timeout(120_000);
  if (!codeServerInstalled()) {
    throw new Error(`The e2e tests need code-server ${CODE_SERVER_VERSION} in .tools/ and it is not installed. ${PROVISION}`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`The e2e tests need Chromium at ${CHROMIUM} (Debian's chromium package). ${PROVISION}`);
  try {
    await docker.ping();
  } catch (error) {
    throw new Error(`The e2e tests need a running Docker engine and none answered: ${(error as Error).message}. ${PROVISION}`, { cause: error });
  }
  for (const image of ['shop/web:1', 'shop/logdrain:1', 'shop/api:1', 'shop/worker:1']) {
    await docker
      .getImage(image)
      .inspect()
      .catch(() => {
        throw new Error(`The e2e tests need the example's image ${image}. Run bash examples/shop/build-images.sh.`);
      });
  }

  rmSync(E2E_OUTPUT, { recursive: true, force: true }); // this run's screenshots only

  // The extension is tested as users install it: the packaged .vsix of the current sources.
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  const { version } = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
  const vsix = path.join(REPO, `flotilla-${version}.vsix`);
  e2eRun.root = mkdtempSync(path.join(tmpdir(), 'flotilla-e2e-run-'));
  e2eRun.extensionsDir = path.join(e2eRun.root, 'extensions');
  await codeServerCli(['--extensions-dir', e2eRun.extensionsDir, '--user-data-dir', path.join(e2eRun.root, 'install-user-data'), '--install-extension', vsix], e2eRun.root);
});

after(async function () {
  this.timeout(60_000);
  if (e2eRun.root) rmSync(e2eRun.root, { recursive: true, force: true });
  await assertNothingLeaked();
});
