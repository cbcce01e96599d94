// The use cases' view of supervision in the editor, over this window's Supervisors: "here" is
// this window's supervisor, another process is seen through the lock file.
// (The supervisor host replaces this adapter once it implements Supervision for the editor.)

import type { AppEnv } from '../app/env';
import { nodeEnv } from '../app/node-env';
import type { Supervision, SupervisorOwner } from '../app/supervision';
import { supervisorOwner } from '../host/supervisor-lock';
import type { Ctx } from './ctx';

export function editorSupervision(ctx: Pick<Ctx, 'supervisors' | 'engine'>): Supervision {
  const owner = (project: string): SupervisorOwner => {
    if (ctx.supervisors.isSupervising(project)) return { kind: 'here' };
    const pid = supervisorOwner(project);
    if (pid === undefined) return { kind: 'none' };
    return pid === process.pid ? { kind: 'here' } : { kind: 'process', pid };
  };
  return {
    owner,
    handOver: (desired) => ctx.supervisors.handOver(desired),
    kept: (project) => ctx.supervisors.kept(project),
    start: async (desired) => {
      ctx.supervisors.start(desired, await ctx.engine());
      return owner(desired.project);
    },
    stop: (project, options) => ctx.supervisors.stop(project, options),
  };
}

/** The environment the editor's commands run use cases in. */
export function editorEnv(ctx: Pick<Ctx, 'supervisors' | 'engine'>): AppEnv {
  return nodeEnv({ engine: () => ctx.engine(), supervision: editorSupervision(ctx), replicas: ctx.supervisors.replicas });
}
