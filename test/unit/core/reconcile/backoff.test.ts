import assert from 'node:assert/strict';
import { gateByBackoff, KUBELET_BACKOFF, restartDelay, RestartBackoff } from '../../../../src/core/reconcile/backoff';
import type { Plan, PlanStep } from '../../../../src/core/reconcile/plan';
import { ManualClock } from '../../manual-clock';

describe('restart backoff', () => {
  it('follows kubelet: immediate, then 10 s doubling to 5 min, forgotten after 10 min', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 10].map((n) => restartDelay(KUBELET_BACKOFF, n)),
      [0, 10_000, 20_000, 40_000, 80_000, 300_000],
    );
    const backoff = new RestartBackoff();
    backoff.recordRestart('web-1', 0);
    assert.equal(backoff.nextAllowedAt('web-1', 1000), 10_000);
    backoff.recordRestart('web-1', 10_000);
    assert.equal(backoff.nextAllowedAt('web-1', 10_000), 30_000);
    assert.equal(backoff.nextAllowedAt('web-1', 10_000 + 600_000), 610_000, 'reset after ten minutes');
  });
});

const heal = (pod: string): PlanStep[] => [
  { action: { kind: 'remove-pod', service: 'api', pod, containerIds: [`${pod}-c`], graceMs: 0 }, reason: 'it crashed', heal: true },
  { action: { kind: 'create-pod', service: 'api', pod, revision: 1 }, reason: `replacing pod ${pod}`, heal: true },
];
const createNetwork: PlanStep = { action: { kind: 'create-network', network: 'flotilla-shop' }, reason: 'missing' };
const scaleUp: PlanStep = { action: { kind: 'create-pod', service: 'web', pod: 'web-3', revision: 1 }, reason: 'scaled up' };
const removeExtra: PlanStep = { action: { kind: 'remove-pod', service: 'web', pod: 'web-4', containerIds: ['w4'], graceMs: 0 }, reason: 'scaled down' };

describe('gateByBackoff', () => {
  it('lets every step of a first heal through and names the pods it heals', () => {
    const clock = new ManualClock();
    const plan: Plan = { steps: [createNetwork, ...heal('api-1')] };
    const gate = gateByBackoff(plan, new RestartBackoff(), clock.now());
    assert.deepEqual(gate.due, plan.steps);
    assert.deepEqual(gate.held, []);
    assert.deepEqual(gate.healing, ['api-1']);
    assert.equal(gate.wakeAt, Infinity);
  });

  it('holds a crash loop back, once per pod, and wakes when the earliest held pod is due', async () => {
    const clock = new ManualClock();
    const backoff = new RestartBackoff({ baseMs: 1_000, maxMs: 60_000, resetAfterMs: 600_000 });
    backoff.recordRestart('api-1', clock.now());
    await clock.advance(400);
    backoff.recordRestart('api-2', clock.now());
    backoff.recordRestart('api-2', clock.now());
    await clock.advance(100);
    const plan: Plan = { steps: [createNetwork, ...heal('api-1'), ...heal('api-2'), scaleUp, removeExtra] };
    const gate = gateByBackoff(plan, backoff, clock.now());
    assert.deepEqual(gate.due, [createNetwork, scaleUp, removeExtra], 'steps of pods with no backoff run now');
    assert.deepEqual(gate.held, [
      { pod: 'api-1', crashes: 1, allowedAt: 1_000 },
      { pod: 'api-2', crashes: 2, allowedAt: 2_400 },
    ]);
    assert.deepEqual(gate.healing, []);
    assert.equal(gate.wakeAt, 1_000);

    await clock.advance(gate.wakeAt - clock.now());
    const later = gateByBackoff(plan, backoff, clock.now());
    assert.deepEqual(later.due, [createNetwork, ...heal('api-1'), scaleUp, removeExtra], 'api-1 is due at its wake-up');
    assert.deepEqual(later.healing, ['api-1']);
    assert.deepEqual(
      later.held.map((h) => h.pod),
      ['api-2'],
    );
    assert.equal(later.wakeAt, 2_400);
  });

  it('reads the backoff without changing it: the same inputs give the same gate', async () => {
    const clock = new ManualClock();
    const backoff = new RestartBackoff({ baseMs: 1_000, maxMs: 60_000, resetAfterMs: 5_000 });
    backoff.recordRestart('api-1', clock.now());
    const plan: Plan = { steps: heal('api-1') };
    await clock.advance(6_000);
    const first = gateByBackoff(plan, backoff, clock.now());
    assert.deepEqual(first.held, [], 'forgotten after resetAfterMs of good running');
    assert.deepEqual(
      gateByBackoff(plan, backoff, 500),
      { due: [], held: [{ pod: 'api-1', crashes: 1, allowedAt: 1_000 }], healing: [], wakeAt: 1_000 },
      'an earlier now still sees the crash',
    );
    assert.deepEqual(gateByBackoff(plan, backoff, clock.now()), first);
  });

  it('holds the re-creation of a pod whose last attempt failed, heal or not', () => {
    const backoff = new RestartBackoff({ baseMs: 1_000, maxMs: 60_000, resetAfterMs: 600_000 });
    backoff.recordRestart('web-3', 0);
    const gate = gateByBackoff({ steps: [scaleUp] }, backoff, 10);
    assert.deepEqual(gate.due, []);
    assert.deepEqual(gate.held, [{ pod: 'web-3', crashes: 1, allowedAt: 1_000 }]);
  });
});
