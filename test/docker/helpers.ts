// Shared by the Docker tests: unique project names, clean-up by label (also when a test fails)
// and the leak check run after the suite.
import Docker from 'dockerode';
import { LABEL } from '../../src/core/model/labels';
import type { LogLine } from '../../src/core/ports/engine';
import type { DesiredContainer, DesiredService } from '../../src/core/model/state';

export const TEST_PROJECT_PREFIX = 'ftest-';
/** This test run's own prefix: the leak check looks only at it, so runs sharing an engine do not fail each other. */
export const RUN_PROJECT_PREFIX = `${TEST_PROJECT_PREFIX}${process.pid.toString(36)}-`;
export const TEST_IMAGE = 'flotilla-test/busybox:1';
export const TEST_IMAGE_V2 = 'flotilla-test/busybox:2';

const docker = new Docker();

export function uniqueProject(name: string): string {
  return `${RUN_PROJECT_PREFIX}${name}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}

function projectFilter(project?: string): string {
  return JSON.stringify({ label: [project ? `${LABEL.project}=${project}` : LABEL.project] });
}

/** Removes every container, network and volume labelled with the project. */
export async function cleanupProject(project: string): Promise<void> {
  const containers = await docker.listContainers({ all: true, filters: projectFilter(project) });
  await Promise.all(
    containers.map((c) =>
      docker
        .getContainer(c.Id)
        .remove({ force: true, v: true })
        .catch(() => undefined),
    ),
  );
  const networks = await docker.listNetworks({ filters: projectFilter(project) });
  await Promise.all(
    networks.map((n) =>
      docker
        .getNetwork(n.Id)
        .remove()
        .catch(() => undefined),
    ),
  );
  const { Volumes: volumes } = await docker.listVolumes({ filters: projectFilter(project) });
  await Promise.all(
    (volumes ?? []).map((v) =>
      docker
        .getVolume(v.Name)
        .remove()
        .catch(() => undefined),
    ),
  );
}

/** Names of labelled objects that belong to this run's test projects and are still on the engine. */
export async function leakedTestObjects(): Promise<string[]> {
  const isTest = (labels: Record<string, string> | undefined) => (labels?.[LABEL.project] ?? '').startsWith(RUN_PROJECT_PREFIX);
  const containers = await docker.listContainers({ all: true, filters: projectFilter() });
  const networks = await docker.listNetworks({ filters: projectFilter() });
  const { Volumes: volumes } = await docker.listVolumes({ filters: projectFilter() });
  return [
    ...containers.filter((c) => isTest(c.Labels)).map((c) => `container ${c.Names[0]}`),
    ...networks.filter((n) => isTest(n.Labels)).map((n) => `network ${n.Name}`),
    ...(volumes ?? []).filter((v) => isTest(v.Labels)).map((v) => `volume ${v.Name}`),
  ];
}

export async function assertNothingLeaked(): Promise<void> {
  const leaked = await leakedTestObjects();
  if (leaked.length > 0) {
    throw new Error(`Docker tests leaked ${leaked.length} labelled object(s): ${leaked.join(', ')}`);
  }
}

export { docker };

// For tests that drive the engine adapter directly: desired specs written by hand.

export function testContainer(name: string, command: string[], extra: Partial<DesiredContainer> = {}): DesiredContainer {
  return { name, image: TEST_IMAGE, command, env: {}, ports: [], mounts: [], privileged: false, capAdd: [], devices: [], ...extra };
}

export function testService(name: string, containers: DesiredContainer[], extra: Partial<DesiredService> = {}): DesiredService {
  return {
    name,
    replicas: 1,
    specHash: 'h1',
    containers,
    restart: 'always',
    stopGraceMs: 1000,
    hostNetwork: false,
    hostPid: false,
    deploy: { strategy: 'rolling', maxSurge: '25%', maxUnavailable: '25%', minHealthyTimeMs: 0, healthyDeadlineMs: 60_000, drainTimeoutMs: 0, autoRollback: true, history: 10 },
    placement: 'spread',
    ...extra,
  };
}

/** Polls until check() gives a value, at most timeoutMs: a bounded wait, not a speed test. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function collect(lines: AsyncIterable<LogLine>): Promise<LogLine[]> {
  const all: LogLine[] = [];
  for await (const line of lines) all.push(line);
  return all;
}
