// Starts load-worker.ts in its own process and collects its report.
import { spawn } from 'node:child_process';
import * as path from 'node:path';

export interface LoadReport {
  /** Every answer: when it ended, its status and body, and when its request was sent. */
  responses: [time: number, status: number, body: string, sentAt: number][];
  errors: number;
  timeouts: number;
  non2xx: number;
  total: number;
  /** The first few failures' messages, for an assertion's message. */
  firstErrors: string[];
}

export function startLoad(url: string, connections = 4): { stop: () => Promise<LoadReport> } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'load-worker.ts'), url, String(connections)], { stdio: ['pipe', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return {
    stop: async () => {
      child.stdin.end();
      const code = await Promise.race([exited, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 15_000))]);
      if (code === 'hung') child.kill('SIGKILL');
      if (code !== 0) throw new Error(`the load process ended with ${String(code)}: ${stdout.slice(0, 500)}`);
      return JSON.parse(stdout) as LoadReport;
    },
  };
}

export { freePort } from '../net';
