import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineSplitter, parseEventLine, sinceParameter } from '../../../src/engine/events';
import { LogDemuxer, logQuery, splitTimestamp } from '../../../src/engine/log-stream';
import { toContainerStats } from '../../../src/engine/stats';
import statsV1 from './fixtures/stats-cgroup-v1.json';

function frame(stream: 1 | 2, text: string | Buffer): Buffer {
  const body = typeof text === 'string' ? Buffer.from(text) : text;
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

function feedInPieces(demuxer: LogDemuxer, bytes: Buffer, size: number) {
  const lines = [];
  for (let i = 0; i < bytes.length; i += size) lines.push(...demuxer.push(bytes.subarray(i, i + size)));
  return [...lines, ...demuxer.end()];
}

describe('log demultiplexing', () => {
  it('splits frames and lines across chunk boundaries and keeps the streams apart', () => {
    const bytes = Buffer.concat([frame(1, 'hello\nwor'), frame(2, 'oops\n'), frame(1, 'ld\n'), frame(2, ''), frame(1, 'last')]);
    const expected = [
      { stream: 'stdout', text: 'hello' },
      { stream: 'stderr', text: 'oops' },
      { stream: 'stdout', text: 'world' },
      { stream: 'stdout', text: 'last' },
    ];
    for (const size of [1, 3, 5, 8, 9, bytes.length]) assert.deepEqual(feedInPieces(new LogDemuxer(false, false), bytes, size), expected, `chunks of ${size}`);
  });

  it('keeps a multi-byte character split across frames whole', () => {
    const text = Buffer.from('größe ✓\n');
    const bytes = Buffer.concat([frame(1, text.subarray(0, 3)), frame(1, text.subarray(3, 8)), frame(1, text.subarray(8))]);
    assert.deepEqual(feedInPieces(new LogDemuxer(false, false), bytes, 2), [{ stream: 'stdout', text: 'größe ✓' }]);
  });

  it('takes the time of a line from the frame that starts it, stripping every frame prefix', () => {
    // The engine splits lines over 16 KiB into several messages, each with its own timestamp.
    const bytes = Buffer.concat([
      frame(1, '2026-11-24T10:00:00.123456789Z first part '),
      frame(1, '2026-11-24T10:00:01.000000000Z second part\n'),
      frame(2, '2026-11-24T10:00:02.5Z err\n'),
    ]);
    assert.deepEqual(feedInPieces(new LogDemuxer(false, true), bytes, 7), [
      { stream: 'stdout', text: 'first part second part', time: Date.parse('2026-11-24T10:00:00.123Z') },
      { stream: 'stderr', text: 'err', time: Date.parse('2026-11-24T10:00:02.500Z') },
    ]);
  });

  it('reads TTY output without headers, with CRLF and a timestamp on each line', () => {
    const demuxer = new LogDemuxer(true, true);
    assert.deepEqual(demuxer.push(Buffer.from('2026-11-24T10:00:00.123456789Z hi there\r\n2026-11-24T10:00:01Z tail')), [
      { stream: 'stdout', text: 'hi there', time: Date.parse('2026-11-24T10:00:00.123Z') },
    ]);
    assert.deepEqual(demuxer.end(), [{ stream: 'stdout', text: 'tail', time: Date.parse('2026-11-24T10:00:01Z') }]);
    assert.equal(splitTimestamp(Buffer.from('not a time at all')), undefined);
  });

  it('asks the engine only for what was set', () => {
    assert.deepEqual(logQuery({ follow: false, timestamps: true }), { stdout: true, stderr: true, follow: false, timestamps: true });
    assert.deepEqual(logQuery({ follow: true, timestamps: false, since: 1764000000, tail: 0 }), {
      stdout: true,
      stderr: true,
      follow: true,
      timestamps: false,
      since: 1764000000,
      tail: 0,
    });
  });
});

describe('engine events', () => {
  // Captured from GET /events on Docker 20.10: create, start, kill, die, destroy of one container.
  const captured = readFileSync(join(__dirname, 'fixtures', 'events.ndjson'), 'utf8');

  it('parses newline-delimited JSON split anywhere, keeping the exact nanosecond time', () => {
    const splitter = new LineSplitter();
    const lines: string[] = [];
    const bytes = Buffer.from(captured);
    for (let i = 0; i < bytes.length; i += 37) lines.push(...splitter.push(bytes.subarray(i, i + 37)));
    const events = lines.map(parseEventLine);
    assert.deepEqual(
      events.map((e) => e?.event.action),
      ['create', 'start', 'kill', 'die', 'destroy'],
    );
    const die = events[3]!;
    assert.deepEqual(die.event, {
      time: 1795569911864,
      action: 'die',
      containerId: 'f104bcf07c21d73b9a42831fc5e01526e23ea715c7be6f2c7619d91166104a1b',
      project: 'fixture',
      service: 'web',
      pod: 'web-1',
      container: 'app',
      exitCode: 137,
    });
    assert.equal(die.timeNano, 1795569911864080201n);
    assert.equal(sinceParameter(die.timeNano), '1795569911.864080201');
    assert.equal(sinceParameter(5_000_000_007n), '5.000000007');
    assert.equal(events[1]?.event.exitCode, undefined);
  });

  it('ignores broken lines and other object types', () => {
    assert.equal(parseEventLine('{"Type":"container","Act'), undefined);
    assert.equal(parseEventLine('{"Type":"network","Action":"connect","timeNano":1}'), undefined);
    assert.deepEqual(new LineSplitter().push('\n\n'), []);
  });
});

describe('container stats', () => {
  it('computes CPU like the docker CLI and leaves inactive page cache out of memory (cgroup v1 sample)', () => {
    const stats = toContainerStats(statsV1);
    // (1816900362 - 1313625102) / (17987710000000 - 17985670000000) * 2 CPUs * 100
    assert.ok(Math.abs(stats.cpuPercent - 49.3407) < 0.001, String(stats.cpuPercent));
    assert.equal(stats.memoryBytes, 2048000 - 319488);
    assert.equal(stats.memoryLimitBytes, 64 * 2 ** 20);
  });

  it('reads cgroup v2 samples, and a stopped container as zero', () => {
    const v2 = {
      cpu_stats: { cpu_usage: { total_usage: 3e9 }, system_cpu_usage: 2e12, online_cpus: 4 },
      precpu_stats: { cpu_usage: { total_usage: 2e9 }, system_cpu_usage: 1e12 },
      memory_stats: { usage: 50e6, limit: 1e9, stats: { inactive_file: 10e6, file: 30e6 } },
    };
    assert.deepEqual(toContainerStats(v2), { cpuPercent: 0.4, memoryBytes: 40e6, memoryLimitBytes: 1e9 });
    assert.deepEqual(toContainerStats({ cpu_stats: { cpu_usage: { total_usage: 0 } }, precpu_stats: { cpu_usage: {} }, memory_stats: {} }), {
      cpuPercent: 0,
      memoryBytes: 0,
      memoryLimitBytes: 0,
    });
  });
});
