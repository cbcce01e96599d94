// A rollout run by a supervisor judges the new pods by the supervisor's own probe results: each
// container is probed once per interval (not once by the supervisor and again by the deploy),
// and a failing probe still rolls the change back. Fakes and a manual clock.
import assert from 'node:assert/strict';
import type { EngineEvent, EngineEvents, EventStreamStatus, ProbeResult, ProbeRunner, ProbeTarget } from '../../../../src/core/ports/engine';
import { historyOf } from '../../../../src/core/rollout/revisions';
import type { DesiredState } from '../../../../src/core/model/state';
import { supervise, type SupervisorNote } from '../../../../src/core/supervise/supervisor';
import { ManualClock } from '../../manual-clock';
import { shopWeb } from '../../manifests';
import { MemoryStore, RecordingTraffic, TimedEngine } from '../rollout/deploy-fakes';

const INTERVAL_MS = 1000;

/** Records every probe (container, time); a probe fails for containers of a `failing` image. */
class ProbedEngine extends TimedEngine implements EngineEvents, ProbeRunner {
  probes: { id: string; at: number }[] = [];
  failing = new Set<string>();
  constructor(
    private readonly time: ManualClock,
    images: string[],
  ) {
    super(time, images);
  }
  watchEvents(_project: string, _onEvent: (event: EngineEvent) => void, onStatus: (s: EventStreamStatus) => void): void {
    onStatus({ state: 'connected' });
  }
  async runProbe(target: ProbeTarget): Promise<ProbeResult> {
    this.probes.push({ id: target.containerId, at: this.time.now() });
    const image = this.containers.find((c) => c.id === target.containerId)?.image ?? '';
    return this.failing.has(image) ? { ok: false, latencyMs: 1, output: 'HTTP 500' } : { ok: true, latencyMs: 1, output: 'HTTP 200' };
  }
}

function manifest(image: string): DesiredState {
  return shopWeb(image, {
    health: `{ http: { path: /, port: 8080 }, interval: ${INTERVAL_MS}ms, failureThreshold: 2 }`,
    deploy: '{ strategy: blue-green, minHealthyTime: 2s, healthyDeadline: 10s, drainTimeout: 1s }',
  });
}

function setup() {
  const clock = new ManualClock();
  const engine = new ProbedEngine(clock, ['shop/web:1', 'shop/web:2', 'shop/web:bad']);
  const store = new MemoryStore('shop');
  const notes: SupervisorNote[] = [];
  let handOver: (desired: DesiredState) => void = () => undefined;
  const controller = new AbortController();
  const running = supervise(manifest('shop/web:1'), engine, controller.signal, {
    clock,
    resyncMs: 1000,
    probes: engine,
    servicePorts: Object.assign(new RecordingTraffic(), {
      openService: async () => ({ host: '127.0.0.1', port: 18080 }),
      closeService: async () => undefined,
      close: async () => undefined,
    }),
    // No health source: the supervisor's probe results are the rollout's.
    rollouts: { store, owner: 'me', ownerAlive: () => false, tickMs: 250 },
    desiredUpdates: { follow: (on) => (handOver = on) },
    onNote: (n) => notes.push(n),
  });
  const stop = async () => {
    controller.abort();
    await running;
  };
  return { clock, engine, store, notes, stop, handOver: (d: DesiredState) => handOver(d) };
}

async function untilOutcome(t: ReturnType<typeof setup>): Promise<SupervisorNote | undefined> {
  for (let i = 0; i < 120 && !t.notes.some((n) => n.kind === 'deploy-outcome'); i++) await t.clock.advance(250);
  return t.notes.find((n) => n.kind === 'deploy-outcome');
}

/** For each container, the gaps between its consecutive probes. */
function probeGaps(probes: { id: string; at: number }[]): Map<string, number[]> {
  const gaps = new Map<string, number[]>();
  const last = new Map<string, number>();
  for (const { id, at } of probes) {
    const before = last.get(id);
    if (before !== undefined) gaps.set(id, [...(gaps.get(id) ?? []), at - before]);
    last.set(id, at);
  }
  return gaps;
}

describe('a supervised rollout reads the supervisor probes', () => {
  it('probes each container once per interval while a handed-over v2 rolls out blue-green', async () => {
    const t = setup();
    await t.clock.advance(3000);
    const v1 = t.engine.podsOf('web').map((p) => p.id);
    t.handOver(manifest('shop/web:2'));
    const outcome = await untilOutcome(t);
    assert.ok(outcome?.kind === 'deploy-outcome' && outcome.outcome.result === 'deployed', JSON.stringify(outcome));
    await t.clock.advance(3000);
    await t.stop();

    const v2 = t.engine.podsOf('web').map((p) => p.id);
    assert.equal(v2.length, 2);
    assert.ok(
      v2.every((id) => !v1.includes(id)),
      'only v2 pods are left',
    );
    const gaps = probeGaps(t.engine.probes);
    for (const id of v2) {
      const mine = gaps.get(id) ?? [];
      // minHealthyTime 2 s + 3 s after: several probes each, never two inside one interval.
      assert.ok(mine.length >= 4, `v2 container ${id} was probed ${mine.length + 1} time(s)`);
      assert.deepEqual(
        mine.filter((gap) => gap < INTERVAL_MS),
        [],
        `container ${id} probed twice within an interval: gaps ${mine.join(', ')}`,
      );
    }
    assert.deepEqual(
      historyOf(t.store.file, 'web').revisions.map((r) => `${r.number} ${r.result}`),
      ['1 deployed', '2 deployed'],
    );
  });

  it('rolls back when the supervisor probes find the new pods failing', async () => {
    const t = setup();
    t.engine.failing.add('shop/web:bad');
    await t.clock.advance(3000);
    t.handOver(manifest('shop/web:bad'));
    const outcome = await untilOutcome(t);
    await t.clock.advance(2000);
    await t.stop();
    assert.ok(outcome?.kind === 'deploy-outcome' && outcome.outcome.result.startsWith('rolled back'), JSON.stringify(outcome));
    assert.deepEqual(
      t.engine.podsOf('web').map((p) => p.image),
      ['shop/web:1', 'shop/web:1'],
    );
    const badIds = new Set(t.engine.probes.map((p) => p.id).filter((id) => !t.engine.containers.some((c) => c.id === id)));
    assert.ok(badIds.size > 0, 'the failed pods were probed before they went');
    for (const [id, gaps] of probeGaps(t.engine.probes)) {
      // While starting, a failed probe is retried after 200 ms (STARTING_RETRY_MS); what matters is one prober.
      const doubled = gaps.filter((gap) => gap === 0);
      assert.deepEqual(doubled, [], `container ${id} probed twice at the same moment`);
    }
  });
});
