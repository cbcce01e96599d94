// Observed state written by hand, for the store and view-model tests.
import type { ObservedContainer, ObservedState } from '../../src/core/model/state';

export function observedContainer(pod: string, container: string, extra: Partial<ObservedContainer> = {}): ObservedContainer {
  const service = pod.replace(/-\d+$/, '');
  return {
    id: `${pod}-${container}-id`,
    engineName: `shop-${pod}-${container}`,
    service,
    pod,
    container,
    revision: 1,
    specHash: 'abc',
    node: 'local',
    image: 'shop/web:2',
    state: 'running',
    status: 'Up 3 minutes',
    createdAt: 0,
    ports: [],
    ...extra,
  };
}

export function observed(project: string, containers: ObservedContainer[]): ObservedState {
  const pods = new Map<string, ObservedState['pods'][number]>();
  for (const c of containers) {
    const pod = pods.get(c.pod) ?? { name: c.pod, service: c.service, revision: c.revision, specHash: c.specHash, node: c.node, containers: [] };
    pod.containers.push(c);
    pods.set(c.pod, pod);
  }
  return { project, pods: [...pods.values()], networks: [], volumes: [] };
}
