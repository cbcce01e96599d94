// Open Shell in Container: a terminal running `docker exec -it <id> sh` against the same engine
// (DOCKER_HOST from the setting). Arguments are passed as a list, never as a shell string.

import * as vscode from 'vscode';
import { COMMAND } from '../contract';
import { requireTrust } from '../trust';
import type { FlotillaCommand } from './command';
import { pickContainer } from './pick';

export const openShell: FlotillaCommand = {
  id: COMMAND.openShell,
  async run(ctx, target) {
    if (!requireTrust('open a shell in a container')) return;
    const container = await pickContainer(ctx, target, true);
    if (!container) return;
    if (!requireTrust('open a shell in a container')) return;
    const dockerHost = ctx.settings.dockerHost;
    const terminal = vscode.window.createTerminal({
      name: `Flotilla: ${container.pod}/${container.container}`,
      shellPath: 'docker',
      shellArgs: ['exec', '-it', container.containerId, 'sh'],
      env: dockerHost ? { DOCKER_HOST: dockerHost } : undefined,
      iconPath: new vscode.ThemeIcon('terminal'),
    });
    terminal.show();
  },
};
