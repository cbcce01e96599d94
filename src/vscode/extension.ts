// Extension entry point. Activation stays cheap: views, commands and manifest discovery only;
// dockerode (dist/engine.js) loads on first engine use. Everything created is owned by Ctx.

import * as vscode from 'vscode';
import { registerCommands } from './commands/index';
import { CONTEXT } from './contract';
import { Ctx } from './ctx';
import { registerManifestLanguage } from './language/index';
import type { ServicesTreeProvider } from './views/services-tree';

let current: Ctx | undefined;

/** What activate() returns. testApi is for the extension-host suite (test/vscode) only: it reads the tree as the view does. */
export interface FlotillaExtensionApi {
  live: Ctx['live'];
  testApi: { servicesTree: ServicesTreeProvider };
}

export function activate(context: vscode.ExtensionContext): FlotillaExtensionApi {
  const started = performance.now();
  const channel = vscode.window.createOutputChannel('Flotilla');
  context.subscriptions.push(channel);
  void vscode.commands.executeCommand('setContext', CONTEXT.engineReachable, true);
  const ctx = new Ctx(context, channel);
  current = ctx;
  context.subscriptions.push(ctx, ...registerCommands(ctx));
  registerManifestLanguage(context, ctx.live, ctx.manifests);
  channel.appendLine(`Flotilla activated in ${(performance.now() - started).toFixed(1)} ms`);
  void ctx.start().then(
    () => channel.appendLine(`Found ${ctx.manifests.list().length} manifest(s).`),
    (error: unknown) => channel.appendLine(`Could not scan for manifests: ${(error as Error).message}`),
  );
  return { live: ctx.live, testApi: { servicesTree: ctx.servicesTree } };
}

/** Stops this window's supervisors; with flotilla.downOnClose, takes down what it brought up. */
export async function deactivate(): Promise<void> {
  const ctx = current;
  current = undefined;
  await ctx?.shutdown();
}
