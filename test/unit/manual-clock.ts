// A test clock for the core's timed state machines.
import type { Clock } from '../../src/core/ports/clock';

/** A clock that only moves when the test moves it; sleeps resolve when their time comes. */
export class ManualClock implements Clock {
  private time = 0;
  private sleepers: { at: number; resolve: () => void }[] = [];
  now(): number {
    return this.time;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => reject(signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.sleepers.push({
        at: this.time + ms,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      });
    });
  }
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      await new Promise((r) => setImmediate(r));
      const next = this.sleepers.filter((s) => s.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.time = Math.max(this.time, next.at);
      this.sleepers.splice(this.sleepers.indexOf(next), 1);
      next.resolve();
    }
    this.time = target;
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  }
}
