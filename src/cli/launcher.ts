// The `flotilla` executable (dist/cli.js): loads the CLI bundle (dist/cli-main.js) and, on first
// engine use, dist/engine.js with V8's code cache, so a command does not compile ~2 MB of
// JavaScript on every run (about 15 ms of CPU of a no-op `up`). The cache is only an
// optimisation: any failure to read or write it falls back to a plain compile.

import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

interface LoadableModule {
  exports: unknown;
}

type Loader = (module: LoadableModule, filename: string) => void;

const extensions = (Module as unknown as { _extensions: Record<string, Loader> })._extensions;
const wrap = (Module as unknown as { wrap(source: string): string }).wrap;

/** Where the cache of this exact file (path, size, time, Node version) lives; undefined if unusable. */
function cacheFileFor(filename: string): string | undefined {
  try {
    const { size, mtimeMs } = statSync(filename);
    const key = createHash('sha256').update(`${filename}\0${size}\0${mtimeMs}\0${process.version}\0${process.arch}`).digest('hex').slice(0, 32);
    const user = process.getuid?.() ?? 'user';
    return path.join(tmpdir(), `flotilla-code-cache-${user}`, `${path.basename(filename)}-${key}.bin`);
  } catch {
    return undefined;
  }
}

function readCache(file: string | undefined): Buffer | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Written at exit, so the cache also holds the functions this run compiled lazily. */
function writeCacheAtExit(file: string, script: vm.Script): void {
  process.once('exit', () => {
    try {
      mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, script.createCachedData());
      renameSync(temporary, file);
    } catch {
      // A read-only or full temporary folder only costs the next run a compile.
    }
  });
}

function loadWithCodeCache(module: LoadableModule, filename: string): void {
  const source = readFileSync(filename, 'utf8').replace(/^#!.*/, '');
  const cacheFile = cacheFileFor(filename);
  const cachedData = readCache(cacheFile);
  const script = new vm.Script(wrap(source), { filename, cachedData });
  if (cacheFile && (!cachedData || script.cachedDataRejected)) writeCacheAtExit(cacheFile, script);
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: LoadableModule, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, Module.createRequire(filename), module, filename, path.dirname(filename));
}

// Only this folder's bundles go through the cache; every other file loads as usual.
const compileJs = extensions['.js'] as Loader;
extensions['.js'] = (module, filename) => {
  if (path.dirname(filename) !== __dirname || process.env.FLOTILLA_NO_CODE_CACHE) compileJs(module, filename);
  else loadWithCodeCache(module, filename);
};

// `flotilla status | head`: a reader that stops early is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cli = require('./cli-main.js') as { main(argv: string[]): Promise<number> };
void cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
