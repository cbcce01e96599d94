// Bundles dist/cli.js, dist/extension.js and dist/engine.js (dockerode and its dependencies,
// loaded lazily by both on first engine use). ssh2's optional native parts stay out of the
// bundle: without them ssh2 falls back to plain JavaScript.
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  define: { __FLOTILLA_BUNDLED__: 'true' },
};

// dockerode loads gRPC (about 0.4 MB and 30 ms at start-up) only for BuildKit sessions of
// buildImage, which Flotilla never calls: the bundle gets a stand-in that says so if used.
const withoutBuildKitSessions = {
  name: 'without-buildkit-sessions',
  setup(build) {
    build.onResolve({ filter: /^\.\/session$/ }, (args) => (args.importer.includes(`dockerode`) ? { path: 'dockerode-session', namespace: 'flotilla-stub' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'flotilla-stub' }, () => ({
      contents: 'module.exports = function () { throw new Error("BuildKit sessions are not part of the Flotilla bundle"); };',
      loader: 'js',
    }));
  },
};

await Promise.all([
  build({ ...common, entryPoints: ['src/engine/index.ts'], outfile: 'dist/engine.js', external: ['cpu-features', '*.node'], plugins: [withoutBuildKitSessions] }),
  build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', external: ['./engine.js'], banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', './engine.js'] }),
]);
chmodSync('dist/cli.js', 0o755);
