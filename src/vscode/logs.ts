// Show Logs' editor side: channel names, and the store as the log session's source of pods
// (the session itself, shared with `flotilla logs -f`, is src/app/log-session.ts).

import type { PodSource, LogTarget } from '../app/log-session';
import type { FlotillaStore } from '../core/status/store';
import type { FlotillaTarget } from './contract';

/** Channel name per the contract: "Flotilla Logs: web", "Flotilla Logs: web-1", "Flotilla Logs: web-1/app". */
export function logChannelName(target: FlotillaTarget): string {
  const what = target.kind === 'service' ? target.service : target.kind === 'pod' ? target.pod : `${target.pod}/${target.container}`;
  return `Flotilla Logs: ${what}`;
}

/** What a tree node, CodeLens or pick covers: a service (every replica and sidecar), a pod, or one container. */
export function logTarget(target: FlotillaTarget): LogTarget {
  return { service: target.service, pod: target.kind === 'service' ? undefined : target.pod, container: target.kind === 'container' ? target.container : undefined };
}

/** The project's pods as the store shows them, announced when its listing changes. */
export function storePods(store: FlotillaStore, project: string): PodSource {
  return {
    pods: () => store.project(project)?.observed?.pods ?? [],
    onDidChange: (listener) => store.onDidChange((change) => change.project === project && change.kinds.has('observed') && listener()),
  };
}
