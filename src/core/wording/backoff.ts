// A held-back restart, worded once for the CLI's lines, `flotilla status` and the editor's tree.

import { describeCountdown } from './time';

/** "restarting in 40s (crash 4)", or "web-1: restarting in 40s (crash 4)" with a pod. `crash` is the crash the restart answers. */
export function describeBackoff(pod: string | undefined, crash: number | undefined, inMs: number): string {
  return `${pod === undefined ? '' : `${pod}: `}restarting in ${describeCountdown(inMs)} (crash ${crash ?? '?'})`;
}
