// What a supervisor knows that its last listing may not show yet, laid over that listing: a
// die event newer than the list (the engine can still list the container as running), a
// container paused, stopped or destroyed since, and the probes' health. Returns copies: a
// listing is never changed, so whoever holds one (a rollout, the router) sees what the engine
// said.

import type { ContainerHealth, ObservedContainer, ObservedState } from '../model/state';

export interface Overlay {
  /** Containers whose die event is newer than the listing, with the exit code it carried. */
  died?: ReadonlyMap<string, number | undefined>;
  /** Containers paused, stopped or destroyed since the listing: they count as exited. */
  gone?: ReadonlySet<string>;
  /** Probe health by container id (undefined: no result yet). */
  health?: (containerId: string) => ContainerHealth | undefined;
}

export function overlayObserved(observed: ObservedState, overlay: Overlay): ObservedState {
  return { ...observed, pods: observed.pods.map((pod) => ({ ...pod, containers: pod.containers.map((c) => overlayContainer(c, overlay)) })) };
}

function overlayContainer(container: ObservedContainer, overlay: Overlay): ObservedContainer {
  let c = container;
  if (c.state === 'running' && overlay.died?.has(c.id)) c = { ...c, state: 'exited', exitCode: overlay.died.get(c.id), status: 'Exited (reported by its die event)' };
  if (overlay.gone?.has(c.id)) c = { ...c, state: 'exited' };
  if (overlay.health) c = { ...c, health: overlay.health(c.id) };
  return c;
}

/**
 * The deaths still newer than a fresh listing: those of containers it lists as running. A
 * container it lists stopped, or no longer lists, has caught up with its die event.
 */
export function deathsNewerThan(listing: ObservedState, died: ReadonlyMap<string, number | undefined>): Map<string, number | undefined> {
  const newer = new Map<string, number | undefined>();
  for (const pod of listing.pods) for (const c of pod.containers) if (died.has(c.id) && c.state === 'running') newer.set(c.id, died.get(c.id));
  return newer;
}
