import { parseArgs } from 'node:util';
import { scaleServiceTo } from '../../app/scale';
import { FlotillaError } from '../../core/model/errors';
import type { ProgressEvent } from '../../core/reconcile/executor';
import { describeAction } from '../../core/wording';
import { cliEnv, requireValidManifest, unknownServiceError, UsageError } from '../context';
import { interruptSignal } from '../interrupt';
import { type Output, paint } from '../output';
import { printAppEvent, printFollowed, printHandedOver } from '../rollout-session';

export const help = "scale SERVICE N [-f FILE]   run N replicas of a service now; the next up or deploy goes back to the manifest's count";

export async function run(args: string[], output: Output): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { file: { type: 'string', short: 'f' } } });
  const [service, count, ...extra] = positionals;
  if (!service || count === undefined || extra.length > 0) throw new UsageError('name one service and a replica count: flotilla scale SERVICE N.');
  const { desired, doc, diagnostics } = requireValidManifest(output, values.file);
  const started = Date.now();
  const { signal, dispose } = interruptSignal(output);
  try {
    const result = await scaleServiceTo(desired, diagnostics, service, count, cliEnv(doc?.nodes), {
      signal,
      follow: true,
      onEvent: (event) => (event.kind === 'plan' ? printStep(output, event.event) : printAppEvent(output, event, started)),
    });
    if (result.kind === 'refused') {
      if (result.reason === 'unknown-service') throw unknownServiceError(result.unknown, result.services);
      if (result.reason === 'bad-count')
        throw new UsageError(
          result.problem === 'too-many'
            ? `at most ${result.max} replicas of ${service}, not ${count}.`
            : `the replica count is a whole number from 0 to ${result.max}, not "${count}".`,
        );
      throw new FlotillaError('refused', 'Refusing to scale: the manifest hands the host to a container (see the warnings above); add what you accept to "allow:".');
    }
    const manifestSays = result.manifestReplicas === result.replicas ? '' : ` The manifest says ${result.manifestReplicas}`;
    if (result.kind === 'handed-over') {
      printHandedOver(output, desired.project, result);
      const code = printFollowed(output, result);
      output.out(
        `${service}: ${result.replicas} replica${result.replicas === 1 ? '' : 's'}, kept by the supervisor until it is given another manifest.${manifestSays ? `${manifestSays}.` : ''}`,
      );
      return code;
    }
    output.out(
      paint(output, 'green', `${service}: scaled to ${result.replicas} replica${result.replicas === 1 ? '' : 's'} (${result.applied} change(s)).`) +
        (manifestSays ? `${manifestSays}: the next flotilla up applies that again.` : ''),
    );
    return 0;
  } finally {
    dispose();
  }
}

function printStep(output: Output, event: ProgressEvent): void {
  if (event.type === 'done') output.out(`done ${describeAction(event.step.action)}`);
  if (event.type === 'failed') output.err(`${paint(output, 'red', 'failed')} ${describeAction(event.step.action)}`);
}
