// Every supervisor note kind, worded once: the lines `up --watch` prints, the live view keeps and
// the editor's output shows.
import assert from 'node:assert/strict';
import type { PlanStep } from '../../../../src/core/reconcile/plan';
import type { SupervisorNote } from '../../../../src/core/supervise/supervisor';
import { describeBackoff, describeCountdown, describeEvent, describeHealing, describeHealthChange, describeNote } from '../../../../src/core/wording';

const heal: PlanStep = { action: { kind: 'create-pod', service: 'web', pod: 'web-1', revision: 2 }, reason: 'replacing pod web-1 (restart: always)', heal: true };
const say = (note: SupervisorNote) => describeNote(note);

describe('wording: supervisor notes', () => {
  it('words every kind of note with its tone', () => {
    const cases: [SupervisorNote, string | undefined, string | undefined][] = [
      [{ kind: 'event', event: { time: 0, action: 'die', containerId: 'abc', pod: 'web-1', container: 'app', exitCode: 137 } }, 'event web-1/app die (exit 137)', 'warning'],
      [{ kind: 'event', event: { time: 0, action: 'start', containerId: 'abc', pod: 'web-1', container: 'app' } }, undefined, undefined],
      [{ kind: 'stream', status: { state: 'connected' } }, 'engine event stream connected', 'plain'],
      [{ kind: 'stream', status: { state: 'disconnected', error: 'EOF', retryInMs: 2000 } }, "lost the engine's event stream (EOF); reconnecting in 2s", 'warning'],
      [{ kind: 'heal-delayed', pod: 'web-1', crashes: 3, inMs: 39_200 }, 'web-1: restarting in 40s (crash 4)', 'warning'],
      [{ kind: 'progress', event: { type: 'begin', step: heal, index: 1, total: 1 } }, undefined, undefined],
      [
        { kind: 'progress', event: { type: 'done', step: heal, index: 1, total: 1, ms: 5 } },
        'healed: create pod web-1 (revision 2) (replacing pod web-1 (restart: always))',
        'plain',
      ],
      [{ kind: 'progress', event: { type: 'failed', step: heal, error: new Error('port taken') } }, 'failed: create pod web-1 (revision 2): port taken', 'error'],
      [{ kind: 'pass-failed', error: new Error('engine gone') }, 'reconcile failed: engine gone; retrying', 'error'],
      [{ kind: 'health', containerId: 'c', service: 'web', pod: 'web-1', container: 'app', health: { status: 'healthy', failingStreak: 0 } }, undefined, undefined],
      [{ kind: 'serving', service: 'web', url: 'http://127.0.0.1:18080', pods: ['web-1', 'web-2'] }, 'web: http://127.0.0.1:18080 -> 2 pods (web-1, web-2)', 'plain'],
      [{ kind: 'serving', service: 'web', url: 'http://127.0.0.1:18080', pods: [] }, 'web: http://127.0.0.1:18080 -> 0 pods (no ready pod: new connections are closed)', 'plain'],
      [{ kind: 'port-failed', service: 'web', error: new Error('in use') }, 'web: not served (the rest of the project is still supervised): in use', 'error'],
      [
        { kind: 'port-closed', service: 'web', url: 'http://127.0.0.1:18080', reason: 'removed from the manifest' },
        'web: stopped serving http://127.0.0.1:18080 (removed from the manifest)',
        'plain',
      ],
      [{ kind: 'desired-changed', services: ['web', 'api'] }, 'took over a new manifest; rolling out web, api by their deploy strategy', 'plain'],
      [{ kind: 'desired-changed', services: [] }, 'took over a new manifest (no service spec changed)', 'plain'],
      [{ kind: 'deploy-error', service: 'web', error: new Error('no image') }, 'web: the rollout stopped: no image; not retried until the manifest changes', 'error'],
      [
        { kind: 'deploy', note: { kind: 'started', service: 'web', revision: 3, resumed: false, rollbackOf: 1 } },
        'web: starting rollout of revision 3 (back to revision 1)',
        'plain',
      ],
      [{ kind: 'deploy', note: { kind: 'started', service: 'web', revision: 3, resumed: true } }, 'web: resuming rollout of revision 3', 'plain'],
      [
        { kind: 'deploy', note: { kind: 'action', service: 'web', action: { kind: 'route', pods: ['web-3'], switch: true, reason: 'the new set is healthy' } } },
        'web: route to web-3 (switch): the new set is healthy',
        'plain',
      ],
      [{ kind: 'deploy', note: { kind: 'action', service: 'web', action: { kind: 'drain-pod', pod: 'web-1', reason: 'old set' } } }, 'web: drain-pod web-1: old set', 'plain'],
      [{ kind: 'deploy', note: { kind: 'action', service: 'web', action: { kind: 'done', reason: 'all healthy' } } }, 'web: done: all healthy', 'plain'],
      [{ kind: 'deploy', note: { kind: 'waiting', service: 'web', what: 'web-3 to turn healthy' } }, 'web: waiting for web-3 to turn healthy', 'dim'],
      [{ kind: 'deploy', note: { kind: 'rolling-back', service: 'web', revision: 3, reason: 'unhealthy' } }, 'web: revision 3 failed (unhealthy); rolling back', 'warning'],
      [{ kind: 'deploy-outcome', outcome: { service: 'web', revision: 3, result: 'deployed' } }, 'web: deployed (revision 3).', 'good'],
      [{ kind: 'deploy-outcome', outcome: { service: 'web', revision: 2, result: 'unchanged' } }, 'web: already runs this spec (revision 2); nothing to deploy.', 'plain'],
      [{ kind: 'deploy-outcome', outcome: { service: 'web', revision: 3, result: 'rolled back: unhealthy' } }, 'web: rolled back: unhealthy (revision 3).', 'error'],
    ];
    for (const [note, text, tone] of cases) assert.deepEqual([say(note)?.text, say(note)?.tone], [text, tone], JSON.stringify(note));
  });

  it('words events without a pod by their container id, and health transitions with the probe detail', () => {
    assert.equal(describeEvent({ time: 0, action: 'oom', containerId: '0123456789abcdef' }), 'event 0123456789ab oom');
    const before = { status: 'starting' as const, failingStreak: 0 };
    const after = { status: 'healthy' as const, failingStreak: 0, lastProbe: { at: 0, ok: true, latencyMs: 3, output: 'HTTP 200' } };
    assert.equal(describeHealthChange('web-1', 'app', before, after), 'web-1/app: starting -> healthy (3 ms)');
    assert.equal(describeHealthChange('web-1', 'app', undefined, before), 'web-1/app: starting', 'the first report');
    assert.equal(describeHealing('web-1', 'its first container app exited with code 137'), 'web-1: restarting: its first container app exited with code 137');
  });
});

describe('wording: backoff', () => {
  it('says a held-back restart one way, in whole seconds rounded up', () => {
    assert.equal(describeBackoff(undefined, 4, 40_000), 'restarting in 40s (crash 4)');
    assert.equal(describeBackoff('web-1', 2, 8_100), 'web-1: restarting in 9s (crash 2)');
    assert.equal(describeBackoff(undefined, 6, 150_000), 'restarting in 2m30s (crash 6)');
    assert.equal(describeBackoff(undefined, undefined, -5), 'restarting in 0s (crash ?)', 'overdue: due now');
    assert.equal(describeCountdown(300_000), '5m0s');
  });
});
