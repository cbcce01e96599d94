// The engine itself restarts under a running supervisor: its event stream must reconnect and
// the project converge again, with no duplicate pods. This needs a daemon the test may stop, so
// it starts its own dockerd (own socket, data root, exec root, pidfile and bridge, iptables off
// so the shared engine's rules are left alone) and never touches the shared one.
//
// The daemon runs with --live-restore, and one pod's process is killed while the daemon is down:
// the supervisor must find that out after the restart (no event reaches it) and replace only
// that pod, adopting the other. Without live-restore, dockerd 20.10 accepts container creates
// during its own shutdown and can leave a half-made container whose layer stays mounted after
// the restart, which no client can remove: a fault of the engine that would make this test flaky.
import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Docker from 'dockerode';
import { LABEL } from '../../src/core/model/labels';
import { createDockerEngine } from '../../src/engine';
import { docker, eventually, TEST_IMAGE, uniqueProject } from './helpers';
import { containersOf, startSupervisor, type Supervised } from './supervise-harness';

function requireTool(name: string): void {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
  } catch {
    throw new Error(`The engine-restart test needs \`${name}\` on PATH to run a private Docker daemon (apt-get install docker.io iproute2).`);
  }
}

/** A free 172.31.x.0/24 for the private bridge, avoiding subnets already on the host. */
function freeSubnet(): string {
  const used = execFileSync('ip', ['-4', '-o', 'addr'], { encoding: 'utf8' });
  for (let attempt = 0; attempt < 50; attempt++) {
    const x = 100 + Math.floor(Math.random() * 150);
    if (!used.includes(`172.31.${x}.`)) return `172.31.${x}.1/24`;
  }
  throw new Error('no free 172.31.x.0/24 subnet for the private bridge');
}

class PrivateDaemon {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'flotilla-dockerd-'));
  readonly socket = path.join(this.dir, 'docker.sock');
  readonly bridge = `flh${Math.floor(Math.random() * 0xfffff).toString(16)}`;
  readonly client = new Docker({ socketPath: this.socket });
  private process: ChildProcess | undefined;
  private bridgeMade = false;

  async start(): Promise<void> {
    if (!this.bridgeMade) {
      execFileSync('ip', ['link', 'add', this.bridge, 'type', 'bridge']);
      this.bridgeMade = true;
      execFileSync('ip', ['addr', 'add', freeSubnet(), 'dev', this.bridge]);
      execFileSync('ip', ['link', 'set', this.bridge, 'up']);
    }
    const args = [
      '--data-root',
      path.join(this.dir, 'data'),
      '--exec-root',
      path.join(this.dir, 'exec'),
      '-H',
      `unix://${this.socket}`,
      '--pidfile',
      path.join(this.dir, 'pid'),
      '--bridge',
      this.bridge,
      '--iptables=false',
      '--live-restore',
    ];
    const log = openSync(path.join(this.dir, 'dockerd.log'), 'a');
    this.process = spawn('dockerd', args, { stdio: ['ignore', log, log] });
    closeSync(log);
    await eventually('the private dockerd to answer', async () => ((await this.client.ping().catch(() => undefined)) ? true : undefined), 60_000);
  }

  /** SIGTERM, as a service manager stops it (with live-restore its containers keep running). */
  async stop(): Promise<void> {
    const running = this.process;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 60_000))]);
    if (running.exitCode === null && running.signalCode === null) running.kill('SIGKILL');
  }

  logTail(): string {
    try {
      const lines = readFileSync(path.join(this.dir, 'dockerd.log'), 'utf8').split('\n');
      return lines
        .filter((line) => /level=(error|fatal)|API listen|shutdown|Processing signal|Daemon has completed/i.test(line))
        .slice(-25)
        .join('\n');
    } catch {
      return '(no log)';
    }
  }

  async dispose(): Promise<void> {
    const containers = await this.client.listContainers({ all: true }).catch(() => []);
    await Promise.all(
      containers.map((c) =>
        this.client
          .getContainer(c.Id)
          .remove({ force: true })
          .catch(() => undefined),
      ),
    );
    // Its networks are bridges in the host's namespace that outlive the daemon and hold an
    // address pool each: removed through the daemon, they go with it.
    const networks = await this.client.listNetworks({ filters: JSON.stringify({ label: [LABEL.project] }) }).catch(() => []);
    await Promise.all(
      networks.map((n) =>
        this.client
          .getNetwork(n.Id)
          .remove()
          .catch(() => undefined),
      ),
    );
    await this.stop();
    if (this.bridgeMade) execFileSync('ip', ['link', 'del', this.bridge]);
    // dockerd leaves mounts under its roots (live-restore bind-mounts the data root on itself).
    const mounts = readFileSync('/proc/self/mounts', 'utf8')
      .split('\n')
      .map((line) => line.split(' ')[1] ?? '')
      .filter((target) => target.startsWith(`${this.dir}/`));
    for (const target of mounts.sort((a, b) => b.length - a.length)) execFileSync('umount', ['-l', target]);
    rmSync(this.dir, { recursive: true, force: true, maxRetries: 3 });
  }
}

describe('engine restart under a running supervisor (private dockerd)', () => {
  let daemon: PrivateDaemon | undefined;
  let supervisor: Supervised | undefined;

  before(async function () {
    requireTool('dockerd');
    requireTool('ip');
    daemon = new PrivateDaemon();
    await daemon.start();
    // The image comes from the shared engine: nothing can be pulled here.
    const image = await docker.getImage(TEST_IMAGE).get();
    await new Promise<void>((resolve, reject) => {
      daemon!.client.loadImage(image, (error: unknown, response?: NodeJS.ReadableStream) => {
        if (error || !response) return reject(error ?? new Error('no answer to the image load'));
        response.on('end', resolve).on('error', reject).resume();
      });
    });
  });
  after(async () => {
    await supervisor?.stop();
    await daemon?.dispose();
  });

  it('reconnects after dockerd is stopped and started again, and converges with no duplicate pods', async () => {
    const d = daemon as PrivateDaemon;
    const project = uniqueProject('dockerd');
    const engine = createDockerEngine({ endpoint: `unix://${d.socket}` });
    supervisor = startSupervisor(
      project,
      `  web:
    replicas: 2
    stopGracePeriod: 1s
    containers:
      app: { image: ${TEST_IMAGE}, command: [httpd, -f, -p, "8080", -h, /www] }
    health:
      http: { path: /healthz, port: 8080 }
      interval: 500ms
`,
      { engine, resyncMs: 5000 },
    );
    const s = supervisor;
    const runningPods = async () => {
      const containers = await containersOf(project, undefined, d.client).catch(() => []);
      return containers
        .filter((c) => c.State === 'running')
        .map((c) => c.Labels[LABEL.pod] as string)
        .sort();
    };
    await eventually('two pods running', async () => ((await runningPods()).join() === 'web-1,web-2' ? true : undefined), 60_000);
    const before = await containersOf(project, undefined, d.client);
    const idOf = (list: typeof before, pod: string) => list.find((c) => c.Labels[LABEL.pod] === pod)?.Id as string;
    const victimPid = (await d.client.getContainer(idOf(before, 'web-1')).inspect()).State.Pid;

    await d.stop();
    await eventually(
      'the supervisor to see the stream go',
      async () => (s.notes.some(({ note }) => note.kind === 'stream' && note.status.state === 'disconnected') ? true : undefined),
      30_000,
    );
    const lostAt = Date.now();
    // While no engine can tell anyone: web-1's process dies (a process of this test's own daemon).
    process.kill(victimPid, 'SIGKILL');
    await d.start();
    await eventually(
      'the event stream back',
      async () => (s.notes.some(({ at, note }) => at > lostAt && note.kind === 'stream' && note.status.state === 'connected') ? true : undefined),
      30_000,
    );
    await eventually('both pods running again', async () => ((await runningPods()).join() === 'web-1,web-2' ? true : undefined), 60_000).catch((error: Error) => {
      const lastNotes = s.notes
        .filter(({ note }) => note.kind !== 'health')
        .slice(-25)
        .map(({ note }) => JSON.stringify(note).slice(0, 300))
        .join('\n');
      throw new Error(`${error.message}\nlast supervisor notes:\n${lastNotes}\ndockerd log:\n${d.logTail()}`);
    });

    const after = await containersOf(project, undefined, d.client);
    assert.deepEqual(after.map((c) => c.Labels[LABEL.pod]).sort(), ['web-1', 'web-2'], 'one container per pod: no duplicates, no leftovers');
    assert.notEqual(idOf(after, 'web-1'), idOf(before, 'web-1'), 'the pod that died during the outage was replaced');
    assert.equal(idOf(after, 'web-2'), idOf(before, 'web-2'), 'the pod that kept running was adopted, not recreated');
    await eventually(
      'both replacements healthy',
      async () => {
        const healthy = new Set(
          s.notes.flatMap(({ note }) => (note.kind === 'health' && note.health.status === 'healthy' && after.some((c) => c.Id === note.containerId) ? [note.containerId] : [])),
        );
        return healthy.size === 2 ? true : undefined;
      },
      30_000,
    );
  });
});
