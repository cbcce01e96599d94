// The command table: one entry per command id of contract.ts (the type makes a missing one a
// compile error), registered in one place with one error policy: a FlotillaError's sentence, never
// a stack (the stack goes to the Flotilla output channel).

import * as vscode from 'vscode';
import { isFlotillaError } from '../../core/model/errors';
import type { COMMAND } from '../contract';
import type { Ctx } from '../ctx';
import { asTarget, type FlotillaCommand } from './command';
import { createManifest } from './create-manifest';
import { deploy } from './deploy';
import { down } from './down';
import { inspect } from './inspect';
import { openInBrowser } from './open-in-browser';
import { openManifest } from './open-manifest';
import { openShell } from './open-shell';
import { refresh } from './refresh';
import { restartService } from './restart-service';
import { retryConnection } from './retry-connection';
import { rollback } from './rollback';
import { revealInManifest } from './reveal-in-manifest';
import { scaleService } from './scale-service';
import { showLogs } from './show-logs';
import { up } from './up';
import { validate } from './validate';

export const COMMANDS: Record<keyof typeof COMMAND, FlotillaCommand> = {
  up,
  down,
  restartService,
  scaleService,
  showLogs,
  openShell,
  inspect,
  validate,
  openManifest,
  revealInManifest,
  createManifest,
  refresh,
  retryConnection,
  deploy,
  rollback,
  openInBrowser,
};

export function registerCommands(ctx: Ctx): vscode.Disposable[] {
  return Object.values(COMMANDS).map((command) =>
    vscode.commands.registerCommand(command.id, async (arg: unknown, ...rest: unknown[]) => {
      try {
        await command.run(ctx, asTarget(arg), ...rest);
      } catch (error) {
        reportError(ctx, error);
      }
    }),
  );
}

function reportError(ctx: Ctx, error: unknown): void {
  if (isFlotillaError(error, 'cancelled')) {
    vscode.window.setStatusBarMessage(`Flotilla: ${error.message}`, 5000);
    return;
  }
  const message = isFlotillaError(error) ? error.message : `Flotilla: ${(error as Error)?.message ?? String(error)}`;
  ctx.channel.appendLine(`error: ${(error as Error)?.stack ?? message}`);
  void vscode.window.showErrorMessage(message);
}
