// Runs the built CLI (dist/cli.js) as a user would, in a temporary workspace.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { docker, eventually } from './helpers';
import { LABEL } from '../../src/core/model/labels';

export const REPO = path.resolve(__dirname, '..', '..');
export const CLI = path.join(REPO, 'dist', 'cli.js');

export function buildCli(): void {
  execFileSync(process.execPath, [path.join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, stdio: 'inherit' });
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function flotilla(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, encoding: 'utf8', timeout: 170_000 });
  if (result.error) throw result.error;
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function workspace(manifest: string, files: Record<string, string> = {}): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'flotilla-test-'));
  writeFileSync(path.join(dir, 'flotilla.yaml'), manifest);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function projectContainers(project: string) {
  return docker.listContainers({ all: true, filters: JSON.stringify({ label: [`${LABEL.project}=${project}`] }) });
}

export async function projectObjects(project: string) {
  const filters = JSON.stringify({ label: [`${LABEL.project}=${project}`] });
  const [containers, networks, volumes] = await Promise.all([docker.listContainers({ all: true, filters }), docker.listNetworks({ filters }), docker.listVolumes({ filters })]);
  return { containers, networks, volumes: volumes.Volumes ?? [] };
}

/** Runs a command inside a container (docker exec), returning its output and exit code. */
export function execIn(container: string, command: string[]): { code: number; output: string } {
  const result = spawnSync('docker', ['exec', container, ...command], { encoding: 'utf8', timeout: 30_000 });
  return { code: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}

export function containerId(containers: { Id: string; Labels: Record<string, string> }[], pod: string, container: string): string {
  const found = containers.find((c) => c.Labels[LABEL.pod] === pod && c.Labels[LABEL.container] === container);
  if (!found) throw new Error(`no container ${pod}/${container}`);
  return found.Id;
}

/** A bounded wait (default 20 s: CLI runs spawn processes), not a speed test. */
export function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  return eventually(what, check, timeoutMs);
}

/**
 * Runs `flotilla deploy <service>` and SIGKILLs it (as a crash or an editor reload would) once it
 * waits for the new set to be healthy, so both sets are left on the engine mid-rollout.
 */
export async function killDeployWhileWaiting(cwd: string, stateHome: string, service: string, timeoutMs: number): Promise<void> {
  const deploy = spawn(process.execPath, [CLI, 'deploy', service], { cwd, env: { ...process.env, NO_COLOR: '1', XDG_STATE_HOME: stateHome } });
  let output = '';
  deploy.stdout.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => deploy.on('exit', resolve));
  try {
    await waitFor('the deploy to wait for the new set', async () => (output.includes('waiting for') ? true : undefined), timeoutMs);
  } finally {
    deploy.kill('SIGKILL');
    await exited;
  }
}
