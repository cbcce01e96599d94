import assert from 'node:assert/strict';
import { describeProxyNote } from '../../../../src/core/wording';

describe('proxy notes for people', () => {
  it('says what happened to which pod, and stays quiet about a client no pod could take', () => {
    assert.equal(
      describeProxyNote('web', { kind: 'backend-failed', id: 'web-2', error: 'connect ECONNREFUSED' }),
      'web: pod web-2 refused a connection (connect ECONNREFUSED); sent it to the next pod',
    );
    assert.equal(
      describeProxyNote('web', { kind: 'backend-fallback', id: 'web-1', error: 'connect timed out', fallback: '127.0.0.1:49153' }),
      'web: pod web-1 cannot be reached on its container address (connect timed out); using its published port 127.0.0.1:49153 from now on',
    );
    assert.equal(describeProxyNote('web', { kind: 'drain-cut', id: 'web-1', connections: 3 }), 'web: cut 3 connection(s) to web-1 still open at the drain timeout');
    assert.equal(describeProxyNote('web', { kind: 'no-backend', tried: ['web-1'] }), undefined);
  });
});
