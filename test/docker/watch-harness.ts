// `flotilla up --watch` as a child process, as a user runs it: its output kept, waited on with
// bounded waits, and stopped with Ctrl-C or killed (SIGKILL, as a crash would).
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { CLI, waitFor } from './cli-harness';

export interface WatchProcess {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  /** Waits until the output (from `from` on) matches; the error shows the output. */
  waitOutput: (what: string, pattern: RegExp, timeoutMs?: number, from?: number) => Promise<RegExpMatchArray>;
  /** Sends the signal and waits for the process to exit. */
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

export function startWatch(dir: string, stateHome: string, env: NodeJS.ProcessEnv = {}): WatchProcess {
  const child = spawn(process.execPath, [CLI, 'up', '--watch'], { cwd: dir, env: { ...process.env, NO_COLOR: '1', XDG_STATE_HOME: stateHome, FLOTILLA_RESYNC_MS: '1000', ...env } });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    child,
    output: () => output,
    waitOutput: (what, pattern, timeoutMs = 90_000, from = 0) =>
      waitFor(what, async () => output.slice(from).match(pattern) ?? undefined, timeoutMs).catch((error: Error) => Promise.reject(new Error(`${error.message}; output of up --watch:\n${output}`))),
    stop: async (signal = 'SIGINT') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
