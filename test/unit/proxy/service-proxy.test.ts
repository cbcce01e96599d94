// The service proxy over real sockets: plain node servers stand in for replicas (each greets a
// connection with its name, then echoes), the proxy listens on an OS-chosen 127.0.0.1 port.
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { isFlotillaError } from '../../../src/core/model/errors';
import type { DesiredService } from '../../../src/core/model/state';
import { ServicePorts } from '../../../src/proxy';
import { ServiceProxy, type Backend, type ProxyNote } from '../../../src/proxy/service-proxy';

interface Replica {
  backend: Backend;
  server: net.Server;
  sockets: Set<net.Socket>;
}

async function startReplica(id: string): Promise<Replica> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.write(`${id}\n`);
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { backend: { id, host: '127.0.0.1', port: (server.address() as net.AddressInfo).port }, server, sockets };
}

async function stopReplica(replica: Replica): Promise<void> {
  for (const socket of replica.sockets) socket.destroy();
  await new Promise<void>((resolve) => replica.server.close(() => resolve()));
}

/** A port nothing listens on: bound, then released. */
async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface Connection {
  name: string;
  socket: net.Socket;
  closed: Promise<void>;
}

/** Connects through the proxy and reads the greeting: which replica answered. */
function connect(port: number): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const closed = new Promise<void>((done) => socket.on('close', () => done()));
    let buffer = '';
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      buffer += chunk.toString();
      const line = buffer.indexOf('\n');
      if (line >= 0) resolve({ name: buffer.slice(0, line), socket, closed });
    });
    socket.on('close', () => reject(new Error(`closed before a greeting (got "${buffer}")`)));
  });
}

async function oneShot(port: number): Promise<string> {
  const c = await connect(port);
  c.socket.end();
  await c.closed;
  return c.name;
}

async function waitUntil(what: string, check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('ServiceProxy (real sockets)', () => {
  const replicas: Replica[] = [];
  let proxy: ServiceProxy | undefined;
  const notes: ProxyNote[] = [];

  const start = async (ids: string[], balance: 'round-robin' | 'least-connections' = 'round-robin') => {
    for (const id of ids) replicas.push(await startReplica(id));
    proxy = await ServiceProxy.listen({ name: 'service web', host: '127.0.0.1', port: 0, balance, onNote: (n) => notes.push(n) });
    proxy.setBackends(replicas.map((r) => r.backend));
    return proxy;
  };

  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
    await Promise.all(replicas.splice(0).map(stopReplica));
    notes.length = 0;
  });

  it('round robin: consecutive connections alternate across the backends', async () => {
    const p = await start(['a', 'b', 'c']);
    const names: string[] = [];
    for (let i = 0; i < 6; i++) names.push(await oneShot(p.address.port));
    assert.deepEqual([...names].sort(), ['a', 'a', 'b', 'b', 'c', 'c']);
    assert.notEqual(names[0], names[1]);
    assert.deepEqual(names.slice(0, 3), names.slice(3), 'the same rotation repeats');
  });

  it('forwards bytes both ways, including after the client half-closes', async () => {
    const p = await start(['a']);
    const c = await connect(p.address.port);
    let echoed = '';
    c.socket.on('data', (chunk) => (echoed += chunk.toString()));
    c.socket.end('hello');
    await c.closed;
    assert.equal(echoed, 'hello');
  });

  it('least-connections: a new connection goes to the backend with the fewest open ones, and counts are kept', async () => {
    const p = await start(['a', 'b'], 'least-connections');
    const first = await connect(p.address.port);
    const second = await connect(p.address.port);
    assert.notEqual(first.name, second.name);
    first.socket.destroy();
    await waitUntil('the closed connection to be uncounted', () => p.openConnections().get(first.name) === 0);
    const third = await connect(p.address.port);
    assert.equal(third.name, first.name, 'the emptier backend takes the new connection');
    const fourth = await connect(p.address.port);
    const fifth = await connect(p.address.port);
    assert.notEqual(fourth.name, fifth.name, 'at a tie both get one');
    assert.deepEqual([...p.openConnections()].sort(), [
      ['a', 2],
      ['b', 2],
    ]);
    for (const c of [second, third, fourth, fifth]) c.socket.destroy();
    await waitUntil('every connection to be uncounted', () => [...p.openConnections().values()].every((n) => n === 0));
  });

  it('drain: the draining backend gets no new connections while its open one completes', async () => {
    const p = await start(['a', 'b']);
    let open = await connect(p.address.port);
    if (open.name !== 'a') {
      const other = open;
      open = await connect(p.address.port);
      other.socket.destroy();
    }
    assert.equal(open.name, 'a');
    const draining = p.drain('a', 5000);
    for (let i = 0; i < 4; i++) assert.equal(await oneShot(p.address.port), 'b');
    let echoed = '';
    open.socket.on('data', (chunk) => (echoed += chunk.toString()));
    open.socket.write('still here');
    await waitUntil('the open connection to keep working', () => echoed === 'still here');
    const settled = await Promise.race([draining.then(() => 'drained'), new Promise((r) => setTimeout(() => r('pending'), 100))]);
    assert.equal(settled, 'pending', 'drain waits for the open connection');
    open.socket.end();
    assert.deepEqual(await draining, { cut: 0 });
    assert.deepEqual(
      p.backends().map((b) => b.id),
      ['b'],
    );
  });

  it('drain: connections still open at the timeout are cut', async () => {
    const p = await start(['a']);
    const open = await connect(p.address.port);
    const result = await p.drain('a', 200);
    assert.deepEqual(result, { cut: 1 });
    await open.closed;
    assert.ok(notes.some((n) => n.kind === 'drain-cut' && n.id === 'a'));
  });

  it('skips a backend that refuses the connection, reports it, and serves from the next', async () => {
    const p = await start(['b']);
    p.setBackends([{ id: 'dead', host: '127.0.0.1', port: await deadPort() }, ...replicas.map((r) => r.backend)]);
    for (let i = 0; i < 4; i++) assert.equal(await oneShot(p.address.port), 'b');
    assert.ok(
      notes.some((n) => n.kind === 'backend-failed' && n.id === 'dead'),
      JSON.stringify(notes),
    );
  });

  it("falls back to a backend's published address when its container address cannot be reached, for this client and every later one", async () => {
    const replica = await startReplica('a');
    replicas.push(replica);
    proxy = await ServiceProxy.listen({ name: 'service web', host: '127.0.0.1', port: 0, balance: 'round-robin', connectTimeoutMs: 300, onNote: (n) => notes.push(n) });
    // A documentation address (RFC 3849), never routed: no route (ENETUNREACH) or no answer (timeout).
    const viaIp = { id: 'a', host: '2001:db8::1', port: 8080, fallback: { host: '127.0.0.1', port: replica.backend.port } };
    proxy.setBackends([viaIp]);
    for (let i = 0; i < 3; i++) assert.equal(await oneShot(proxy.address.port), 'a');
    const [note] = notes;
    assert.equal(notes.length, 1, JSON.stringify(notes));
    assert.ok(note?.kind === 'backend-fallback' && note.id === 'a' && note.fallback === `127.0.0.1:${replica.backend.port}`, JSON.stringify(note));
    proxy.setBackends([viaIp]); // the supervisor routes the same address again: still the fallback
    assert.deepEqual(proxy.backends(), [{ id: 'a', host: '127.0.0.1', port: replica.backend.port }]);
    assert.equal(await oneShot(proxy.address.port), 'a');
    assert.equal(notes.length, 1, 'told once');
  });

  it('a container address that refuses (nothing listens yet) is skipped as usual, not swapped for its fallback', async () => {
    const p = await start(['b']);
    const a = { id: 'a', host: '127.0.0.1', port: await deadPort(), fallback: { host: '127.0.0.1', port: replicas[0]!.backend.port } };
    p.setBackends([a, ...replicas.map((r) => r.backend)]);
    for (let i = 0; i < 2; i++) assert.equal(await oneShot(p.address.port), 'b');
    assert.ok(
      notes.some((n) => n.kind === 'backend-failed' && n.id === 'a'),
      JSON.stringify(notes),
    );
    assert.ok(!notes.some((n) => n.kind === 'backend-fallback'), JSON.stringify(notes));
    assert.deepEqual(p.backends()[0], a, 'still routed to its container address');
  });

  it('closes the client when no backend accepts', async () => {
    const p = await start([]);
    p.setBackends([{ id: 'dead', host: '127.0.0.1', port: await deadPort() }]);
    await assert.rejects(connect(p.address.port), /closed before a greeting/);
    await waitUntil('the no-backend note', () => notes.some((n) => n.kind === 'no-backend'));
  });

  it('a backend dying mid-way closes its clients; new connections go to the survivor', async () => {
    const p = await start(['a', 'b']);
    const first = await connect(p.address.port);
    const victim = replicas.find((r) => r.backend.id === first.name) as Replica;
    await stopReplica(victim);
    await first.closed;
    await waitUntil('the dead connection to be uncounted', () => (p.openConnections().get(first.name) ?? 0) === 0);
    for (let i = 0; i < 4; i++) assert.notEqual(await oneShot(p.address.port), first.name);
  });

  it('setBackends: new connections go only to the new set, open ones keep their backend', async () => {
    const p = await start(['a', 'b']);
    const old = await connect(p.address.port);
    p.setBackends(replicas.filter((r) => r.backend.id !== old.name).map((r) => r.backend));
    for (let i = 0; i < 3; i++) assert.notEqual(await oneShot(p.address.port), old.name);
    assert.equal(p.openConnections().get(old.name), 1, 'the replaced backend is still counted while it has a connection');
    let echoed = '';
    old.socket.on('data', (chunk) => (echoed += chunk.toString()));
    old.socket.write('x');
    await waitUntil('the old connection to keep working', () => echoed === 'x');
    old.socket.destroy();
  });

  it('keeps connections ready ahead of clients (uncounted), and closes them when the backend is drained', async () => {
    const p = await start(['a']);
    const replica = replicas[0] as Replica;
    await waitUntil('two pre-connected sockets', () => replica.sockets.size === 2);
    assert.deepEqual([...p.openConnections()], [['a', 0]], 'ready connections are not client connections');
    assert.equal(await oneShot(p.address.port), 'a');
    await p.drain('a', 1000);
    await waitUntil('the pool to close its sockets to the drained backend', () => replica.sockets.size === 0);
  });

  it('replays a request on a fresh connection when the pooled one was dropped by the backend unanswered', async () => {
    // Like an HTTP server closing an idle keep-alive connection: a request on a connection older
    // than 100 ms is dropped without an answer; a fresh one is answered.
    const seen: string[] = [];
    const server = net.createServer((socket) => {
      const born = Date.now();
      socket.on('error', () => undefined);
      socket.on('data', (chunk) => {
        seen.push(chunk.toString());
        if (Date.now() - born > 100) socket.destroy();
        else socket.end(`pong ${chunk.toString()}`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      proxy = await ServiceProxy.listen({ name: 'service web', host: '127.0.0.1', port: 0, balance: 'round-robin' });
      proxy.setBackends([{ id: 'a', host: '127.0.0.1', port: (server.address() as net.AddressInfo).port }]);
      await new Promise((resolve) => setTimeout(resolve, 250));
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = net.connect({ host: '127.0.0.1', port: proxy!.address.port }, () => socket.write('ping'));
        let text = '';
        socket.on('data', (chunk) => (text += chunk.toString()));
        socket.on('close', () => (text ? resolve(text) : reject(new Error('closed without an answer'))));
        socket.on('error', reject);
      });
      assert.equal(answer, 'pong ping');
      assert.deepEqual(seen, ['ping', 'ping'], 'dropped on the stale pooled connection, answered on the fresh one');
    } finally {
      await proxy?.close();
      proxy = undefined;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('reports a taken host port as port-in-use, naming the address', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      await assert.rejects(ServiceProxy.listen({ name: 'service web', host: '127.0.0.1', port, balance: 'round-robin' }), (error) => {
        assert.ok(isFlotillaError(error, 'port-in-use'));
        assert.match(error.message, new RegExp(`service web on 127\\.0\\.0\\.1:${port}: the port is already in use`));
        return true;
      });
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('ServicePorts: when one service port is taken, the ones already opened are closed again', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as net.AddressInfo).port;
    const free = await deadPort();
    const service = (name: string, hostPort: number) => ({ name, expose: { port: 80, hostPort, hostIp: '127.0.0.1', balance: 'round-robin' } }) as DesiredService;
    const ports = new ServicePorts();
    try {
      await assert.rejects(
        ports.open([service('api', free), service('web', taken)]),
        (e) => isFlotillaError(e, 'port-in-use') && e.message.includes(`service web on 127.0.0.1:${taken}`),
      );
      assert.equal(ports.proxy('api'), undefined);
      const again = await ServiceProxy.listen({ name: 'x', host: '127.0.0.1', port: free, balance: 'round-robin' });
      await again.close();
    } finally {
      await ports.close();
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('ServicePorts: a route keeps the fallback address of each pod', async () => {
    const ports = new ServicePorts();
    try {
      await ports.open([{ name: 'web', expose: { port: 80, hostPort: 0, hostIp: '127.0.0.1', balance: 'round-robin' } } as DesiredService]);
      ports.route('web', [{ pod: 'a', host: '172.18.0.5', port: 80, fallback: { host: '127.0.0.1', port: 32768 } }]);
      assert.deepEqual(ports.proxy('web')!.backends(), [{ id: 'a', host: '172.18.0.5', port: 80, fallback: { host: '127.0.0.1', port: 32768 } }]);
    } finally {
      await ports.close();
    }
  });

  it('reports an address this machine does not have', async () => {
    await assert.rejects(ServiceProxy.listen({ name: 'service web', host: '192.0.2.1', port: 0, balance: 'round-robin' }), (error) => {
      assert.ok(isFlotillaError(error, 'refused'));
      assert.match(error.message, /192\.0\.2\.1:0.*expose\.hostIp/);
      return true;
    });
  });

  it('close() releases the port and cuts open connections', async () => {
    const p = await start(['a']);
    const { port } = p.address;
    const open = await connect(port);
    await p.close();
    proxy = undefined;
    await open.closed;
    const again = await ServiceProxy.listen({ name: 'service web', host: '127.0.0.1', port, balance: 'round-robin' });
    await again.close();
  });
});
