import assert from 'node:assert/strict';
import { LiveView } from '../../../../src/core/supervise/live-view';
import { describeBackoff } from '../../../../src/core/wording';
import type { PlanStep } from '../../../../src/core/reconcile/plan';
import type { ContainerHealth } from '../../../../src/core/model/state';
import { printStatus } from '../../../../src/cli/status-table';
import { ManualClock } from '../../manual-clock';
import { desiredFrom } from '../../manifests';

const healthy: ContainerHealth = { status: 'healthy', failingStreak: 0, lastProbe: { at: 0, ok: true, latencyMs: 3, output: 'HTTP 200' } };
const who = { containerId: 'a', service: 'web', pod: 'web-1', container: 'app' };
const heal: PlanStep = { action: { kind: 'create-pod', service: 'web', pod: 'web-1', revision: 1 }, reason: 'replacing pod web-1 (restart: always)', heal: true };

describe('live view', () => {
  it('records health transitions, restarts and backoff, and forgets the backoff once healed', async () => {
    const clock = new ManualClock();
    const view = new LiveView('p', 42, clock);
    assert.deepEqual(view.apply({ kind: 'health', ...who, health: { status: 'starting', failingStreak: 0 } }), [], 'the first report is no transition');
    assert.deepEqual(view.apply({ kind: 'health', ...who, health: healthy }), ['web-1/app: starting -> healthy (3 ms)']);
    assert.deepEqual(view.apply({ kind: 'health', ...who, health: healthy }), [], 'a probe result without a change is recorded silently');
    assert.deepEqual(view.apply({ kind: 'heal-delayed', pod: 'web-1', crashes: 2, inMs: 20_000 }), ['web-1: restarting in 20s (crash 3)']);
    assert.deepEqual(view.apply({ kind: 'heal-delayed', pod: 'web-1', crashes: 2, inMs: 19_000 }), [], 'told once per crash');
    await clock.advance(5000);
    const held = view.snapshot().pods['web-1']!;
    assert.equal(describeBackoff(undefined, held.crash, held.restartAt! - clock.now()), 'restarting in 14s (crash 3)', 'the latest due time counts');
    view.apply({ kind: 'progress', event: { type: 'done', step: heal, index: 1, total: 1, ms: 500 } });
    const snapshot = view.snapshot();
    assert.deepEqual(snapshot.pods['web-1'], { restarts: 1 });
    assert.equal(snapshot.containers.a?.health.status, 'healthy');
    assert.deepEqual(
      snapshot.transitions.map((t) => t.text),
      ['web-1/app: starting -> healthy (3 ms)', 'web-1: restarting in 20s (crash 3)', 'healed: create pod web-1 (revision 1) (replacing pod web-1 (restart: always))'],
    );
    view.apply({ kind: 'event', event: { time: 0, action: 'destroy', containerId: 'a' } });
    assert.equal(view.snapshot().containers.a, undefined);
  });

  it('feeds the status table: health, restarts, held-back restarts and restart: never', () => {
    const desired = desiredFrom(`version: 1
project: p
services:
  web:
    containers: { app: { image: i } }
    health: { http: { port: 8080 } }
  job:
    restart: never
    containers: { run: { image: i } }
`);
    const base = { revision: 1, node: 'local', image: 'i', status: '', createdAt: 0, ports: [] };
    const observed = {
      project: 'p',
      networks: [],
      volumes: [],
      pods: [
        {
          name: 'web-1',
          service: 'web',
          revision: 1,
          specHash: 'x',
          node: 'local',
          containers: [{ ...base, id: 'a', engineName: 'e', service: 'web', pod: 'web-1', container: 'app', specHash: 'x', state: 'running' as const }],
        },
        {
          name: 'job-1',
          service: 'job',
          revision: 1,
          specHash: 'y',
          node: 'local',
          containers: [{ ...base, id: 'b', engineName: 'f', service: 'job', pod: 'job-1', container: 'run', specHash: 'y', state: 'exited' as const, exitCode: 2 }],
        },
      ],
    };
    const lines: string[] = [];
    const output = { out: (line = '') => lines.push(line), err: (line: string) => lines.push(line), color: false };
    const live = {
      project: 'p',
      pid: 7,
      updatedAt: 0,
      engine: 'connected' as const,
      containers: { a: { ...who, health: healthy } },
      pods: { 'web-1': { restarts: 2, restartAt: 40_000, crash: 4 } },
      transitions: [],
    };
    printStatus(output, observed, desired, live, 0);
    const text = lines.join('\n');
    assert.match(text, /Project p: web 1\/1 \(1 healthy\), job 0\/1 pods running/);
    assert.match(text, /SERVICE +POD +CONTAINER +STATE +HEALTH +RESTARTS/);
    assert.match(text, /web +web-1 +app +running +healthy \(3 ms\) +2/);
    assert.match(text, /job-1 +run +exited \(2\), not restarted \(restart: never\) +- +0/);
    assert.match(text, /web-1: restarting in 40s \(crash 4\)/);
    lines.length = 0;
    printStatus(output, observed, desired, undefined, 0);
    assert.match(lines.join('\n'), /app +running +not supervised/);
  });
});
