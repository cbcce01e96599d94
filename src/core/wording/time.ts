// Durations as the supervisor's lines say them.

import { formatDuration } from '../model/units';

/** A countdown in whole seconds, rounded up ("40s", "2m30s"): a restart is never due sooner than it says. */
export function describeCountdown(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return formatDuration(seconds * 1000).replace(/^0ms$/, '0s');
}
