import assert from 'node:assert/strict';
import { stableHash } from '../../../../src/core/model/hash';
import { formatDuration, memoryHint, parseCpus, parseDuration, parseMemory, parsePercent } from '../../../../src/core/model/units';

describe('units', () => {
  it('parses durations', () => {
    assert.equal(parseDuration('10s'), 10_000);
    assert.equal(parseDuration('250ms'), 250);
    assert.equal(parseDuration('1.5m'), 90_000);
    assert.equal(parseDuration('2h'), 7_200_000);
    assert.equal(parseDuration('10'), undefined);
    assert.equal(parseDuration('ten s'), undefined);
    assert.equal(formatDuration(1500), '1.5s');
  });

  it('parses memory in binary and decimal units, with hints for the usual mistakes', () => {
    assert.equal(parseMemory('128Mi'), 134_217_728);
    assert.equal(parseMemory('1G'), 1e9);
    assert.equal(parseMemory(4096), 4096);
    assert.equal(parseMemory('128MB'), undefined);
    assert.equal(memoryHint('128MB'), 'write "128Mi" (binary, MiB) or "128M" (decimal)');
    assert.equal(memoryHint('1gb'), 'write "1Gi" (binary, GiB) or "1G" (decimal)');
    assert.equal(memoryHint('128Mi'), undefined);
  });

  it('parses CPUs and percentages', () => {
    assert.equal(parseCpus(0.5), 0.5);
    assert.equal(parseCpus('500m'), 0.5);
    assert.equal(parseCpus('2'), 2);
    assert.equal(parseCpus('0'), undefined);
    assert.equal(parsePercent('70%'), 0.7);
    assert.equal(parsePercent(80), 0.8);
    assert.equal(parsePercent('abc'), undefined);
  });

  it('hashes specs independently of key order', () => {
    assert.equal(stableHash({ a: 1, b: [1, { c: 2, d: 3 }] }), stableHash({ b: [1, { d: 3, c: 2 }], a: 1 }));
    assert.notEqual(stableHash({ a: 1 }), stableHash({ a: 2 }));
    assert.match(stableHash('x'), /^[0-9a-f]{16}$/);
  });
});
