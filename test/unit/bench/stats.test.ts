import assert from 'node:assert/strict';
import { median, percentile, podReadyTimes } from '../../../bench/lib/stats';

describe('bench statistics', () => {
  it('medians and nearest-rank percentiles', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(percentile([10, 30, 20, 40], 50), 20);
    assert.equal(percentile([10, 30, 20, 40], 100), 40);
    assert.ok(Number.isNaN(median([])));
  });

  it('a pod is ready when its last container started; pods seen partly do not count', () => {
    const starts = new Map([
      ['web-1', [1100, 1300]],
      ['web-2', [1200, 1250]],
      ['web-3', [1400]],
    ]);
    assert.deepEqual(podReadyTimes(starts, 1000, 2), [300, 250]);
  });
});
