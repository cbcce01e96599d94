// Show Logs: follows a service, pod or container in the output channel "Flotilla Logs: <target>".
// From a tree node or CodeLens it follows at once; from the palette it also asks how (since,
// timestamps, a filter).

import * as vscode from 'vscode';
import { COMMAND, type FlotillaTarget } from '../contract';
import type { Ctx } from '../ctx';
import { BRACKETED, LogSession, type LogSessionOptions } from '../../app/log-session';
import { systemClock } from '../../core/ports/clock';
import { logChannelName, logTarget, storePods } from '../logs';
import type { FlotillaCommand } from './command';
import { pickLogTarget } from './pick';

export const showLogs: FlotillaCommand = {
  id: COMMAND.showLogs,
  async run(ctx, target) {
    const fromPalette = target === undefined;
    const chosen = await pickLogTarget(ctx, target);
    if (!chosen) return;
    const options = fromPalette ? await askOptions(ctx.settings.logsTail) : { tail: ctx.settings.logsTail, timestamps: false };
    if (!options) return;
    await follow(ctx, chosen, options);
  },
};

async function follow(ctx: Ctx, target: FlotillaTarget, options: LogSessionOptions): Promise<void> {
  const { channel, attach } = ctx.logs.reuse(logChannelName(target));
  channel.show(true);
  const engine = await ctx.engine();
  if (!ctx.store.project(target.project)?.observed) await ctx.refresh.refresh(target.project);
  const sink = { append: (text: string) => channel.append(text) };
  attach(new LogSession(engine, storePods(ctx.store, target.project), logTarget(target), sink, options, systemClock, BRACKETED, (message) => channel.appendLine(message)));
}

async function askOptions(tail: number): Promise<LogSessionOptions | undefined> {
  const now = () => Math.floor(Date.now() / 1000);
  const choices: (vscode.QuickPickItem & { options: () => Promise<LogSessionOptions | undefined> | LogSessionOptions })[] = [
    { label: `Follow, last ${tail} lines`, options: () => ({ tail, timestamps: false }) },
    { label: 'Follow with timestamps', options: () => ({ tail, timestamps: true }) },
    { label: 'Since 10 minutes ago', options: () => ({ tail: 100_000, since: now() - 600, timestamps: true }) },
    { label: 'Since 1 hour ago', options: () => ({ tail: 100_000, since: now() - 3600, timestamps: true }) },
    {
      label: 'Only lines containing…',
      options: async () => {
        const filter = await vscode.window.showInputBox({ prompt: 'Show only lines containing this text (case-insensitive)' });
        return filter ? { tail, timestamps: false, filter } : undefined;
      },
    },
  ];
  const picked = await vscode.window.showQuickPick(choices, { placeHolder: 'How to show the logs?' });
  return picked?.options();
}
