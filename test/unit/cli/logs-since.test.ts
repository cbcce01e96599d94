// `flotilla logs --since`: a duration ago, a time, or seconds since the epoch; anything else is a
// usage error that says the three forms.
import assert from 'node:assert/strict';
import { parseSince } from '../../../src/cli/commands/logs';

const NOW = Date.parse('2026-11-24T10:00:00.000Z');

describe('logs --since', () => {
  it('reads a duration as that long before now', () => {
    assert.equal(parseSince('10m', NOW), NOW / 1000 - 600);
    assert.equal(parseSince('90s', NOW), NOW / 1000 - 90);
    assert.equal(parseSince('1500ms', NOW), Math.floor((NOW - 1500) / 1000));
    assert.equal(parseSince('2h', NOW), NOW / 1000 - 7200);
  });

  it('reads an ISO time and seconds since the epoch', () => {
    assert.equal(parseSince('2026-11-24T09:30:00Z', NOW), Date.parse('2026-11-24T09:30:00Z') / 1000);
    assert.equal(parseSince('2026-11-24T09:30:00.999Z', NOW), Date.parse('2026-11-24T09:30:00Z') / 1000, 'whole seconds, rounded down');
    assert.equal(parseSince('1764000000', NOW), 1764000000);
  });

  it('refuses anything else with the three forms', () => {
    for (const bad of ['yesterday', '10 minutes', '-5m', '']) {
      assert.throws(() => parseSince(bad, NOW), /--since takes a duration like 10m, a time like .*, or seconds since the epoch; got/, bad);
    }
  });
});
