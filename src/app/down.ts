// Down: remove the project's pods and network (named volumes only when asked). One rule for
// both front ends: a supervisor here is stopped first; while another process supervises the
// project, Down refuses, since that supervisor would bring every pod straight back.

import { down as teardown, type DownResult as CoreDownResult } from '../core/reconcile/down';
import type { DesiredState } from '../core/model/state';
import type { AppEnv, RunOptions } from './env';

export type DownResult = { kind: 'refused'; reason: 'supervised-elsewhere'; pid: number } | ({ kind: 'down'; stoppedHere: boolean } & CoreDownResult);

export async function downProject(desired: DesiredState, env: AppEnv, options: RunOptions & { removeVolumes?: boolean } = {}): Promise<DownResult> {
  const project = desired.project;
  const stoppedHere = env.supervision.owner(project).kind === 'here';
  if (stoppedHere) await env.supervision.stop?.(project);
  const owner = env.supervision.owner(project);
  if (owner.kind === 'process') return { kind: 'refused', reason: 'supervised-elsewhere', pid: owner.pid };
  const engine = await env.engine();
  const result = await teardown(project, engine, {
    removeVolumes: options.removeVolumes ?? false,
    desired,
    signal: options.signal,
    onProgress: (event) => options.onEvent?.({ kind: 'plan', event }),
  });
  return { kind: 'down', stoppedHere, ...result };
}
