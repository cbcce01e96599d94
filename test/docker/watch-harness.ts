// `flotilla up --watch` as a child process, as a user runs it: its output kept, waited on with
// bounded waits, and stopped with Ctrl-C or killed (SIGKILL, as a crash would). watchSuite() is
// the shared preamble of the suites that run it: project, state home, workspace and clean-up.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildCli, CLI, type CliResult, flotilla, waitFor, workspace } from './cli-harness';
import { cleanupProject, uniqueProject } from './helpers';

export interface WatchProcess {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  /** Waits until the output (from `from` on) matches (a string: contains it); the error shows the output. */
  waitOutput: (what: string, pattern: RegExp | string, timeoutMs?: number, from?: number) => Promise<RegExpMatchArray>;
  /** Sends the signal and waits for the process to exit. */
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function startWatch(dir: string, stateHome: string, env: NodeJS.ProcessEnv = {}): WatchProcess {
  const child = spawn(process.execPath, [CLI, 'up', '--watch'], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', XDG_STATE_HOME: stateHome, FLOTILLA_RESYNC_MS: '1000', ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    child,
    output: () => output,
    waitOutput: (what, pattern, timeoutMs = 90_000, from = 0) => {
      const regex = typeof pattern === 'string' ? new RegExp(escapeRegExp(pattern)) : pattern;
      return waitFor(what, async () => output.slice(from).match(regex) ?? undefined, timeoutMs).catch((error: Error) =>
        Promise.reject(new Error(`${error.message}; output of up --watch:\n${output}`)),
      );
    },
    stop: async (signal = 'SIGINT') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

export interface WatchSuite {
  readonly project: string;
  readonly stateHome: string;
  /** The workspace's directory (open() must have run). */
  dir: () => string;
  /** Makes the workspace with this manifest. */
  open: (manifest: string) => string;
  /** Replaces the workspace's flotilla.yaml, as a user's save does. */
  writeManifest: (manifest: string) => void;
  /** Starts `up --watch` in the workspace; the suite kills it in after() if it still runs. */
  watch: (env?: NodeJS.ProcessEnv) => WatchProcess;
  /** Runs the CLI in the workspace with the suite's state home. */
  cli: (...args: string[]) => CliResult;
}

/**
 * Call inside describe(): builds the CLI before the suite, and after it kills what it started,
 * removes the project's objects by label, the workspace and the state home.
 */
export function watchSuite(name: string): WatchSuite {
  const project = uniqueProject(name);
  const stateHome = mkdtempSync(path.join(tmpdir(), 'flotilla-state-'));
  let ws: ReturnType<typeof workspace> | undefined;
  const watches: WatchProcess[] = [];
  const dir = () => {
    if (!ws) throw new Error('the suite has no workspace yet: call open(manifest) first');
    return ws.dir;
  };

  before(() => buildCli());
  after(async () => {
    await Promise.all(watches.map((watch) => watch.stop('SIGKILL')));
    await cleanupProject(project);
    ws?.dispose();
    rmSync(stateHome, { recursive: true, force: true });
  });

  return {
    project,
    stateHome,
    dir,
    open: (manifest) => {
      ws = workspace(manifest);
      return ws.dir;
    },
    writeManifest: (manifest) => writeFileSync(path.join(dir(), 'flotilla.yaml'), manifest),
    watch: (env) => {
      const watch = startWatch(dir(), stateHome, env);
      watches.push(watch);
      return watch;
    },
    cli: (...args) => flotilla(dir(), args, { XDG_STATE_HOME: stateHome }),
  };
}
