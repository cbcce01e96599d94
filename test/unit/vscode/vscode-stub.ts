// Lets a unit test load modules that import 'vscode' only to look at their static tables (the
// command table), without an editor: 'vscode' resolves to an object whose every member is an
// inert function. Nothing is called through it; a test that needs editor behaviour belongs in e2e.
import Module from 'node:module';

const inert: unknown = new Proxy(function inert() {}, {
  get: (_target, key) => (key === Symbol.toPrimitive ? () => '' : inert),
  apply: () => inert,
  construct: () => inert as object,
});

type Resolver = (request: string, ...rest: unknown[]) => string;
const moduleInternals = Module as unknown as { _resolveFilename: Resolver; _cache: Record<string, unknown> };
const STUB_ID = '\0vscode-stub';
const original = moduleInternals._resolveFilename;
moduleInternals._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? STUB_ID : original.call(this, request, ...rest);
};
moduleInternals._cache[STUB_ID] = { id: STUB_ID, filename: STUB_ID, loaded: true, exports: inert };
