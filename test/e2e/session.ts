// One editor session per test: code-server on a free port, Debian's Chromium driven by
// playwright-core, the workbench opened on a folder. stop() ends both, whatever happened.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { E2E_OUTPUT, startCodeServer, type CodeServer } from './code-server';
import { Workbench } from './workbench';

export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface SessionOptions {
  extensionsDir: string;
  folder: string;
  /** Answer the Workspace Trust dialog with yes (trusted) or no (restricted mode). */
  trust: boolean;
}

export class EditorSession {
  private constructor(
    readonly server: CodeServer,
    private readonly browser: Browser,
    readonly page: Page,
    readonly workbench: Workbench,
  ) {}

  static async start(options: SessionOptions): Promise<EditorSession> {
    const server = await startCodeServer({ extensionsDir: options.extensionsDir, settings: { workspaceTrust: true } });
    let browser: Browser | undefined;
    try {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
      const session = new EditorSession(server, browser, page, new Workbench(page));
      await page.goto(`${server.url}/?folder=${encodeURIComponent(options.folder)}`);
      await session.workbench.waitForWorkbench();
      if (!(await session.workbench.answerTrustDialog(options.trust))) {
        throw new Error('the Workspace Trust dialog did not appear; the test cannot know whether the folder is trusted');
      }
      return session;
    } catch (error) {
      await browser?.close().catch(() => undefined);
      await server.stop();
      throw error;
    }
  }

  /** Saves a screenshot as test-output/e2e/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(E2E_OUTPUT, { recursive: true });
    const file = path.join(E2E_OUTPUT, `${name.replace(/[^a-zA-Z0-9_.-]+/g, '-')}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Keeps code-server's log beside the screenshots (for failed tests). */
  saveServerLog(name: string): void {
    mkdirSync(E2E_OUTPUT, { recursive: true });
    writeFileSync(path.join(E2E_OUTPUT, `${name.replace(/[^a-zA-Z0-9_.-]+/g, '-')}.code-server.log`), this.server.log());
  }

  async stop(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.server.stop();
  }
}
