// Inspect: the container's inspect JSON in an untitled JSON editor (secret-looking env values
// masked, as in the tree).

import * as vscode from 'vscode';
import { COMMAND } from '../contract';
import { maskEnv } from '../views/tooltips';
import type { FlotillaCommand } from './command';
import { pickContainer } from './pick';

export const inspect: FlotillaCommand = {
  id: COMMAND.inspect,
  async run(ctx, target) {
    const container = await pickContainer(ctx, target, false);
    if (!container) return;
    const engine = await ctx.engine();
    const info = maskInspectEnv(await engine.inspectContainer(container.containerId));
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: `${JSON.stringify(info, null, 2)}\n` });
    await vscode.window.showTextDocument(document, { preview: true });
  },
};

export function maskInspectEnv(info: unknown): unknown {
  const config = (info as { Config?: { Env?: unknown } } | undefined)?.Config;
  if (!config || !Array.isArray(config.Env)) return info;
  const env = Object.fromEntries(
    (config.Env as string[]).map((entry) => {
      const at = entry.indexOf('=');
      return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
    }),
  );
  const masked = maskEnv(env);
  return { ...(info as object), Config: { ...config, Env: Object.entries(masked).map(([k, v]) => `${k}=${v}`) } };
}
