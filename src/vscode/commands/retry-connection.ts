// Retry Engine Connection: drop the engine connection and connect again (after starting Docker or
// fixing flotilla.dockerHost).

import { COMMAND } from '../contract';
import type { FlotillaCommand } from './command';

export const retryConnection: FlotillaCommand = {
  id: COMMAND.retryConnection,
  async run(ctx) {
    await ctx.reconnect();
  },
};
