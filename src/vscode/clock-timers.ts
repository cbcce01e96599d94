// Timers on the injected Clock, so the editor runtime's debounces, resyncs and redraws run on a
// manual clock in unit tests. Each returns its cancel function.

import type { Clock } from '../core/ports/clock';

/** Runs `fire` once after `ms`, unless cancelled first. */
export function after(clock: Clock, ms: number, fire: () => void): () => void {
  const abort = new AbortController();
  clock.sleep(ms, abort.signal).then(
    () => {
      if (!abort.signal.aborted) fire();
    },
    () => undefined, // cancelled
  );
  return () => abort.abort();
}

/** Runs `fire` every `ms` until cancelled. */
export function every(clock: Clock, ms: number, fire: () => void): () => void {
  const abort = new AbortController();
  void (async () => {
    for (;;) {
      try {
        await clock.sleep(ms, abort.signal);
      } catch {
        return; // cancelled
      }
      if (abort.signal.aborted) return;
      fire();
    }
  })();
  return () => abort.abort();
}
