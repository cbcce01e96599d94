import assert from 'node:assert/strict';
import { decideRollout, resolveBudget, type RolloutAction, type RolloutInput, type RolloutPod } from '../../../../src/core/rollout/machine';
import type { DesiredDeploy } from '../../../../src/core/model/state';

const DEPLOY: DesiredDeploy = {
  strategy: 'blue-green',
  maxSurge: '25%',
  maxUnavailable: '25%',
  minHealthyTimeMs: 5000,
  healthyDeadlineMs: 60_000,
  drainTimeoutMs: 10_000,
  autoRollback: true,
  history: 10,
};

const healthy = (name: string, since = 0): RolloutPod => ({ name, status: 'healthy', healthySince: since, createdAt: since, crashes: 0 });
const starting = (name: string, createdAt = 0): RolloutPod => ({ name, status: 'starting', createdAt, crashes: 0 });

function input(extra: Partial<RolloutInput>): RolloutInput {
  return {
    service: 'web',
    replicas: 2,
    deploy: DEPLOY,
    oldPods: [],
    newPods: [],
    routed: [],
    switched: false,
    retiring: [],
    drained: [],
    now: 10_000,
    startedAt: 0,
    crashLoopThreshold: 3,
    ...extra,
  };
}

const kinds = (actions: RolloutAction[]) =>
  actions.map((a) => ('pod' in a ? `${a.kind} ${a.pod}` : a.kind === 'route' ? `route ${a.pods.join(',')}${a.switch ? ' (switch)' : ''}` : a.kind));

describe('rollout budget (Kubernetes rounding)', () => {
  it('rounds surge up and unavailable down, and never leaves both at 0', () => {
    assert.deepEqual(resolveBudget({ maxSurge: '25%', maxUnavailable: '25%' }, 4), { surge: 1, unavailable: 1 });
    assert.deepEqual(resolveBudget({ maxSurge: '25%', maxUnavailable: '25%' }, 1), { surge: 1, unavailable: 0 });
    assert.deepEqual(resolveBudget({ maxSurge: '50%', maxUnavailable: '50%' }, 3), { surge: 2, unavailable: 1 });
    assert.deepEqual(resolveBudget({ maxSurge: 0, maxUnavailable: 0 }, 3), { surge: 1, unavailable: 0 });
    assert.deepEqual(resolveBudget({ maxSurge: 0, maxUnavailable: 2 }, 3), { surge: 0, unavailable: 2 });
    assert.deepEqual(resolveBudget({ maxSurge: 0, maxUnavailable: 9 }, 3), { surge: 0, unavailable: 3 });
  });
});

describe('rollout state machine: blue-green', () => {
  it('starts the whole new set beside the old one at free ordinals, the old set keeps serving', () => {
    const d = decideRollout(input({ oldPods: [healthy('web-1'), healthy('web-2')], routed: [] }));
    assert.deepEqual(kinds(d.actions), ['create-pod web-3', 'create-pod web-4', 'route web-1,web-2']);
  });

  it('waits until every new pod has been healthy for minHealthyTime, then switches at once', () => {
    const old = [healthy('web-1'), healthy('web-2')];
    const waiting = decideRollout(input({ oldPods: old, routed: ['web-1', 'web-2'], newPods: [healthy('web-3', 6000), healthy('web-4', 4000)] }));
    assert.deepEqual(waiting.actions, []);
    assert.match(waiting.waiting ?? '', /1 of 2 new pods healthy for 5s/);
    const ready = decideRollout(input({ oldPods: old, routed: ['web-1', 'web-2'], newPods: [healthy('web-3', 5000), healthy('web-4', 4000)] }));
    assert.deepEqual(kinds(ready.actions), ['route web-3,web-4 (switch)']);
  });

  it('after the switch drains the old set, removes drained pods, and is done when none is left', () => {
    const base = { switched: true, newPods: [healthy('web-3'), healthy('web-4')], routed: ['web-3', 'web-4'] };
    assert.deepEqual(kinds(decideRollout(input({ ...base, oldPods: [healthy('web-1'), healthy('web-2')] })).actions), ['drain-pod web-1', 'drain-pod web-2']);
    assert.deepEqual(kinds(decideRollout(input({ ...base, oldPods: [healthy('web-1'), healthy('web-2')], drained: ['web-1'] })).actions), ['remove-pod web-1', 'drain-pod web-2']);
    assert.deepEqual(kinds(decideRollout(input({ ...base, oldPods: [] })).actions), ['done']);
    assert.deepEqual(kinds(decideRollout(input({ ...base, oldPods: [], routed: ['web-3'] })).actions), ['route web-3,web-4'], 'the last route is applied before done');
  });

  it('never routes to an empty set before the switch (a rollback whose failed pods serve nothing)', () => {
    const d = decideRollout(
      input({ oldPods: [{ name: 'web-3', status: 'unhealthy', createdAt: 0, crashes: 0 }], routed: ['web-1'], newPods: [starting('web-1', 0)], replicas: 1, now: 1000 }),
    );
    assert.deepEqual(kinds(d.actions), []);
  });

  it('a resumed, switched rollout routes only to the new set, never back to the old one', () => {
    const d = decideRollout(input({ switched: true, routed: [], oldPods: [healthy('web-1')], newPods: [healthy('web-3', 9000), healthy('web-4', 9000)] }));
    assert.deepEqual(kinds(d.actions), ['route web-3,web-4', 'drain-pod web-1']);
  });

  it('replaces a crashed new pod, and rolls back when one crash-loops', () => {
    const crashed: RolloutPod = { name: 'web-3', status: 'crashed', createdAt: 9000, crashes: 1, exitCode: 1 };
    const d = decideRollout(input({ oldPods: [healthy('web-1')], routed: ['web-1'], replicas: 1, newPods: [crashed] }));
    assert.deepEqual(kinds(d.actions), ['replace-crashed web-3']);
    const loop = decideRollout(input({ oldPods: [healthy('web-1')], routed: ['web-1'], replicas: 1, newPods: [{ ...crashed, crashes: 2 }] }));
    assert.deepEqual(loop.actions, [{ kind: 'roll-back', reason: 'pod web-3 crash-looped (crashed 3 times, last exit code 1)' }]);
  });

  it('replaces a new pod left created but never started, without counting it as a crash', () => {
    const stranded: RolloutPod = { name: 'web-3', status: 'crashed', neverStarted: true, createdAt: 9000, crashes: 0 };
    const d = decideRollout(input({ oldPods: [healthy('web-1')], routed: ['web-1'], replicas: 1, newPods: [stranded], crashLoopThreshold: 1 }));
    assert.deepEqual(d.actions, [{ kind: 'replace-crashed', pod: 'web-3', reason: 'new pod web-3 was created but never started (the process creating it stopped); replacing it' }]);
  });

  it('rolls back a new pod not healthy by the healthy deadline, or fails when autoRollback is off', () => {
    const late = input({ oldPods: [healthy('web-1')], routed: ['web-1'], replicas: 1, newPods: [starting('web-2', 0)], now: 60_001 });
    assert.deepEqual(decideRollout(late).actions, [{ kind: 'roll-back', reason: 'pod web-2 was not healthy within the healthy deadline of 60s (starting)' }]);
    assert.equal(decideRollout({ ...late, deploy: { ...DEPLOY, autoRollback: false } }).actions[0]?.kind, 'fail');
    assert.deepEqual(decideRollout({ ...late, now: 60_000 }).actions, [], 'at the deadline itself it still waits');
    assert.deepEqual(decideRollout({ ...late, startedAt: 30_000 }).actions, [], 'a pod older than the rollout (a rollback to it, a resume) gets the deadline from the start');
  });
});

describe('rollout state machine: rolling', () => {
  const ROLLING: DesiredDeploy = { ...DEPLOY, strategy: 'rolling' };
  const four = ['web-1', 'web-2', 'web-3', 'web-4'];

  it('25%/25% of 4: one surge pod and one old pod retired at once (it gets no new connections, then drains)', () => {
    const d = decideRollout(input({ deploy: ROLLING, replicas: 4, oldPods: four.map((n) => healthy(n)), routed: four }));
    assert.deepEqual(kinds(d.actions), ['create-pod web-5', 'route web-1,web-2,web-3', 'drain-pod web-4']);
  });

  it('maxUnavailable 0: no old pod leaves before a new one is available', () => {
    const deploy = { ...ROLLING, maxSurge: 1, maxUnavailable: 0 };
    const two = ['web-1', 'web-2'];
    const first = decideRollout(input({ deploy, oldPods: two.map((n) => healthy(n)), routed: two }));
    assert.deepEqual(kinds(first.actions), ['create-pod web-3']);
    const notYet = decideRollout(input({ deploy, oldPods: two.map((n) => healthy(n)), routed: two, newPods: [healthy('web-3', 8000)] }));
    assert.deepEqual(notYet.actions, [], 'healthy but not for minHealthyTime yet');
    const ready = decideRollout(input({ deploy, oldPods: two.map((n) => healthy(n)), routed: two, newPods: [healthy('web-3', 5000)] }));
    assert.deepEqual(kinds(ready.actions), ['route web-1,web-3', 'drain-pod web-2']);
    const drained = decideRollout(
      input({ deploy, oldPods: two.map((n) => healthy(n)), routed: ['web-1', 'web-3'], newPods: [healthy('web-3', 5000)], retiring: ['web-2'], drained: ['web-2'] }),
    );
    assert.deepEqual(kinds(drained.actions), ['remove-pod web-2']);
    const next = decideRollout(input({ deploy, oldPods: [healthy('web-1')], routed: ['web-1', 'web-3'], newPods: [healthy('web-3', 5000)] }));
    assert.deepEqual(kinds(next.actions), ['create-pod web-2']);
  });

  it('removes old pods that serve nothing at once, and is done when only healthy new pods remain', () => {
    const d = decideRollout(input({ deploy: ROLLING, oldPods: [{ name: 'web-1', status: 'crashed', createdAt: 0, crashes: 0 }, healthy('web-2')], routed: ['web-2'] }));
    assert.ok(kinds(d.actions).includes('remove-pod web-1'), kinds(d.actions).join('; '));
    const done = decideRollout(input({ deploy: ROLLING, newPods: [healthy('web-3'), healthy('web-4')], routed: ['web-3', 'web-4'] }));
    assert.deepEqual(kinds(done.actions), ['done']);
    const unrouted = decideRollout(input({ deploy: ROLLING, newPods: [healthy('web-3'), healthy('web-4')], routed: [] }));
    assert.deepEqual(kinds(unrouted.actions), ['route web-3,web-4'], 'a first deploy routes its pods before it is done');
  });
});
