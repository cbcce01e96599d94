import assert from 'node:assert/strict';
import type { ContainerStats, EngineObservability, LogLine, LogOptions } from '../../../src/core/ports/engine';
import { FlotillaStore } from '../../../src/core/status/store';
import { FLUSH_MS, LogSession, MAX_BATCH_LINES, type LogSessionOptions, type LogTarget } from '../../../src/app/log-session';
import { systemClock } from '../../../src/core/ports/clock';
import type { FlotillaTarget } from '../../../src/vscode/contract';
import { logChannelName, logTarget, storePods } from '../../../src/vscode/logs';
import { observed, observedContainer } from '../observed';

/** Log streams the test writes to; each ends when its container "stops". */
class ScriptedLogs implements EngineObservability {
  readonly opened: { id: string; options: LogOptions }[] = [];
  private readonly streams = new Map<string, { lines: LogLine[]; wake?: () => void; ended: boolean }>();

  write(id: string, ...texts: string[]): void {
    const stream = this.stream(id);
    stream.lines.push(...texts.map((text) => ({ stream: 'stdout' as const, text })));
    stream.wake?.();
  }

  end(id: string): void {
    const stream = this.stream(id);
    stream.ended = true;
    stream.wake?.();
  }

  async *logs(id: string, options: LogOptions): AsyncIterable<LogLine> {
    this.opened.push({ id, options });
    const stream = this.stream(id);
    stream.ended = false;
    while (!options.signal?.aborted) {
      const line = stream.lines.shift();
      if (line) {
        yield line;
        continue;
      }
      if (stream.ended) return;
      await new Promise<void>((resolve) => {
        stream.wake = resolve;
        options.signal?.addEventListener('abort', () => resolve(), { once: true });
      });
    }
  }

  async stats(): Promise<ContainerStats> {
    throw new Error('not used');
  }

  private stream(id: string) {
    let stream = this.streams.get(id);
    if (!stream) this.streams.set(id, (stream = { lines: [], ended: false }));
    return stream;
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, FLUSH_MS * 2));
const web: FlotillaTarget = { kind: 'service', manifestPath: '/w/flotilla.yaml', project: 'shop', service: 'web' };

/** A session on the store's listing of "shop", as Show Logs opens it. */
function open(logs: ScriptedLogs, store: FlotillaStore, target: FlotillaTarget | LogTarget, appends: string[], options: LogSessionOptions): LogSession {
  const covered = 'kind' in target ? logTarget(target) : target;
  return new LogSession(logs, storePods(store, 'shop'), covered, { append: (text) => appends.push(text) }, options, systemClock);
}

describe('log session', () => {
  let store: FlotillaStore;
  let logs: ScriptedLogs;
  let appends: string[];
  let session: LogSession | undefined;

  beforeEach(() => {
    store = new FlotillaStore();
    logs = new ScriptedLogs();
    appends = [];
    store.setObserved(
      observed('shop', [observedContainer('web-1', 'app'), observedContainer('web-1', 'side'), observedContainer('web-2', 'app'), observedContainer('api-1', 'server')]),
    );
  });
  afterEach(() => session?.dispose());

  it('names channels per the contract', () => {
    assert.equal(logChannelName(web), 'Flotilla Logs: web');
    assert.equal(logChannelName({ ...web, kind: 'pod', pod: 'web-1' }), 'Flotilla Logs: web-1');
    assert.equal(logChannelName({ ...web, kind: 'container', pod: 'web-1', container: 'app' }), 'Flotilla Logs: web-1/app');
  });

  it('merges every replica and sidecar of a service with a [pod/container] prefix, in batches', async () => {
    session = open(logs, store, web, appends, { tail: 50, timestamps: false });
    assert.deepEqual(
      logs.opened.map((o) => [o.id, o.options.tail, o.options.follow]),
      [
        ['web-1-app-id', 50, true],
        ['web-1-side-id', 50, true],
        ['web-2-app-id', 50, true],
      ],
    );
    for (let i = 0; i < 300; i++) logs.write('web-1-app-id', `line ${i}`);
    logs.write('web-2-app-id', 'hello');
    await settle();
    const lines = appends.join('').split('\n').filter(Boolean);
    assert.equal(lines.length, 301);
    assert.equal(lines[0], '[web-1/app] line 0');
    assert.ok(lines.includes('[web-2/app] hello'));
    // 301 lines arrived in one burst: a few appends, not one per line.
    assert.ok(appends.length <= 3, `${appends.length} appends`);
  });

  it('holds a flood back in bounded batches and loses nothing', async () => {
    session = open(logs, store, { ...web, kind: 'container', pod: 'web-1', container: 'app' }, appends, { tail: 0, timestamps: false });
    for (let i = 0; i < 12_000; i++) logs.write('web-1-app-id', `flood ${i}`);
    await new Promise((resolve) => setTimeout(resolve, FLUSH_MS * 5));
    const batches = appends.map((text) => text.split('\n').length - 1);
    assert.equal(
      batches.reduce((a, b) => a + b, 0),
      12_000,
    );
    assert.ok(
      batches.every((n) => n <= MAX_BATCH_LINES),
      batches.join(','),
    );
    assert.ok(appends.join('').endsWith('[web-1/app] flood 11999\n'));
  });

  it('attaches to a replacement container the store shows, and to nothing else', async () => {
    session = open(logs, store, { ...web, kind: 'pod', pod: 'web-1' }, appends, { tail: 10, timestamps: false, filter: 'keep' });
    logs.end('web-1-app-id');
    store.setObserved(observed('shop', [observedContainer('web-1', 'app', { id: 'new-app' }), observedContainer('web-1', 'side'), observedContainer('web-2', 'app')]));
    assert.deepEqual(
      logs.opened.map((o) => o.id),
      ['web-1-app-id', 'web-1-side-id', 'new-app'],
    );
    assert.equal(logs.opened[2]?.options.tail, undefined, 'a replacement is shown from its start');
    logs.write('new-app', 'keep me', 'drop me');
    await settle();
    assert.deepEqual(appends.join('').split('\n').filter(Boolean), ['[web-1/app] --- following the new container new-app ---', '[web-1/app] keep me']);
  });

  it('stops following when disposed', async () => {
    session = open(logs, store, web, appends, { tail: 0, timestamps: false });
    session.dispose();
    logs.write('web-1-app-id', 'late');
    store.setObserved(observed('shop', [observedContainer('web-3', 'app')]));
    await settle();
    assert.deepEqual(appends, []);
    assert.equal(logs.opened.length, 3);
  });
});
