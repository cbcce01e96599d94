// Ctrl-C aborts the running operation (which then rolls back); a second Ctrl-C exits at once.

import type { Output } from './output';

export function interruptSignal(output: Output): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onInterrupt = () => {
    if (controller.signal.aborted) process.exit(130);
    output.err('Interrupted: stopping (press Ctrl-C again to exit at once).');
    controller.abort(new Error('interrupted'));
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onInterrupt);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onInterrupt);
      process.off('SIGTERM', onInterrupt);
    },
  };
}
