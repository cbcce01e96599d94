// Supervision as use cases see it, from a process that supervises here (the editor's window,
// `up --watch`) and from one that never does (plain CLI commands): who supervises, where a
// hand-over goes, what is kept, starting and stopping. Fake engine, manual clock, a temporary
// state directory (locks and handover files are real files).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { LocalSupervisors } from '../../../src/app/local-supervisors';
import { lockFileSupervision } from '../../../src/app/lock-file-supervision';
import type { SupervisorNote } from '../../../src/core/supervise/supervisor';
import { handoverFile } from '../../../src/host/desired-handover';
import { stateDir } from '../../../src/host/supervisor-lock';
import { QuietEngine } from '../fake-engine';
import { ManualClock } from '../manual-clock';
import { desiredFrom } from '../manifests';
import { useTempStateHome } from '../state-home';

const manifest = (image: string) =>
  desiredFrom(`version: 1
project: hosted
services:
  web:
    containers: { app: { image: ${image} } }
    deploy: { strategy: rolling, minHealthyTime: 0s }
`);

/** Another live process holds the project's lock (this test's parent process stands in for it). */
function lockedByAnotherProcess(project: string): number {
  mkdirSync(stateDir(), { recursive: true });
  writeFileSync(path.join(stateDir(), `${project}.supervisor.lock`), String(process.ppid));
  return process.ppid;
}

describe('supervision from src/app', () => {
  useTempStateHome('app-supervision');
  let clock: ManualClock;
  let engine: QuietEngine;
  let notes: SupervisorNote[];
  let supervisors: LocalSupervisors;

  beforeEach(() => {
    clock = new ManualClock();
    engine = new QuietEngine(['web:1', 'web:2']);
    notes = [];
    supervisors = new LocalSupervisors({ engine: async () => engine, clock, onNote: (_project, note) => notes.push(note) });
  });
  afterEach(() => supervisors.stopAll());

  it('supervises here: owner, kept state, in-process hand-over, stop', async () => {
    const v1 = manifest('web:1');
    assert.deepEqual(supervisors.owner('hosted'), { kind: 'none' });
    assert.deepEqual(await supervisors.start(v1), { kind: 'here' });
    assert.deepEqual(supervisors.owner('hosted'), { kind: 'here' });
    const anotherProcess = process.pid + 1;
    assert.deepEqual(lockFileSupervision(anotherProcess).owner('hosted'), { kind: 'process', pid: process.pid }, 'other processes see this one through the lock');
    assert.deepEqual(lockFileSupervision().owner('hosted'), { kind: 'here' }, 'a lock this process holds is here');
    assert.equal(supervisors.kept('hosted'), v1);
    await clock.advance(200);
    assert.ok(
      engine.containers.some((c) => c.image === 'web:1' && c.state === 'running'),
      'the first pass created the pod',
    );
    assert.ok(supervisors.snapshot('hosted'), 'the live snapshot is given to the caller');

    const v2 = manifest('web:2');
    supervisors.handOver(v2);
    assert.equal(supervisors.kept('hosted'), v2);
    assert.equal(existsSync(handoverFile('hosted')), false, 'in process, not through the file');
    await clock.advance(200);
    assert.ok(
      notes.some((n) => n.kind === 'desired-changed'),
      JSON.stringify(notes.map((n) => n.kind)),
    );

    await supervisors.stop('hosted');
    assert.deepEqual(supervisors.owner('hosted'), { kind: 'none' }, 'the lock is released');
    assert.equal(supervisors.kept('hosted'), undefined);
  });

  it('sees another process supervising: start only reports it, hand-over goes through the file', async () => {
    const pid = lockedByAnotherProcess('hosted');
    const v1 = manifest('web:1');
    assert.deepEqual(await supervisors.start(v1), { kind: 'process', pid });
    assert.deepEqual(supervisors.owner('hosted'), { kind: 'process', pid });
    assert.equal(supervisors.kept('hosted'), undefined);
    supervisors.handOver(v1);
    const handed = JSON.parse(readFileSync(handoverFile('hosted'), 'utf8')) as { desired: { project: string } };
    assert.equal(handed.desired.project, 'hosted');
    assert.equal(engine.calls.length, 0, 'nothing touched the engine');
  });

  it('a process that never supervises sees the lock file, or nobody', () => {
    const elsewhere = lockFileSupervision();
    assert.deepEqual(elsewhere.owner('hosted'), { kind: 'none' });
    assert.equal(elsewhere.start, undefined);
    const pid = lockedByAnotherProcess('hosted');
    assert.deepEqual(elsewhere.owner('hosted'), { kind: 'process', pid });
    assert.equal(elsewhere.kept('hosted'), undefined);
  });
});
