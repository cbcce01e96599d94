// Bundles dist/cli.js, dist/extension.js and dist/engine.js (dockerode and its dependencies,
// loaded lazily by both on first engine use). ssh2's optional native parts stay out of the
// bundle: without them ssh2 falls back to plain JavaScript.
import { build } from 'esbuild';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { OUTPUT as VALIDATOR, renderValidator } from './gen-schema-validator.mjs';
import { renderComposeValidator } from './compose-validator.mjs';

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

// docker-modem requires ssh2 (about 15 ms to load) at start-up for ssh:// engines only: the
// bundle requires it when the first ssh connection is made. The build fails if the source it
// rewrites has changed, rather than silently loading ssh2 eagerly again.
const lazySsh2 = {
  name: 'lazy-ssh2',
  setup(build) {
    build.onLoad({ filter: /docker-modem[\\/]lib[\\/]ssh\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const eager = "var Client = require('ssh2').Client,\n  http = require('http');";
      const construct = 'var conn = new Client();';
      if (!source.includes(eager) || !source.includes(construct)) throw new Error(`lazy-ssh2: ${args.path} no longer has the lines this build rewrites; update scripts/build.mjs`);
      return { contents: source.replace(eager, "var http = require('http');").replace(construct, "var conn = new (require('ssh2').Client)();"), loader: 'js' };
    });
  },
};

// The standalone schema validator is regenerated when the schema changed (a unit test also checks it).
const schema = JSON.parse(readFileSync('schemas/flotilla.schema.json', 'utf8'));
const validator = renderValidator(schema);
if (readFileSync(VALIDATOR, 'utf8') !== validator) writeFileSync(VALIDATOR, validator);

await Promise.all([
  build({ ...common, entryPoints: ['src/engine/index.ts'], outfile: 'dist/engine.js', external: ['cpu-features', '*.node'], plugins: [withoutBuildKitSessions, lazySsh2] }),
  // dist/cli.js is a small launcher that loads dist/cli-main.js and dist/engine.js with V8's code cache.
  build({ ...common, entryPoints: ['src/cli/launcher.ts'], outfile: 'dist/cli.js', external: ['./cli-main.js'], banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli-main.js', external: ['./engine.js', './compose-validator.js'] }),
  build({ ...common, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode', './engine.js'] }),
  // The compose-spec validator for `flotilla import compose` (see scripts/compose-validator.mjs).
  build({
    ...common,
    stdin: { contents: renderComposeValidator(), resolveDir: process.cwd(), sourcefile: 'compose-validator.js' },
    outfile: 'dist/compose-validator.js',
    sourcemap: false,
    minify: true,
  }),
]);
chmodSync('dist/cli.js', 0o755);
