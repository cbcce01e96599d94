// dockerode and its dependencies are ~0.9 MB: bundles load them from a separate dist/engine.js
// on first engine use, so the editor activates and `flotilla validate` runs without paying.
// Unbundled (tests run through tsx) the module is imported directly.

import type * as EngineModule from './engine/index';

declare const __FLOTILLA_BUNDLED__: boolean | undefined;

let loaded: Promise<typeof EngineModule> | undefined;

export function loadEngineModule(): Promise<typeof EngineModule> {
  loaded ??=
    typeof __FLOTILLA_BUNDLED__ !== 'undefined' && __FLOTILLA_BUNDLED__
      ? // A plain require of the sibling bundle: esbuild leaves it external, so it loads lazily.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        Promise.resolve(require('./engine.js') as typeof EngineModule)
      : import('./engine/index');
  return loaded;
}
