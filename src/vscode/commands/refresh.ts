// Refresh: find the manifests again and re-list every project now.

import { COMMAND } from '../contract';
import type { FlotillaCommand } from './command';

export const refresh: FlotillaCommand = {
  id: COMMAND.refresh,
  async run(ctx) {
    await ctx.manifests.scan();
    await ctx.refresh.refreshAll();
  },
};
