// Starts and stops a real code-server (VS Code 1.100.3 served to a browser) for one test: a free
// 127.0.0.1 port, a fresh user-data-dir with the test's settings, and the extensions dir the
// suite installed the packaged .vsix into.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { freePort } from '../net';

export const REPO = path.resolve(__dirname, '..', '..');
export const CODE_SERVER_VERSION = '4.100.3';
/** Where scripts/provision-editor.sh installs code-server (the checkout's ignored .tools/). */
export const CODE_SERVER_DIR = path.join(REPO, '.tools', `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CODE_SERVER_MARKER = path.join(CODE_SERVER_DIR, '.flotilla-installed');
export const E2E_OUTPUT = path.join(REPO, 'test-output', 'e2e');

/** Runs code-server's CLI to completion (e.g. --install-extension) and returns its output. */
export async function codeServerCli(args: string[], configHome: string): Promise<string> {
  const child = spawn(process.execPath, [CODE_SERVER_ENTRY, ...args], {
    env: { ...process.env, XDG_CONFIG_HOME: configHome },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`code-server ${args.join(' ')} exited with ${code}:\n${output}`);
  return output;
}

export interface EditorSettingsOptions {
  /** Whether Workspace Trust is on; on, the folder opens untrusted until the trust dialog is answered. */
  workspaceTrust: boolean;
}

/** User settings for a quiet, deterministic workbench. */
export function userSettings({ workspaceTrust }: EditorSettingsOptions): Record<string, unknown> {
  return {
    'security.workspace.trust.enabled': workspaceTrust,
    // The dialog is asked on every start, so a test decides each time (trust it or not).
    'security.workspace.trust.startupPrompt': 'always',
    'telemetry.telemetryLevel': 'off',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'editor.minimap.enabled': false,
    // Suggestions only when the test asks (Ctrl+Space), so the widget shows what it asked for.
    'editor.quickSuggestions': { other: false, comments: false, strings: false },
    'editor.suggestOnTriggerCharacters': false,
    // Only the language's own items: words from the file would bury the schema keys.
    'editor.wordBasedSuggestions': 'off',
    'files.autoSave': 'off',
    'git.openRepositoryInParentFolders': 'never',
  };
}

export interface CodeServer {
  url: string;
  port: number;
  userDataDir: string;
  /** Everything code-server printed, for failure reports. */
  log(): string;
  stop(): Promise<void>;
}

export async function startCodeServer(options: { extensionsDir: string; settings: EditorSettingsOptions }): Promise<CodeServer> {
  const home = mkdtempSync(path.join(tmpdir(), 'flotilla-e2e-editor-'));
  const userDataDir = path.join(home, 'user-data');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(userSettings(options.settings), null, 2));
  const port = await freePort();
  const args = [
    CODE_SERVER_ENTRY,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    options.extensionsDir,
  ];
  const child = spawn(process.execPath, args, {
    // code-server writes a default config file under XDG_CONFIG_HOME: keep it in the test's folder.
    env: { ...process.env, XDG_CONFIG_HOME: path.join(home, 'config') },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stop() ends the extension host with it
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await waitForListening(child, () => output, 30_000);
  } catch (error) {
    await stopProcessGroup(child);
    rmSync(home, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    userDataDir,
    log: () => output,
    stop: async () => {
      await stopProcessGroup(child);
      rmSync(home, { recursive: true, force: true }); // the session's profile, settings and logs
    },
  };
}

async function waitForListening(child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!/HTTP server listening on/.test(output())) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode} before listening:\n${output()}`);
    if (Date.now() > deadline) throw new Error(`code-server did not listen within ${timeoutMs} ms:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** SIGTERM to the whole group (code-server and its extension host), SIGKILL after 5 s. */
export async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  signalGroup('SIGTERM');
  const timer = setTimeout(() => signalGroup('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
  signalGroup('SIGKILL'); // leftovers of the group (the extension host) if any outlived the server
}

export function codeServerInstalled(): boolean {
  return existsSync(CODE_SERVER_MARKER) && existsSync(CODE_SERVER_ENTRY);
}
