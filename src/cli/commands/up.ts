import { parseArgs } from 'node:util';
import { FlotillaError } from '../../core/errors';
import type { ProgressEvent } from '../../core/executor';
import { refusedBySecurity } from '../../core/manifest/security';
import { describeAction } from '../../core/wording';
import { formatDuration } from '../../core/units';
import { up } from '../../core/up';
import { connectEngine, requireValidManifest } from '../context';
import { type Output, paint } from '../output';
import { printStatus } from '../status-table';
import { interruptSignal } from '../interrupt';
import { timingFromEnv, watch } from '../watch';
import { handOverToSupervisor } from '../rollout-session';
import type { RevisionRecord } from '../../core/revisions';
import type { DesiredState } from '../../core/state';
import { rolloutsInProgress } from '../../host/rollouts-in-progress';
import { alive } from '../../host/supervisor-lock';

export const help = 'up [-f FILE] [--watch] [--concurrency N]   create or update the project\'s pods, wait until they run; --watch keeps them healed';

export async function run(args: string[], output: Output): Promise<number> {
  const { values } = parseArgs({ args, options: { file: { type: 'string', short: 'f' }, concurrency: { type: 'string' }, watch: { type: 'boolean', short: 'w' } } });
  const { desired, doc, diagnostics } = requireValidManifest(output, values.file);
  const refused = refusedBySecurity(diagnostics);
  if (refused.length > 0) {
    throw new FlotillaError('refused', `Refusing to start: ${refused.length} setting${refused.length === 1 ? '' : 's'} above hand${refused.length === 1 ? 's' : ''} the host to a container; add what you accept to "allow:" in the manifest.`);
  }
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency > 0)) throw new FlotillaError('refused', '--concurrency takes a whole number above 0.');
  // Read before anything starts: a bad value must not leave pods behind.
  const timing = values.watch ? timingFromEnv() : undefined;
  // A running supervisor rolls the change out by each service's strategy instead.
  const handedOver = handOverToSupervisor(desired, output);
  if (handedOver && !timing) return 0;
  const engine = await connectEngine(doc?.nodes);
  if (handedOver && timing) {
    const { signal, dispose } = interruptSignal(output);
    await watch(desired, engine, output, signal, timing).finally(dispose);
    return 0;
  }
  const started = Date.now();
  const { signal, dispose } = interruptSignal(output);
  try {
    const rollouts = await rolloutsOf(desired, output);
    const result = await up(desired, engine, {
      leaveAlone: new Set(rollouts.keys()),
      signal,
      concurrency,
      observability: engine,
      onProgress: (event) => printProgress(output, event),
      onRollback: (created) => output.err(paint(output, 'yellow', `rolling back what this run created (${created.pods.length} pod(s), ${created.networks.length} network(s), ${created.volumes.length} volume(s))`)),
    });
    for (const service of result.leftAlone) output.out(describeLeftAlone(service, rollouts.get(service) as RevisionRecord, timing !== undefined));
    output.out(result.applied === 0 ? `Project ${desired.project} is up to date: nothing to do.` : `Project ${desired.project} is up (${result.applied} change(s) in ${formatDuration(Date.now() - started)}).`);
    printStatus(output, result.observed, desired);
    if (timing) await watch(desired, engine, output, signal, timing);
    return 0;
  } finally {
    dispose();
  }
}

/** The rollouts `up` leaves alone (see src/host/rollouts-in-progress.ts). */
async function rolloutsOf(desired: DesiredState, output: Output): Promise<Map<string, RevisionRecord>> {
  try {
    return await rolloutsInProgress(desired.project, desired.services.map((s) => s.name));
  } catch (error) {
    output.err(paint(output, 'yellow', `could not read the revision history (${(error as Error).message}); up goes on without it`));
    return new Map();
  }
}

function describeLeftAlone(service: string, record: RevisionRecord, watching: boolean): string {
  const pid = Number(record.owner);
  if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) return `${service}: process ${pid} is rolling out revision ${record.number}; up leaves ${service} to it.`;
  const next = watching ? 'the supervisor resumes it' : `up leaves ${service} as it is; flotilla deploy (or up --watch) resumes it`;
  return `${service}: the rollout of revision ${record.number} was interrupted; ${next}.`;
}

function printProgress(output: Output, event: ProgressEvent): void {
  const what = describeAction(event.step.action);
  if (event.type === 'begin') output.out(paint(output, 'dim', `[${event.index}/${event.total}] ${what}: ${event.step.reason}`));
  else if (event.type === 'done') output.out(`${paint(output, 'green', 'done')} ${what} (${formatDuration(event.ms)})`);
  else output.err(`${paint(output, 'red', 'failed')} ${what}`);
}
