import { parseArgs } from 'node:util';
import type { LeftAlone } from '../../app/converge';
import { upProject } from '../../app/up';
import { FlotillaError } from '../../core/model/errors';
import type { ProgressEvent } from '../../core/reconcile/executor';
import { describeAction } from '../../core/wording';
import { formatDuration } from '../../core/model/units';
import { cliEnv, requireValidManifest, unknownServiceError } from '../context';
import { interruptSignal } from '../interrupt';
import { type Output, paint } from '../output';
import { printAppEvent, printHandedOver } from '../rollout-session';
import { printStatus } from '../status-table';
import { timingFromEnv, watch } from '../watch';

export const help = "up [-f FILE] [--watch] [--concurrency N]   create or update the project's pods, wait until they run; --watch keeps them healed";

export async function run(args: string[], output: Output): Promise<number> {
  const { values } = parseArgs({ args, options: { file: { type: 'string', short: 'f' }, concurrency: { type: 'string' }, watch: { type: 'boolean', short: 'w' } } });
  const { desired, doc, diagnostics } = requireValidManifest(output, values.file);
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency > 0)) throw new FlotillaError('refused', '--concurrency takes a whole number above 0.');
  // Read before anything starts: a bad value must not leave pods behind.
  const timing = values.watch ? timingFromEnv() : undefined;
  const env = cliEnv(doc?.nodes);
  const started = Date.now();
  const { signal, dispose } = interruptSignal(output);
  try {
    const result = await upProject(desired, diagnostics, env, {
      concurrency,
      signal,
      onEvent: (event) => (event.kind === 'plan' ? printProgress(output, event.event) : printAppEvent(output, event, started)),
    });
    if (result.kind === 'refused') {
      if (result.reason === 'unknown-service') throw unknownServiceError(result.unknown, result.services);
      const n = result.settings;
      throw new FlotillaError(
        'refused',
        `Refusing to start: ${n} setting${n === 1 ? '' : 's'} above hand${n === 1 ? 's' : ''} the host to a container; add what you accept to "allow:" in the manifest.`,
      );
    }
    // A running supervisor rolls the change out by each service's strategy instead.
    if (result.kind === 'handed-over') {
      printHandedOver(output, desired.project, result);
      if (timing) await watch(desired, await env.engine(), output, signal, timing);
      return 0;
    }
    for (const left of result.leftAlone) output.out(describeLeftAlone(left, timing !== undefined));
    output.out(
      result.applied === 0
        ? `Project ${desired.project} is up to date: nothing to do.`
        : `Project ${desired.project} is up (${result.applied} change(s) in ${formatDuration(Date.now() - started)}).`,
    );
    printStatus(output, result.observed, desired);
    if (timing) await watch(desired, await env.engine(), output, signal, timing);
    return 0;
  } finally {
    dispose();
  }
}

function describeLeftAlone(left: LeftAlone, watching: boolean): string {
  if (left.pid !== undefined) return `${left.service}: process ${left.pid} is rolling out revision ${left.revision}; up leaves ${left.service} to it.`;
  const next = watching ? 'the supervisor resumes it' : `up leaves ${left.service} as it is; flotilla deploy (or up --watch) resumes it`;
  return `${left.service}: the rollout of revision ${left.revision} was interrupted; ${next}.`;
}

function printProgress(output: Output, event: ProgressEvent): void {
  const what = describeAction(event.step.action);
  if (event.type === 'begin') output.out(paint(output, 'dim', `[${event.index}/${event.total}] ${what}: ${event.step.reason}`));
  else if (event.type === 'done') output.out(`${paint(output, 'green', 'done')} ${what} (${formatDuration(event.ms)})`);
  else output.err(`${paint(output, 'red', 'failed')} ${what}`);
}
