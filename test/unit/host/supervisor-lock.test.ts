import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { acquireSupervisorLock, stateDir, supervisorOwner } from '../../../src/host/supervisor-lock';

describe('supervisor lock owner', () => {
  const saved = process.env.XDG_STATE_HOME;
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(path.join(tmpdir(), 'flotilla-lock-'));
    process.env.XDG_STATE_HOME = home;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.XDG_STATE_HOME;
    else process.env.XDG_STATE_HOME = saved;
    rmSync(home, { recursive: true, force: true });
  });

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
