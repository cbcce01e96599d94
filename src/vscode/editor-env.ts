// The environment the editor's commands run use cases in: this window's engine, its supervisors
// as Supervision (src/vscode/supervision.ts over the one supervisor host), and the counts Scale
// Service holds.

import type { AppEnv } from '../app/env';
import { nodeEnv } from '../app/node-env';
import type { Ctx } from './ctx';

export function editorEnv(ctx: Pick<Ctx, 'supervisors' | 'engine'>): AppEnv {
  return nodeEnv({ engine: () => ctx.engine(), supervision: ctx.supervisors.supervision(() => ctx.engine()), replicas: ctx.supervisors.replicas });
}
