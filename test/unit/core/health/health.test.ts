import assert from 'node:assert/strict';
import { applyProbeResult, describeHealth, initialHealth, podHealth, serviceHealth } from '../../../../src/core/health/health';
import { computePlan } from '../../../../src/core/reconcile/plan';
import type { ProbeResult, ProbeRunner, ProbeTarget } from '../../../../src/core/ports/engine';
import { type HealthReport, ProbeScheduler, probeTarget } from '../../../../src/core/health/probe-scheduler';
import type { ContainerHealth, ObservedState, ProbeSpec } from '../../../../src/core/model/state';
import { ManualClock } from '../../manual-clock';
import { desiredFrom } from '../../manifests';

const SPEC: ProbeSpec = { check: { kind: 'http', path: '/healthz', port: 8080 }, intervalMs: 1000, timeoutMs: 500, failureThreshold: 3, successThreshold: 2, startPeriodMs: 5000 };
const pass: ProbeResult = { ok: true, latencyMs: 2, output: 'HTTP 200' };
const fail: ProbeResult = { ok: false, latencyMs: 1, output: 'HTTP 500' };

function run(results: ProbeResult[], spec = SPEC, startAt = 0, step = 1000): ContainerHealth[] {
  let health = initialHealth(0);
  return results.map((r, i) => (health = applyProbeResult(spec, health, r, startAt + i * step, 0)));
}

describe('probe state machine', () => {
  it('needs successThreshold passes in a row to become healthy', () => {
    assert.deepEqual(
      run([pass, fail, pass, pass]).map((h) => h.status),
      ['starting', 'starting', 'starting', 'healthy'],
    );
  });

  it('does not count failures inside the start period while starting, and counts them after', () => {
    const statuses = run([fail, fail, fail, fail, fail, fail, fail, fail]);
    assert.deepEqual(
      statuses.map((h) => h.failingStreak),
      [0, 0, 0, 0, 0, 1, 2, 3],
    );
    assert.equal(statuses[7]?.status, 'unhealthy');
    assert.equal(statuses[6]?.status, 'starting');
  });

  it('turns unhealthy after failureThreshold failures once healthy, and recovers on passes', () => {
    const spec = { ...SPEC, startPeriodMs: 0, successThreshold: 1 };
    const history = run([pass, fail, fail, fail, pass], spec);
    assert.deepEqual(
      history.map((h) => h.status),
      ['healthy', 'healthy', 'healthy', 'unhealthy', 'healthy'],
    );
    assert.equal(history[3]?.since, 3000, 'since marks the transition');
    assert.equal(history[2]?.since, 0);
    assert.equal(describeHealth(history[3] as ContainerHealth), 'unhealthy: HTTP 500 (3 failed)');
    assert.deepEqual(history[4]?.lastProbe, { at: 4000, ok: true, latencyMs: 2, output: 'HTTP 200' });
  });

  it('caps probe output to one short line', () => {
    const long = { ok: false, latencyMs: 0, output: `line1\n${'x'.repeat(500)}` };
    const output = applyProbeResult(SPEC, initialHealth(0), long, 0, 0).lastProbe?.output ?? '';
    assert.ok(output.length <= 200 && output.startsWith('line1 x'), output);
  });
});

/** A runner whose probes finish when the test says so (or never), recording what ran. */
class ScriptedRunner implements ProbeRunner {
  calls: { target: ProbeTarget; at: number }[] = [];
  inFlight = 0;
  maxInFlight = 0;
  next: ProbeResult | 'hang' = pass;
  /** Per-call delays, used before delayMs. */
  delays: number[] = [];
  constructor(
    private readonly clock: ManualClock,
    private readonly delayMs = 0,
  ) {}
  async runProbe(target: ProbeTarget, signal: AbortSignal): Promise<ProbeResult> {
    this.calls.push({ target, at: this.clock.now() });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.next === 'hang') {
        await new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
      }
      const delay = this.delays.shift() ?? this.delayMs;
      if (delay > 0) await this.clock.sleep(delay, signal);
      return this.next as ProbeResult;
    } finally {
      this.inFlight--;
    }
  }
}

const MANIFEST = `version: 1
project: p
services:
  web:
    containers:
      app: { image: i }
      side:
        image: i
        health: { exec: ["true"], interval: 1s, timeout: 500ms }
    health:
      http: { path: /healthz, port: 8080 }
      interval: 1s
      timeout: 500ms
      failureThreshold: 2
`;

function observedWith(desired: ReturnType<typeof desiredFrom>, state: 'running' | 'exited' = 'running', health?: ContainerHealth): ObservedState {
  const service = desired.services[0]!;
  const base = { service: 'web', pod: 'web-1', revision: 1, specHash: service.specHash, node: 'local', image: 'i', status: '', createdAt: 0 };
  return {
    project: 'p',
    networks: ['flotilla-p'],
    volumes: [],
    pods: [
      {
        name: 'web-1',
        service: 'web',
        revision: 1,
        specHash: service.specHash,
        node: 'local',
        containers: [
          { ...base, id: 'a', engineName: 'p-web-1-app', container: 'app', state, ports: [{ containerPort: 8080, hostIp: '127.0.0.1', hostPort: 49000, protocol: 'tcp' }], health },
          { ...base, id: 'b', engineName: 'p-web-1-side', container: 'side', state: 'running', ports: [] },
        ],
      },
    ],
  };
}

describe('probe scheduler', () => {
  it('probes the published host port on the interval, one probe in flight, and stops with the container', async () => {
    const desired = desiredFrom(MANIFEST);
    const clock = new ManualClock();
    const runner = new ScriptedRunner(clock, 1500);
    const reports: HealthReport[] = [];
    const scheduler = new ProbeScheduler(runner, clock, (r) => reports.push(r));
    scheduler.sync(desired, observedWith(desired));
    await clock.advance(1);
    const http = runner.calls.find((c) => c.target.kind === 'http');
    assert.deepEqual(http?.target, { kind: 'http', containerId: 'a', host: '127.0.0.1', port: 49000, path: '/healthz', timeoutMs: 500 });
    assert.ok(
      runner.calls.some((c) => c.target.kind === 'exec' && c.target.containerId === 'b'),
      'the sidecar has its own exec probe',
    );
    await clock.advance(10_000);
    assert.equal(runner.maxInFlight, 2, 'one per container, never more');
    const timedOut = reports.find((r) => r.who.containerId === 'a' && r.health.lastProbe);
    assert.equal(timedOut?.health.lastProbe?.output, 'timed out after 500 ms', 'a probe slower than its timeout fails');
    const aProbes = runner.calls.filter((c) => c.target.containerId === 'a').map((c) => c.at);
    // Starting and failing (each probe times out at 500 ms): retried 200 ms after each.
    assert.deepEqual(aProbes.slice(0, 3), [0, 700, 1400], 'retried sooner while starting');
    const unhealthy = reports.find((r) => r.who.containerId === 'a' && r.health.status === 'unhealthy');
    assert.ok(unhealthy && (unhealthy.health.lastProbe?.at ?? 0) >= 1500, 'but failures count once per interval');
    const later = aProbes.filter((at) => at > (unhealthy?.health.lastProbe?.at ?? 0));
    assert.deepEqual(
      later.slice(1, 3).map((at, i) => at - (later[i] as number)),
      [1000, 1000],
      'every interval once no longer starting',
    );
    scheduler.sync(desired, observedWith(desired, 'exited'));
    const count = runner.calls.filter((c) => c.target.containerId === 'a').length;
    await clock.advance(5000);
    assert.equal(runner.calls.filter((c) => c.target.containerId === 'a').length, count, 'stopped with the container');
    scheduler.stopAll();
  });

  it('reports a transition to unhealthy after failureThreshold failures, and a hung probe as a timeout', async () => {
    const desired = desiredFrom(MANIFEST);
    const clock = new ManualClock();
    const runner = new ScriptedRunner(clock);
    runner.next = 'hang';
    const reports: HealthReport[] = [];
    const scheduler = new ProbeScheduler(runner, clock, (r) => reports.push(r));
    scheduler.sync(desired, observedWith(desired));
    await clock.advance(2100);
    const app = reports.filter((r) => r.who.containerId === 'a');
    // Timeouts at 500, 1200 (a quick retry: not counted) and 1900 ms (counted: a second failure).
    assert.deepEqual(
      app.map((r) => [r.health.status, r.health.failingStreak, r.changed]),
      [
        ['starting', 0, true],
        ['starting', 1, false],
        ['starting', 1, false],
        ['unhealthy', 2, true],
      ],
    );
    assert.equal(scheduler.healthOf('a')?.status, 'unhealthy');
    assert.equal(runner.maxInFlight, 2);
    scheduler.stopAll();
  });

  it('sees a slow starter healthy soon after it answers, not an interval later', async () => {
    const desired = desiredFrom(MANIFEST.replace('interval: 1s\n      timeout: 500ms', 'interval: 10s\n      timeout: 500ms'));
    const clock = new ManualClock();
    const runner = new ScriptedRunner(clock);
    runner.next = fail;
    const reports: HealthReport[] = [];
    const scheduler = new ProbeScheduler(runner, clock, (r) => reports.push(r));
    scheduler.sync(desired, observedWith(desired));
    await clock.advance(500);
    runner.next = pass;
    await clock.advance(300);
    const healthy = reports.find((r) => r.who.containerId === 'a' && r.health.status === 'healthy');
    assert.ok(healthy, 'healthy within 200 ms of answering');
    assert.equal(healthy.health.failingStreak, 0);
    scheduler.stopAll();
  });

  it('counts every regular failure once healthy, whatever each probe took', async () => {
    const desired = desiredFrom(MANIFEST.replace('        health: { exec: ["true"], interval: 1s, timeout: 500ms }\n', ''));
    assert.equal(desired.services[0]?.containers[1]?.probe, undefined, 'only app is probed');
    const clock = new ManualClock();
    const runner = new ScriptedRunner(clock);
    const reports: HealthReport[] = [];
    const scheduler = new ProbeScheduler(runner, clock, (r) => reports.push(r));
    scheduler.sync(desired, observedWith(desired));
    await clock.advance(500);
    runner.next = fail;
    // The failure at 1000 takes 90 ms, the one at 2000 none: they end 910 ms apart.
    runner.delays = [90, 0];
    await clock.advance(1600);
    const streaks = reports.filter((r) => r.who.containerId === 'a' && r.health.lastProbe && !r.health.lastProbe.ok).map((r) => r.health.failingStreak);
    assert.deepEqual(streaks.slice(0, 2), [1, 2]);
    assert.equal(scheduler.healthOf('a')?.status, 'unhealthy');
    scheduler.stopAll();
  });

  it('reports a probe port that is not published instead of probing something else', () => {
    const desired = desiredFrom(MANIFEST);
    const observed = observedWith(desired);
    const pod = observed.pods[0]!;
    pod.containers[0]!.ports = [];
    assert.deepEqual(probeTarget(desired.services[0]!.containers[0]!.probe!, pod.containers[0]!, pod), {
      unreachable: 'port 8080 is not published on the host, so it cannot be probed',
    });
  });
});

describe('plan with probe health', () => {
  const unhealthy: ContainerHealth = { status: 'unhealthy', failingStreak: 2, lastProbe: { at: 0, ok: false, latencyMs: 1, output: 'HTTP 500' } };

  it('replaces a pod whose container is unhealthy, as a heal step', () => {
    const desired = desiredFrom(MANIFEST);
    const plan = computePlan(desired, observedWith(desired, 'running', unhealthy));
    assert.deepEqual(
      plan.steps.map((s) => [s.action.kind, s.heal]),
      [
        ['remove-pod', true],
        ['create-pod', true],
      ],
    );
    assert.match(plan.steps[0]!.reason, /app failed 2 health checks in a row \(last: HTTP 500\)/);
  });

  it('leaves an unhealthy pod alone under restart: never, and a healthy one under any policy', () => {
    const never = desiredFrom(MANIFEST.replace('    health:\n      http', '    restart: never\n    health:\n      http'));
    assert.equal(never.services[0]?.restart, 'never');
    assert.deepEqual(computePlan(never, observedWith(never, 'running', unhealthy)).steps, []);
    const desired = desiredFrom(MANIFEST);
    assert.deepEqual(computePlan(desired, observedWith(desired, 'running', { status: 'healthy', failingStreak: 0 })).steps, []);
  });
});

describe('pod and service health', () => {
  const h = (status: ContainerHealth['status']): ContainerHealth => ({ status, failingStreak: 0 });
  it('a pod is healthy when all its probed containers are, unhealthy when any is', () => {
    assert.equal(podHealth([]), undefined);
    assert.equal(podHealth([h('healthy'), h('healthy')]), 'healthy');
    assert.equal(podHealth([h('healthy'), undefined]), 'starting');
    assert.equal(podHealth([h('starting'), h('unhealthy')]), 'unhealthy');
  });
  it('a service is healthy when all its desired pods are', () => {
    assert.deepEqual(serviceHealth(['healthy', 'healthy'], 2), { healthy: 2, wanted: 2, status: 'healthy' });
    assert.deepEqual(serviceHealth(['healthy'], 2), { healthy: 1, wanted: 2, status: 'starting' });
    assert.deepEqual(serviceHealth(['healthy', 'unhealthy'], 2), { healthy: 1, wanted: 2, status: 'unhealthy' });
  });
});
