import assert from 'node:assert/strict';
import { checkCron } from '../../../src/core/manifest/cron';

describe('checkCron', () => {
  it('accepts the usual forms', () => {
    for (const text of ['0 9 * * 1-5', '*/15 * * * *', '0 0 1,15 * *', '30 8-18/2 * jan-mar MON-FRI', '0 0 * * 7', ' 5 4 * * sun ']) {
      assert.equal(checkCron(text), undefined, text);
    }
  });

  it('names the field, its range and its place', () => {
    assert.deepEqual(checkCron('0 25 * * *'), { message: 'the hour field "25" is out of range 0-23', offset: 2, length: 2 });
    assert.deepEqual(checkCron('0 9 * * 1-9'), { message: 'the day-of-week field "1-9" is out of range 0-7 or SUN-SAT', offset: 8, length: 3 });
    assert.deepEqual(checkCron('0 9 * 13 *'), { message: 'the month field "13" is out of range 1-12 or JAN-DEC', offset: 6, length: 2 });
    assert.deepEqual(checkCron('0 9 0 * *'), { message: 'the day-of-month field "0" is out of range 1-31', offset: 4, length: 1 });
    assert.deepEqual(checkCron('0 9 * *'), { message: 'needs 5 fields (minute hour day-of-month month day-of-week), like "0 9 * * 1-5"; it has 4', offset: 0, length: 7 });
    assert.match(checkCron('0 9 * * 5-1')!.message, /runs backwards/);
    assert.match(checkCron('*/0 * * * *')!.message, /step 0, outside 1-59/);
    assert.match(checkCron('@daily')!.message, /needs 5 fields/);
    assert.match(checkCron('0 9 ? * *')!.message, /is not a cron field/);
  });
});
