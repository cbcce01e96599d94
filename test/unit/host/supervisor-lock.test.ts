import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { acquireSupervisorLock, stateDir, supervisorOwner } from '../../../src/host/supervisor-lock';
import { useTempStateHome } from '../state-home';

describe('supervisor lock owner', () => {
  useTempStateHome('lock');

  it('names the live holder, and nobody for a free or stale lock', () => {
    assert.equal(supervisorOwner('shop'), undefined);
    const lock = acquireSupervisorLock('shop');
    assert.ok(lock.held);
    assert.equal(supervisorOwner('shop'), process.pid);
    if (lock.held) lock.release();
    assert.equal(supervisorOwner('shop'), undefined);
    // A pid no process has (above the kernel's pid_max).
    writeFileSync(path.join(stateDir(), 'shop.supervisor.lock'), '99999999');
    assert.equal(supervisorOwner('shop'), undefined);
  });
});
