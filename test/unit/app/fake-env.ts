// An environment for the use cases' unit tests: the in-memory engine, an in-memory revision
// store, a simulated clock, and a Supervision whose owner the test sets (and which records what
// it was handed, started with and asked to stop).
import type { AppEngine, AppEnv, AppEvent } from '../../../src/app/env';
import { HeldReplicas } from '../../../src/app/replicas';
import type { Supervision, SupervisorOwner } from '../../../src/app/supervision';
import type { DesiredState } from '../../../src/core/model/state';
import { MemoryStore, SimClock } from '../core/rollout/deploy-fakes';
import { QuietEngine } from '../fake-engine';

export class FakeSupervision implements Supervision {
  current: SupervisorOwner = { kind: 'none' };
  keptState: DesiredState | undefined;
  handed: DesiredState[] = [];
  startedWith: DesiredState[] = [];
  stopped: string[] = [];
  /** Runs on each hand-over (a test's stand-in for the supervisor's pass). */
  onHandOver: (desired: DesiredState) => void = () => undefined;

  owner(): SupervisorOwner {
    return this.current;
  }
  handOver(desired: DesiredState): void {
    this.handed.push(desired);
    this.onHandOver(desired);
  }
  kept(): DesiredState | undefined {
    return this.keptState;
  }
  async start(desired: DesiredState): Promise<SupervisorOwner> {
    this.startedWith.push(desired);
    this.current = { kind: 'here' };
    this.keptState = desired;
    return this.current;
  }
  async stop(project: string): Promise<void> {
    this.stopped.push(project);
    this.current = { kind: 'none' };
    this.keptState = undefined;
  }
}

export function fakeEnv(images: string[], options: { canSupervise?: boolean } = {}) {
  const engine = new QuietEngine(images);
  const store = new MemoryStore('shop');
  const supervision = new FakeSupervision();
  if (options.canSupervise === false) Object.assign(supervision, { start: undefined, stop: undefined });
  const events: AppEvent[] = [];
  let engineUsed = false;
  const env: AppEnv = {
    engine: async () => {
      engineUsed = true;
      return engine as unknown as AppEngine;
    },
    revisions: () => store,
    supervision,
    replicas: new HeldReplicas(),
    clock: new SimClock(),
    ownerPid: 4242,
    ownerAlive: (pid) => pid === 777,
  };
  return { env, engine, store, supervision, events, onEvent: (e: AppEvent) => events.push(e), engineUsed: () => engineUsed };
}
