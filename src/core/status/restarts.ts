// Restart counts of the editor's store, read from consecutive listings.

import type { ObservedState } from '../model/state';
import type { StoreEvent } from './snapshot';
import type { ProjectRecord } from './store';

/**
 * Restarts are read from consecutive listings, not from events alone (the engine drops events
 * for slow readers): a pod of the same revision whose first container changed was replaced (a
 * heal, Restart Service); a container of the same id that runs again after being seen stopped,
 * or that the supervisor started again, was restarted in place. A die event alone proves
 * nothing: a listing right after it may still say running. A new revision is a deploy.
 */
export function countRestarts(record: ProjectRecord, observed: ObservedState, now: number, log: (entry: Omit<StoreEvent, 'seq' | 'time'> & { time: number }) => void): void {
  for (const pod of observed.pods) {
    const before = record.lastSeen.get(pod.name);
    if (!before || before.revision !== pod.revision) continue;
    const replaced = before.containers[0]?.id !== pod.containers[0]?.id;
    const inPlace = pod.containers.some((c) => {
      const was = before.containers.find((b) => b.id === c.id);
      return was !== undefined && c.state === 'running' && (was.state === 'exited' || was.state === 'dead' || record.startedInPlace.has(c.id));
    });
    if (!replaced && !inPlace) continue;
    record.restarts.set(pod.name, (record.restarts.get(pod.name) ?? 0) + 1);
    log({
      project: observed.project,
      pod: pod.name,
      time: now,
      kind: 'restarted',
      severity: 'warning',
      message: `${pod.name} restarted (restart ${record.restarts.get(pod.name)})`,
    });
  }
  record.startedInPlace.clear();
  for (const pod of observed.pods) record.lastSeen.set(pod.name, pod);
  // The project went down: pods of the next up are new, not restarted.
  if (observed.pods.length === 0 && observed.networks.length === 0) record.lastSeen.clear();
}
