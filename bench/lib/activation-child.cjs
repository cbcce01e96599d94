/* eslint-disable @typescript-eslint/no-require-imports -- a plain CommonJS script, run by node without a build */
// Run in a fresh process by bench/sections/activation.ts: loads the built dist/extension.js
// with a minimal stand-in for the `vscode` module (every property is a callable that returns
// another stand-in, so any API the extension touches works) and prints the times as JSON.
const Module = require('node:module');
const path = require('node:path');

const handler = {
  get: (_target, property) => (property === 'then' ? undefined : property === Symbol.toPrimitive ? () => '' : stand()),
  apply: () => stand(),
  construct: () => stand(),
};
function stand() {
  return new Proxy(function vscodeStandIn() {}, handler);
}

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
// Bundlers copy a module's own keys into the import namespace: name the API's top level.
const API = ['window', 'workspace', 'commands', 'languages', 'env', 'extensions', 'debug', 'tasks', 'tests', 'l10n', 'Uri', 'EventEmitter', 'Disposable', 'TreeItem', 'TreeItemCollapsibleState', 'ThemeIcon', 'ThemeColor', 'MarkdownString', 'Range', 'Position', 'Location', 'Diagnostic', 'DiagnosticSeverity', 'CompletionItem', 'CompletionItemKind', 'Hover', 'StatusBarAlignment', 'ViewColumn', 'ConfigurationTarget', 'ProgressLocation', 'RelativePattern', 'CancellationTokenSource', 'SnippetString', 'CodeLens', 'FileType', 'ExtensionMode', 'LogLevel'];
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: Object.fromEntries(API.map((name) => [name, stand()])) };

(async () => {
  const file = path.resolve(process.argv[2]);
  const context = new Proxy(
    { subscriptions: [], extensionPath: path.dirname(path.dirname(file)), extensionMode: 1 },
    { get: (target, property) => (property in target ? target[property] : stand()) },
  );
  const started = performance.now();
  const extension = require(file);
  const loaded = performance.now();
  await extension.activate(context);
  const activated = performance.now();
  process.stdout.write(JSON.stringify({ requireMs: loaded - started, activateMs: activated - loaded, totalMs: activated - started }));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
