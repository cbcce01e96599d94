// npm run demo: the example shop running on your Docker engine, supervised (`flotilla up
// --watch`: the service port answers, health is probed, a killed pod is replaced) and shown in a
// real VS Code (code-server, installed by scripts/provision-editor.sh) with the packaged
// extension and the manifest open. Ctrl-C stops the editor and the supervisor and takes the
// example down again, so nothing is left running.
//
//   FLOTILLA_DEMO_PORT   port for the editor on 127.0.0.1 (default 8080, or a free one if taken)
//   FLOTILLA_DEMO_HOME   where the demo keeps its editor profile (default .tools/demo)
//   --manifest FILE      another manifest than examples/shop/flotilla.yaml (the tests use a copy)
//   --skip-package       reuse the .vsix and dist/ already built
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const manifestArg = args.indexOf('--manifest');
const manifest = path.resolve(manifestArg >= 0 ? args[manifestArg + 1] : path.join(repo, 'examples', 'shop', 'flotilla.yaml'));
const folder = path.dirname(manifest);
const codeServerVersion = '4.100.3';
const codeServerEntry = path.join(repo, '.tools', `code-server-${codeServerVersion}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const demoDir = path.resolve(process.env.FLOTILLA_DEMO_HOME ?? path.join(repo, '.tools', 'demo'));
const cli = path.join(repo, 'dist', 'cli.js');

const say = (text) => console.log(`demo: ${text}`);
/** A path as the user reads it: relative to the checkout when inside it. */
const shown = (file) => (path.relative(repo, file).startsWith('..') ? file : path.relative(repo, file));
const run = (command, commandArgs) => execFileSync(command, commandArgs, { cwd: repo, stdio: 'inherit' });

function fail(text) {
  console.error(`demo: ${text}`);
  process.exit(1);
}

async function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function choosePort() {
  const wanted = Number(process.env.FLOTILLA_DEMO_PORT ?? 8080);
  if (!Number.isInteger(wanted) || wanted < 0 || wanted > 65535) fail(`FLOTILLA_DEMO_PORT=${process.env.FLOTILLA_DEMO_PORT} is not a port number`);
  if (wanted === 0 || (await portIsFree(wanted))) return wanted;
  if (process.env.FLOTILLA_DEMO_PORT) fail(`port ${wanted} (FLOTILLA_DEMO_PORT) is in use on 127.0.0.1`);
  say(`port ${wanted} is in use; letting the OS pick a free one`);
  return 0;
}

if (!existsSync(codeServerEntry)) fail(`code-server ${codeServerVersion} is not installed in .tools/; run: bash scripts/provision.sh`);
if (!existsSync(manifest)) fail(`no manifest at ${manifest}`);

if (!args.includes('--skip-package')) {
  say('building and packaging the extension (npm run package)');
  run('npm', ['run', '--silent', 'package']);
}
const { version } = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
const vsix = path.join(repo, `flotilla-${version}.vsix`);

const extensionsDir = path.join(demoDir, 'extensions');
const userDataDir = path.join(demoDir, 'user-data');
mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
// The demo's own editor profile: the example folder is the user's own checkout, so Workspace
// Trust is off here (Up would otherwise refuse, as it must in an untrusted workspace).
writeFileSync(
  path.join(userDataDir, 'User', 'settings.json'),
  JSON.stringify(
    {
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'workbench.startupEditor': 'none',
      // examples/shop sits inside the checkout: no offer to open the parent git repository.
      'git.openRepositoryInParentFolders': 'never',
    },
    null,
    2,
  ),
);
const codeServerEnv = { ...process.env, XDG_CONFIG_HOME: path.join(demoDir, 'config') };
say(`installing ${path.basename(vsix)} into ${shown(extensionsDir)}`);
execFileSync(process.execPath, [codeServerEntry, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix, '--force'], {
  env: codeServerEnv,
  stdio: ['ignore', 'ignore', 'inherit'],
});

if (manifestArg < 0) {
  const missing = ['web', 'api', 'worker', 'logdrain'].filter((name) => {
    try {
      execFileSync('docker', ['image', 'inspect', `shop/${name}:1`], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length > 0) {
    say(`building the example's images (missing: ${missing.join(', ')})`);
    run('bash', [path.join(repo, 'examples', 'shop', 'build-images.sh')]);
  }
}

const port = await choosePort();
const server = spawn(
  process.execPath,
  [
    codeServerEntry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
  ],
  { env: codeServerEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
);
let serverLog = '';
server.stdout.on('data', (chunk) => (serverLog += chunk));
server.stderr.on('data', (chunk) => (serverLog += chunk));
const listening = await new Promise((resolve) => {
  const timer = setInterval(() => {
    const match = /HTTP server listening on (http:\/\/[\d.]+:\d+)/.exec(serverLog);
    if (match || server.exitCode !== null) {
      clearInterval(timer);
      resolve(match?.[1]);
    }
  }, 100);
});
if (!listening) fail(`code-server did not start:\n${serverLog}`);

/** `flotilla up --watch`, once started. */
let supervisor;
let stopping = false;
async function stop(reason) {
  if (stopping) return;
  stopping = true;
  say(`${reason}: stopping the editor and taking the example down`);
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  // Ctrl-C to the supervisor: it stops supervising and closes the service port.
  if (supervisor && supervisor.exitCode === null) {
    supervisor.kill('SIGINT');
    await new Promise((resolve) => supervisor.once('exit', resolve));
  }
  const down = spawn(process.execPath, [cli, 'down', '-f', manifest], { stdio: 'inherit' });
  const code = await new Promise((resolve) => down.once('exit', resolve));
  say(code === 0 ? 'the editor is stopped and the example is down' : `flotilla down exited with ${code}; check with: node dist/cli.js status -f ${manifest}`);
  process.exit(code === 0 ? 0 : 1);
}
process.on('SIGINT', () => void stop('Ctrl-C'));
process.on('SIGTERM', () => void stop('SIGTERM'));
server.once('exit', (code) => void stop(`code-server exited (${code})`));

// `up --watch` brings the example up, then supervises it in the foreground: it serves the
// service ports, probes health and replaces killed or crashed pods. The editor sees another
// process supervise and shows what it publishes.
say(`bringing the example up and supervising it: node dist/cli.js up --watch -f ${shown(manifest)}`);
let supervisorLog = '';
supervisor = spawn(process.execPath, [cli, 'up', '--watch', '-f', manifest], { stdio: ['ignore', 'pipe', 'pipe'] });
const echo = (stream, into) =>
  stream.on('data', (chunk) => {
    supervisorLog += chunk;
    into.write(chunk);
  });
echo(supervisor.stdout, process.stdout);
echo(supervisor.stderr, process.stderr);
const supervising = await new Promise((resolve) => {
  const timer = setInterval(() => {
    const ready = /^Supervising project /m.test(supervisorLog);
    if (ready || supervisor.exitCode !== null) {
      clearInterval(timer);
      resolve(ready);
    }
  }, 100);
});
if (!supervising) await stop(`flotilla up --watch failed (${supervisor.exitCode})`);
supervisor.once('exit', (code) => void stop(`the supervisor (flotilla up --watch) exited (${code})`));

// VS Code for the web opens a file given in the URL's payload (openFile), beside the folder.
const payload = JSON.stringify([['openFile', `vscode-remote://${new URL(listening).host}${manifest}`]]);
say(`open ${listening}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`);
say('the Flotilla view in the activity bar shows the services, healed when a pod is killed (try: docker kill with a container of `node dist/cli.js status`);');
say('press Ctrl-C here to stop the editor and the supervisor and take the example down');
