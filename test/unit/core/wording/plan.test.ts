// Plan steps in words: the log's infinitive, the progress participle, and `flotilla plan`'s lines.
import assert from 'node:assert/strict';
import type { PlanAction } from '../../../../src/core/reconcile/plan';
import { describeAction, formatPlan, progressText } from '../../../../src/core/wording';

describe('wording: plan steps', () => {
  it('words every action kind for a log and for progress', () => {
    const cases: [PlanAction, string, string][] = [
      [{ kind: 'create-network', network: 'flotilla-shop' }, 'create network flotilla-shop', 'creating network flotilla-shop'],
      [{ kind: 'create-volume', volume: 'data', engineName: 'flotilla-shop-data' } as PlanAction, 'create volume data', 'creating volume data'],
      [{ kind: 'remove-pod', service: 'web', pod: 'web-2', containerIds: ['a'], graceMs: 0 }, 'remove pod web-2', 'removing web-2'],
      [{ kind: 'create-pod', service: 'web', pod: 'web-2', revision: 3 }, 'create pod web-2 (revision 3)', 'creating web-2'],
      [
        { kind: 'start-containers', service: 'web', pod: 'web-1', containerIds: ['a', 'b'], containers: ['app', 'side'] } as PlanAction,
        'start app, side in pod web-1',
        'starting app, side in web-1',
      ],
      [{ kind: 'remove-network', network: 'flotilla-shop' }, 'remove network flotilla-shop', 'removing network flotilla-shop'],
      [{ kind: 'remove-volume', engineName: 'flotilla-shop-data' }, 'remove volume flotilla-shop-data', 'removing volume flotilla-shop-data'],
    ];
    for (const [action, log, progress] of cases) assert.deepEqual([describeAction(action), progressText(action)], [log, progress]);
  });

  it('lists a plan with + for what is made and - for what goes', () => {
    const lines = formatPlan({
      steps: [
        { action: { kind: 'create-pod', service: 'web', pod: 'web-1', revision: 1 }, reason: 'web wants 1 replica' },
        { action: { kind: 'remove-network', network: 'n' }, reason: 'project is going down' },
      ],
    });
    assert.deepEqual(lines, ['+ create pod web-1 (revision 1): web wants 1 replica', '- remove network n: project is going down']);
  });
});
