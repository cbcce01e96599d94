// What the engine benchmarks share: the Docker client, a bench-only project prefix, clean-up by
// label (also on failure and Ctrl-C), the leak check, per-pod ready times from the engine's
// own event times, and docker-compose (Debian's, installed when missing).

import Docker from 'dockerode';
import { execFileSync, spawn } from 'node:child_process';
import { LABEL } from '../../src/core/model/labels';

export const docker = new Docker();

/** This run's prefix: clean-up and the leak check touch nothing else on the shared engine. */
export const BENCH_PREFIX = `fbench-${process.pid.toString(36)}-`;

let counter = 0;
export function benchProject(kind: string): string {
  return `${BENCH_PREFIX}${kind}-${++counter}`;
}

const labelled = JSON.stringify({ label: [LABEL.project] });
const ours = (labels: Record<string, string> | undefined) => (labels?.[LABEL.project] ?? '').startsWith(BENCH_PREFIX);

/** Every labelled object of this bench run still on the engine. */
export async function benchObjects(): Promise<{ containers: string[]; networks: string[]; volumes: string[] }> {
  const [containers, networks, volumes] = await Promise.all([
    docker.listContainers({ all: true, filters: labelled }),
    docker.listNetworks({ filters: labelled }),
    docker.listVolumes({ filters: labelled }),
  ]);
  return {
    containers: containers.filter((c) => ours(c.Labels)).map((c) => c.Id),
    networks: networks.filter((n) => ours(n.Labels)).map((n) => n.Id),
    volumes: (volumes.Volumes ?? []).filter((v) => ours(v.Labels)).map((v) => v.Name),
  };
}

export async function removeBenchObjects(project?: string): Promise<void> {
  const filters = project ? JSON.stringify({ label: [`${LABEL.project}=${project}`] }) : labelled;
  const containers = (await docker.listContainers({ all: true, filters })).filter((c) => ours(c.Labels));
  // Sidecars share the first container's namespace: remove them first.
  const sidecarsFirst = containers.sort((a, b) => Number(b.HostConfig?.NetworkMode?.startsWith('container:')) - Number(a.HostConfig?.NetworkMode?.startsWith('container:')));
  for (let i = 0; i < sidecarsFirst.length; i += 8) {
    await Promise.all(
      sidecarsFirst.slice(i, i + 8).map((c) =>
        docker
          .getContainer(c.Id)
          .remove({ force: true, v: true })
          .catch(() => undefined),
      ),
    );
  }
  const networks = (await docker.listNetworks({ filters })).filter((n) => ours(n.Labels));
  await Promise.all(
    networks.map((n) =>
      docker
        .getNetwork(n.Id)
        .remove()
        .catch(() => undefined),
    ),
  );
  const volumes = ((await docker.listVolumes({ filters })).Volumes ?? []).filter((v) => ours(v.Labels));
  await Promise.all(
    volumes.map((v) =>
      docker
        .getVolume(v.Name)
        .remove()
        .catch(() => undefined),
    ),
  );
}

export async function assertNothingLeaked(): Promise<void> {
  const left = await benchObjects();
  const count = left.containers.length + left.networks.length + left.volumes.length;
  if (count > 0) throw new Error(`the benchmark leaked ${count} labelled object(s): ${JSON.stringify(left)}`);
}

/** Removes this run's objects when the process is interrupted, then exits. */
export function cleanUpOnInterrupt(): () => void {
  const handler = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: removing the benchmark's objects...`);
    removeBenchObjects().finally(() => process.exit(130));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

interface EngineEventLine {
  timeNano: number;
  Actor: { Attributes: Record<string, string> };
}

/**
 * Records one project's container events of one kind as they happen (the engine replays only
 * its last 256 events: too few on a busy shared engine); stop() ends the stream and returns
 * what `collect` gathered.
 */
export async function recordEvents<T>(project: string, event: string, collect: (line: EngineEventLine) => void, result: () => T): Promise<{ stop: () => T }> {
  const stream = (await docker.getEvents({
    filters: JSON.stringify({ type: ['container'], event: [event], label: [`${LABEL.project}=${project}`] }),
  })) as NodeJS.ReadableStream & { destroy(): void };
  let buffered = '';
  stream.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (line.trim()) collect(JSON.parse(line) as EngineEventLine);
    }
  });
  return {
    stop: () => {
      stream.destroy();
      return result();
    },
  };
}

/** Records the engine's container start times of one project, by pod. */
export async function recordStarts(project: string): Promise<{ stop: () => Map<string, number[]> }> {
  const starts = new Map<string, number[]>();
  return recordEvents(
    project,
    'start',
    (event) => {
      const pod = event.Actor.Attributes[LABEL.pod] ?? '?';
      // timeNano is beyond 2^53, but millisecond precision survives the rounding.
      starts.set(pod, [...(starts.get(pod) ?? []), event.timeNano / 1e6]);
    },
    () => starts,
  );
}

/** Fails with what to run when the benchmark image is missing from the engine. */
export async function requireBenchImage(image: string): Promise<void> {
  await docker
    .getImage(image)
    .inspect()
    .catch(() => {
      throw new Error(`the benchmark image ${image} is not on the engine: run scripts/build-test-images.sh`);
    });
}

/** Waits for the engine's events to arrive after the command returned (they lag a little). */
export async function settleEvents(ms = 300): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

export function ensureDockerCompose(): string {
  const version = () => execFileSync('docker-compose', ['version', '--short'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    return version();
  } catch {
    console.error("docker-compose is missing: installing Debian's (apt-get install docker-compose)...");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    try {
      execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'docker-compose'], { stdio: 'inherit', env });
    } catch {
      execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
      execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'docker-compose'], { stdio: 'inherit', env });
    }
    return version();
  }
}

/** Runs a command to completion; rejects with its output when it fails. */
export function runCommand(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output.slice(-2000)}`))));
  });
}

/**
 * Retries work that failed on the shared engine (no address pool left for one more network
 * while other tests hold them all): waits, then tries again, at most `attempts` times.
 */
export async function withRetries<T>(what: string, work: () => Promise<T>, attempts = 4, waitMs = 10_000): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts) throw error;
      process.stderr.write(`  ${what} failed (attempt ${attempt}/${attempts}): ${(error as Error).message.split('\n')[0]}\n`);
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}
