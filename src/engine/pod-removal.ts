// Removing a pod as Kubernetes stops one: one grace period for the whole pod. Every container
// gets its stop signal at once and whatever still runs is killed at the same deadline, so a pod
// of processes that ignore SIGTERM (a shell or busybox httpd as PID 1) goes in one grace period,
// not one per container. Then the containers are removed, sidecars before the first container,
// whose network namespace they joined.

import type Docker from 'dockerode';
import { engineMessage } from './errors';

const statusOf = (error: unknown) => (error as { statusCode?: number } | undefined)?.statusCode;

/**
 * The engine's stop with the same timeout, issued for every container concurrently: each gets its
 * own stop signal (StopSignal, else SIGTERM) now and SIGKILL when the timeout runs out.
 * Returns the failures; a container already stopped (304) or gone (404) is not one.
 */
async function stopAll(docker: Docker, containerIds: string[], graceMs: number): Promise<unknown[]> {
  const t = Math.max(0, Math.ceil(graceMs / 1000));
  const results = await Promise.allSettled(containerIds.map((id) => docker.getContainer(id).stop({ t })));
  return results.flatMap((r) => (r.status === 'rejected' && statusOf(r.reason) !== 304 && statusOf(r.reason) !== 404 ? [r.reason] : []));
}

/** Removes the containers concurrently; returns the failures (gone, or going already, is not one). */
async function removeAll(docker: Docker, containerIds: string[]): Promise<unknown[]> {
  const results = await Promise.allSettled(
    // v: false keeps volumes: named ones belong to the project, not to the container.
    containerIds.map((id) => docker.getContainer(id).remove({ force: true, v: false })),
  );
  const gone = (error: unknown) => statusOf(error) === 404 || (statusOf(error) === 409 && /already in progress/i.test(engineMessage(error)));
  return results.flatMap((r) => (r.status === 'rejected' && !gone(r.reason) ? [r.reason] : []));
}

/**
 * Stops the pod's containers (the first one owns the network namespace) with one grace deadline,
 * then removes them. A sidecar that could not be removed keeps the first container, so the pod
 * stays whole on the engine for the next attempt instead of leaving a sidecar joined to a
 * namespace that no longer exists. Returns the failures, first one first.
 */
export async function removePodContainers(docker: Docker, containerIds: string[], graceMs: number): Promise<unknown[]> {
  const failures = await stopAll(docker, containerIds, graceMs);
  const [first, ...sidecars] = containerIds;
  const sidecarFailures = await removeAll(docker, sidecars);
  failures.push(...sidecarFailures);
  if (first !== undefined && sidecarFailures.length === 0) failures.push(...(await removeAll(docker, [first])));
  return failures;
}
