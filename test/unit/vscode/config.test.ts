import assert from 'node:assert/strict';
import { DEFAULTS, effectsOf, readConfig } from '../../../src/vscode/config';

const settings = (values: Record<string, unknown>) => (key: string) => values[key];

describe('editor config', () => {
  it('reads typed values and falls back to defaults for missing or wrong types', () => {
    assert.deepEqual(readConfig(settings({}), true), DEFAULTS);
    const config = readConfig(settings({ dockerHost: ' tcp://h:2375 ', 'logs.tail': 50, downOnClose: true, manifestGlob: '**/x.yaml' }), true);
    assert.deepEqual(config, { dockerHost: 'tcp://h:2375', logsTail: 50, downOnClose: true, manifestGlob: '**/x.yaml' });
    assert.equal(readConfig(settings({ 'logs.tail': -1 }), true).logsTail, 200);
    assert.equal(readConfig(settings({ 'logs.tail': '5' }), true).logsTail, 200);
    assert.equal(readConfig(settings({ downOnClose: 'yes' }), true).downOnClose, false);
  });

  it('ignores dockerHost while the workspace is untrusted', () => {
    assert.equal(readConfig(settings({ dockerHost: 'tcp://evil:2375' }), false).dockerHost, '');
  });

  it('asks for a reconnect only when the effective endpoint changes', () => {
    const base = readConfig(settings({ dockerHost: 'unix:///a.sock' }), true);
    assert.deepEqual(effectsOf(base, readConfig(settings({ dockerHost: 'unix:///a.sock', 'logs.tail': 10 }), true)), { reconnect: false, rescan: false });
    assert.deepEqual(effectsOf(base, readConfig(settings({ dockerHost: 'unix:///b.sock' }), true)), { reconnect: true, rescan: false });
    // Granting trust makes a set dockerHost take effect: that is a reconnect too.
    const untrusted = readConfig(settings({ dockerHost: 'unix:///a.sock' }), false);
    assert.deepEqual(effectsOf(untrusted, base), { reconnect: true, rescan: false });
    assert.deepEqual(effectsOf(base, readConfig(settings({ dockerHost: 'unix:///a.sock', manifestGlob: '*.yaml' }), true)), { reconnect: false, rescan: true });
  });
});
