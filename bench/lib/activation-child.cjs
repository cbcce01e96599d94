/* eslint-disable @typescript-eslint/no-require-imports -- a plain CommonJS script, run by node without a build */
// Run in a fresh process by bench/sections/activation.ts: loads the built dist/extension.js
// with a minimal stand-in for the `vscode` module (every property is a callable that returns
// another stand-in, so any API the extension touches works) and prints the times as JSON.
const Module = require('node:module');
const path = require('node:path');

/** A callable stand-in: reads give more stand-ins, writes are kept, calls and `new` work. */
function stand() {
  const values = new Map();
  return new Proxy(function vscodeStandIn() {}, {
    get: (_target, property) => {
      if (values.has(property)) return values.get(property);
      if (property === 'then') return undefined;
      if (property === Symbol.toPrimitive) return () => '';
      if (property === Symbol.iterator) return function* () {};
      return stand();
    },
    set: (_target, property, value) => (values.set(property, value), true),
    defineProperty: (_target, property, descriptor) => (values.set(property, descriptor.value), true),
    apply: () => stand(),
    construct: () => stand(),
  });
}

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
// Bundlers copy a module's own keys into the import namespace: name the API's top level, read
// from @types/vscode so a new API the extension uses is there too.
const declarations = require('node:fs').readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
const API = [...declarations.matchAll(/^\texport (?:namespace|class|enum|const|function|let|var) (\w+)/gm)].map((m) => m[1]);
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
  // The activated extension keeps timers and watchers on the stand-ins: leave once measured.
  process.stdout.write(JSON.stringify({ requireMs: loaded - started, activateMs: activated - loaded, totalMs: activated - started }), () => process.exit(0));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
