// The Docker adapter's streams against the real engine: events (and their reconnection), logs,
// stats, and an engine that is not there.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isFlotillaError } from '../../src/core/model/errors';
import { LABEL, networkName } from '../../src/core/model/labels';
import type { EngineEvent, EventStreamStatus } from '../../src/core/ports/engine';
import type { DesiredService } from '../../src/core/model/state';
import { createDockerEngine, defaultEndpoint, type DockerEngine } from '../../src/engine';
import { cleanupProject, collect, docker, eventually, TEST_IMAGE, testContainer, testService, uniqueProject } from './helpers';

/** A unix-socket relay to the engine that a test can cut, to play a lost connection. */
class SocketRelay {
  readonly path = join(tmpdir(), `flotilla-relay-${process.pid}-${Math.floor(Math.random() * 1e9).toString(36)}.sock`);
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  blocked = false;

  constructor(target: string) {
    this.server = net.createServer((client) => {
      if (this.blocked) return void client.destroy();
      const upstream = net.connect(target);
      for (const [from, to] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        this.sockets.add(from);
        from.pipe(to);
        from.on('error', () => to.destroy());
        from.on('close', () => {
          this.sockets.delete(from);
          to.destroy();
        });
      }
    });
  }

  listen(): Promise<void> {
    return new Promise((resolve) => this.server.listen(this.path, resolve));
  }

  cut(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  close(): void {
    this.cut();
    this.server.close();
    rmSync(this.path, { force: true });
  }
}

describe('DockerEngine streams (real engine)', () => {
  const engine = createDockerEngine();
  let project: string;

  beforeEach(async () => {
    project = uniqueProject('streams');
    await engine.createNetwork(project, networkName(project));
  });
  afterEach(async () => {
    await cleanupProject(project);
  });

  const create = (svc: DesiredService, on: DockerEngine = engine) =>
    on.createPod({ project, service: svc, pod: `${svc.name}-1`, revision: 1, network: networkName(project), node: 'local' });

  function watch(on: DockerEngine) {
    const events: EngineEvent[] = [];
    const statuses: EventStreamStatus[] = [];
    const controller = new AbortController();
    on.watchEvents(
      project,
      (e) => events.push(e),
      (s) => statuses.push(s),
      controller.signal,
    );
    return { events, statuses, controller };
  }

  it('reports a die event with exit code 137 after a kill', async () => {
    const [id] = await create(testService('web', [testContainer('app', ['sleep', '3600'])]));
    const { events, statuses, controller } = watch(engine);
    try {
      await eventually('the event stream to connect', async () => (statuses.some((s) => s.state === 'connected') ? true : undefined));
      await docker.getContainer(id!).kill({ signal: 'SIGKILL' });
      const die = await eventually('a die event', async () => events.find((e) => e.action === 'die'), 10_000);
      assert.deepEqual({ ...die, time: 0 }, { time: 0, action: 'die', containerId: id, project, service: 'web', pod: 'web-1', container: 'app', exitCode: 137 });
      assert.ok(Math.abs(die.time - Date.now()) < 60_000, `event time ${die.time} is the engine's wall clock`);
    } finally {
      controller.abort();
    }
  });

  it('reconnects after losing the stream and delivers what happened meanwhile, once', async function () {
    const socket = defaultEndpoint().startsWith('unix://') ? defaultEndpoint().slice('unix://'.length) : undefined;
    if (!socket) {
      // The relay that cuts the stream sits in front of a unix socket; a tcp/ssh engine has none.
      if (process.env.CI) throw new Error(`the reconnect test needs a unix-socket engine, and CI has ${defaultEndpoint()}`);
      return this.skip();
    }
    const relay = new SocketRelay(socket);
    await relay.listen();
    const relayed = createDockerEngine({ endpoint: `unix://${relay.path}` });
    const [first] = await create(testService('web', [testContainer('app', ['sleep', '3600'])]));
    const [second] = await create(testService('api', [testContainer('app', ['sleep', '3600'])]));
    const { events, statuses, controller } = watch(relayed);
    const connections = () => statuses.filter((s) => s.state === 'connected').length;
    /** Cuts the stream, kills a container while it is down, and lets it reconnect. */
    const killWhileDisconnected = async (id: string) => {
      const before = connections();
      relay.blocked = true;
      relay.cut();
      await eventually('the loss to be reported', async () => (statuses.at(-1)?.state === 'disconnected' ? true : undefined));
      await docker.getContainer(id).kill();
      await eventually('the kill to take effect', async () => ((await docker.getContainer(id).inspect()).State.Running ? undefined : true));
      relay.blocked = false;
      await eventually('the stream to reconnect', async () => (connections() > before ? true : undefined));
    };
    try {
      await eventually('the event stream to connect', async () => (connections() > 0 ? true : undefined));
      // Lost before any event: resumes from the engine's clock at the first connection.
      await killWhileDisconnected(first!);
      await eventually('the die that happened before any event was seen', async () => events.find((e) => e.action === 'die' && e.containerId === first), 15_000);
      // Lost after events: resumes from the last one, which the engine sends again.
      await killWhileDisconnected(second!);
      await eventually('the die that happened while disconnected', async () => events.find((e) => e.action === 'die' && e.containerId === second), 15_000);
      const disconnected = statuses.filter((s) => s.state === 'disconnected');
      assert.ok(
        disconnected.every((s) => s.state === 'disconnected' && s.retryInMs >= 250 && s.retryInMs <= 5000),
        JSON.stringify(disconnected),
      );
      assert.equal(events.filter((e) => e.action === 'die' && e.containerId === first).length, 1, 'the replayed overlap is not delivered twice');
    } finally {
      controller.abort();
      relay.close();
    }
    const settled = statuses.length;
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal(statuses.length, settled, 'nothing runs after abort');
  });

  it('streams logs demultiplexed with timestamps, honours tail, and ends a follow on abort', async () => {
    const script = 'echo out-1; echo err-1 >&2; echo out-2; i=0; while true; do i=$((i+1)); echo live $i; sleep 0.2; done';
    const [id] = await create(testService('web', [testContainer('app', ['sh', '-c', script])]));
    await eventually('output', async () => ((await collect(engine.logs(id!, { follow: false, timestamps: false }))).length >= 4 ? true : undefined));
    const all = await collect(engine.logs(id!, { follow: false, timestamps: true }));
    // stdout and stderr are separate pipes: their relative order is not kept, each stream's is.
    assert.deepEqual(
      all
        .filter((l) => l.stream === 'stdout')
        .slice(0, 2)
        .map((l) => l.text),
      ['out-1', 'out-2'],
    );
    assert.deepEqual(
      all.filter((l) => l.stream === 'stderr').map((l) => l.text),
      ['err-1'],
    );
    assert.ok(
      all.every((l) => typeof l.time === 'number' && Math.abs(l.time - Date.now()) < 60_000),
      JSON.stringify(all[0]),
    );
    const tail = await collect(engine.logs(id!, { follow: false, timestamps: false, tail: 1 }));
    assert.equal(tail.length, 1);
    assert.match(tail[0]!.text, /^(live \d+|out-2|err-1)$/);

    const controller = new AbortController();
    const followed: string[] = [];
    for await (const line of engine.logs(id!, { follow: true, timestamps: false, tail: 0, signal: controller.signal })) {
      followed.push(line.text);
      if (followed.length === 3) controller.abort();
    }
    assert.equal(followed.length, 3);
    assert.ok(
      followed.every((t) => /^live \d+$/.test(t)),
      followed.join(','),
    );
    // A consumer that stops iterating closes the stream too.
    for await (const line of engine.logs(id!, { follow: true, timestamps: false, tail: 1 })) {
      assert.ok(line.text);
      break;
    }
    assert.deepEqual(await collect(engine.logs(id!, { follow: true, timestamps: false, signal: AbortSignal.abort() })), []);
  });

  it('reads a TTY container log, which has no stream headers', async () => {
    // The manifest has no TTY option, but a container adopted or inspected by hand may have one.
    const tty = await docker.createContainer({ Image: TEST_IMAGE, Cmd: ['sh', '-c', 'echo from-tty; sleep 3600'], Tty: true, Labels: { [LABEL.project]: project } });
    await tty.start();
    const lines = await eventually('tty output', async () => {
      const read = await collect(engine.logs(tty.id, { follow: false, timestamps: true }));
      return read.length > 0 ? read : undefined;
    });
    assert.deepEqual(
      lines.map((l) => [l.stream, l.text, typeof l.time]),
      [['stdout', 'from-tty', 'number']],
    );
  });

  it('reads usage stats against the memory limit', async () => {
    const [id] = await create(testService('web', [testContainer('app', ['sh', '-c', 'while true; do :; done'], { memoryBytes: 32 * 2 ** 20, nanoCpus: 0.5e9 })]));
    const stats = await engine.stats(id!);
    assert.equal(stats.memoryLimitBytes, 32 * 2 ** 20);
    assert.ok(stats.memoryBytes > 0 && stats.memoryBytes < stats.memoryLimitBytes, JSON.stringify(stats));
    // A busy loop capped at half a CPU: above zero, and not above the cap by much.
    assert.ok(stats.cpuPercent > 0 && stats.cpuPercent < 80, JSON.stringify(stats));
  });

  it('says which endpoint it cannot reach, from ping and from any call', async () => {
    const endpoint = 'unix:///tmp/nonexistent.sock';
    const missing = createDockerEngine({ endpoint });
    const unreachable = (error: unknown) => isFlotillaError(error, 'engine-unreachable') && error.message.includes(endpoint);
    await assert.rejects(missing.ping(), unreachable);
    await assert.rejects(missing.listProject(project), unreachable);
    await assert.rejects(collect(missing.logs('x', { follow: true, timestamps: false })), unreachable);
    await assert.rejects(create(testService('web', [testContainer('app', ['true'])]), missing), unreachable);
  });
});
