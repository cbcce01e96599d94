// The supervisor and rollouts together, over fakes: a changed spec handed to a running
// supervisor is rolled out by its strategy (not replaced at once), another live process's
// rollout is left alone until that process is gone (then resumed), and a failed rollout is not
// retried while the old revision keeps being healed.
import assert from 'node:assert/strict';
import { deployService } from '../../../../src/core/rollout/deploy';
import type { EngineEvent, EngineEvents, EventStreamStatus } from '../../../../src/core/ports/engine';
import { currentRevision, emptyRevisions, historyOf, recordRevision, setResult } from '../../../../src/core/rollout/revisions';
import type { ServicePortHost } from '../../../../src/core/serving/router';
import { desiredWithRevision } from '../../../../src/core/rollout/supervised-rollouts';
import type { DesiredService, DesiredState } from '../../../../src/core/model/state';
import { supervise, type SupervisorNote } from '../../../../src/core/supervise/supervisor';
import type { TrafficBackend } from '../../../../src/core/serving/traffic';
import { ManualClock } from '../../manual-clock';
import { shopWeb } from '../../manifests';
import { DelayedHealth, MemoryStore, RecordingTraffic, TimedEngine } from './deploy-fakes';

class EventfulTimedEngine extends TimedEngine implements EngineEvents {
  emit: (event: EngineEvent) => void = () => undefined;
  watchEvents(_project: string, onEvent: (event: EngineEvent) => void, onStatus: (s: EventStreamStatus) => void): void {
    this.emit = onEvent;
    onStatus({ state: 'connected' });
  }
}

/** The deploy tests' recording switch, as the supervisor's port host; routes recorded in pod-name order. */
class RecordingPorts extends RecordingTraffic implements ServicePortHost {
  async openService(service: DesiredService): Promise<{ host: string; port: number }> {
    return { host: '127.0.0.1', port: service.expose?.hostPort ?? 0 };
  }
  override route(service: string, backends: TrafficBackend[]): void {
    super.route(
      service,
      [...backends].sort((a, b) => (a.pod < b.pod ? -1 : a.pod > b.pod ? 1 : 0)),
    );
  }
  async closeService(): Promise<void> {}
  async close(): Promise<void> {}
}

function manifest(image: string, strategy = 'blue-green'): DesiredState {
  return shopWeb(image, { deploy: `{ strategy: ${strategy}, minHealthyTime: 1s, healthyDeadline: 20s, drainTimeout: 2s }` });
}

function setup(owners: Map<string, boolean> = new Map()) {
  const clock = new ManualClock();
  const engine = new EventfulTimedEngine(clock, ['shop/web:1', 'shop/web:2', 'shop/web:bad']);
  const health = new DelayedHealth(1000);
  const store = new MemoryStore('shop');
  const ports = new RecordingPorts();
  const notes: SupervisorNote[] = [];
  let handOver: (desired: DesiredState) => void = () => undefined;
  const controller = new AbortController();
  const start = (desired: DesiredState) =>
    supervise(desired, engine, controller.signal, {
      clock,
      resyncMs: 1000,
      servicePorts: ports,
      rollouts: { store, owner: 'me', ownerAlive: (o) => owners.get(o) ?? false, health, tickMs: 250 },
      desiredUpdates: { follow: (on) => (handOver = on) },
      onNote: (n) => notes.push(n),
    });
  return { clock, engine, health, store, ports, notes, controller, start, handOver: (d: DesiredState) => handOver(d) };
}

const images = (t: ReturnType<typeof setup>) => t.engine.podsOf('web').map((p) => `${p.name} ${p.image}`);

describe('rollouts under the supervisor', () => {
  it('rolls a handed-over change out blue-green: the old set serves until the switch, nothing replaced at once', async () => {
    const t = setup();
    const running = t.start(manifest('shop/web:1'));
    await t.clock.advance(3000);
    assert.deepEqual(images(t), ['web-1 shop/web:1', 'web-2 shop/web:1']);
    assert.deepEqual(t.ports.current, ['web-1', 'web-2']);
    const v1 = t.engine.podsOf('web').map((p) => p.id);
    t.ports.routes = [];

    t.handOver(manifest('shop/web:2'));
    await t.clock.advance(1000);
    // While the new set starts, the old pods are still there and still the routes.
    assert.ok(
      v1.every((id) => t.engine.containers.some((c) => c.id === id)),
      'old pods kept while the new set starts',
    );
    assert.equal(t.engine.maxPods, 4, 'the whole new set beside the old');
    for (let i = 0; i < 40 && images(t).some((p) => p.endsWith(':1')); i++) await t.clock.advance(500);
    await t.clock.advance(2000);
    assert.deepEqual(
      images(t).map((p) => p.split(' ')[1]),
      ['shop/web:2', 'shop/web:2'],
    );
    assert.ok(
      t.ports.routes.every((r) => r.length > 0),
      `never routed to nothing: ${JSON.stringify(t.ports.routes)}`,
    );
    const v2 = t.engine
      .podsOf('web')
      .map((p) => p.name)
      .sort();
    assert.deepEqual(t.ports.current, v2, 'steady-state routing takes over after the rollout');
    assert.equal(currentRevision(t.store.file, 'web')?.spec.containers[0]?.image, 'shop/web:2');
    assert.ok(t.notes.some((n) => n.kind === 'deploy-outcome' && n.outcome.result === 'deployed'));
    t.controller.abort();
    await running;
  });

  it("leaves another live process's rollout alone, and resumes it once that process is gone", async () => {
    const owners = new Map([['other', true]]);
    const t = setup(owners);
    const v1 = manifest('shop/web:1');
    const v2 = manifest('shop/web:2');
    // v1 runs (revision 1); another process has started rolling out v2 (revision 2).
    await deployService(v1, 'web', {
      engine: t.engine,
      health: t.health,
      traffic: t.ports,
      store: t.store,
      clock: { now: () => t.clock.now(), sleep: (ms) => t.clock.advance(ms) },
      owner: 'x',
      ownerAlive: () => false,
    });
    await t.store.update((f) => recordRevision(f, v2.services[0] as DesiredService, t.clock.now(), { owner: 'other' }).file);
    const before = t.engine.mutations().length;
    const running = t.start(v2);
    await t.clock.advance(5000);
    assert.equal(t.engine.mutations().length, before, `the supervisor touched a service another process rolls out: ${t.engine.mutations().slice(before).join(', ')}`);
    owners.set('other', false);
    for (let i = 0; i < 40 && images(t).some((p) => p.endsWith(':1')); i++) await t.clock.advance(500);
    await t.clock.advance(2000);
    assert.deepEqual(
      images(t).map((p) => p.split(' ')[1]),
      ['shop/web:2', 'shop/web:2'],
    );
    const revisions = historyOf(t.store.file, 'web').revisions.map((r) => `${r.number} ${r.result}`);
    assert.deepEqual(revisions, ['1 deployed', '2 deployed'], 'resumed under its own number');
    t.controller.abort();
    await running;
  });

  it('does not retry a rolled-back spec, and keeps healing the old revision', async () => {
    const t = setup();
    t.health.neverReady.add('shop/web:bad');
    const running = t.start(manifest('shop/web:1'));
    await t.clock.advance(3000);
    t.handOver(manifest('shop/web:bad'));
    for (let i = 0; i < 80 && !t.notes.some((n) => n.kind === 'deploy-outcome'); i++) await t.clock.advance(500);
    const outcome = t.notes.find((n) => n.kind === 'deploy-outcome');
    assert.ok(outcome?.kind === 'deploy-outcome' && outcome.outcome.result.startsWith('rolled back'), JSON.stringify(outcome));
    await t.clock.advance(3000);
    assert.deepEqual(
      images(t).map((p) => p.split(' ')[1]),
      ['shop/web:1', 'shop/web:1'],
    );
    const created = t.engine.calls.filter((c) => c.startsWith('create-pod')).length;
    await t.clock.advance(10_000);
    assert.equal(t.engine.calls.filter((c) => c.startsWith('create-pod')).length, created, 'the failed spec is not rolled out again');

    // A crash of an old pod is healed with the old spec.
    t.engine.kill('web-1', 'app');
    t.engine.emit({ time: t.clock.now(), action: 'die', containerId: 'x', pod: 'web-1', container: 'app', exitCode: 137 });
    await t.clock.advance(1000);
    assert.deepEqual(
      images(t).map((p) => p.split(' ')[1]),
      ['shop/web:1', 'shop/web:1'],
    );
    assert.ok(t.engine.containers.every((c) => c.state === 'running'));
    t.controller.abort();
    await running;
  });
});

describe('rollouts under the supervisor with a broken revision file', () => {
  it('tells it once and keeps healing by the plan', async () => {
    const t = setup();
    const broken = new Error('shop.revisions.json: not a revisions file');
    t.store.read = async () => Promise.reject(broken);
    const running = t.start(manifest('shop/web:1'));
    await t.clock.advance(3000);
    t.engine.kill('web-1', 'app');
    t.engine.emit({ time: t.clock.now(), action: 'die', containerId: 'x', pod: 'web-1', container: 'app', exitCode: 137 });
    await t.clock.advance(3000);
    assert.ok(t.engine.containers.length === 2 && t.engine.containers.every((c) => c.state === 'running'), 'healed');
    assert.equal(t.notes.filter((n) => n.kind === 'deploy-error').length, 1);
    t.controller.abort();
    await running;
  });
});

describe('desiredWithRevision (a rollback handed to a supervisor)', () => {
  const v1 = manifest('shop/web:1');
  const v2 = manifest('shop/web:2');
  let file = emptyRevisions('shop');
  for (const [at, desired] of [
    [1, v1],
    [2, v2],
  ] as const) {
    const recorded = recordRevision(file, desired.services[0] as DesiredService, at);
    file = setResult(recorded.file, 'web', recorded.revision.number, 'deployed', at);
  }

  it('sets the service to the deployed revision before the current, or the one asked for', () => {
    const back = desiredWithRevision(v2, file, 'web');
    assert.equal(back.revision.number, 1);
    assert.equal(back.desired.services[0]?.containers[0]?.image, 'shop/web:1');
    assert.equal(back.desired.services[0]?.specHash, v1.services[0]?.specHash);
    assert.equal(desiredWithRevision(v1, file, 'web', 2).desired.services[0]?.containers[0]?.image, 'shop/web:2');
  });

  it('names what is kept when the revision is not, and refuses an unknown service', () => {
    assert.throws(() => desiredWithRevision(v2, file, 'web', 7), /Revision 7 of web is not kept \(kept: 1 \(deployed\), 2 \(deployed\)\)/);
    assert.throws(() => desiredWithRevision(v2, emptyRevisions('shop'), 'web'), /No earlier deployed revision of web to roll back to \(kept: none\)/);
    assert.throws(() => desiredWithRevision(v2, file, 'api'), /No service "api" in the manifest/);
  });
});
