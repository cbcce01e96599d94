// `down`: remove every pod and network of the project; named volumes only when asked.

import { executePlan, type ExecuteOptions, noneCreated } from './executor';
import { computeTeardown } from './plan';
import type { EnginePort } from '../ports/engine';
import type { DesiredState } from '../model/state';

export interface DownResult {
  pods: number;
  networks: number;
  volumesRemoved: number;
  volumesKept: number;
}

export async function down(project: string, engine: EnginePort, options: ExecuteOptions & { removeVolumes: boolean; desired?: DesiredState }): Promise<DownResult> {
  const observed = await engine.listProject(project, options.signal);
  const graceMs = (service: string) => options.desired?.services.find((s) => s.name === service)?.stopGraceMs ?? 10_000;
  const plan = computeTeardown(observed, { removeVolumes: options.removeVolumes, graceMs });
  await executePlan(plan, options.desired, engine, noneCreated(), { concurrency: 4, ...options });
  return {
    pods: observed.pods.length,
    networks: observed.networks.length,
    volumesRemoved: options.removeVolumes ? observed.volumes.length : 0,
    volumesKept: options.removeVolumes ? 0 : observed.volumes.length,
  };
}
