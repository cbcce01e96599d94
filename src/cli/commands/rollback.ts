import { parseArgs } from 'node:util';
import { rollbackServiceTo } from '../../app/rollback';
import { FlotillaError } from '../../core/model/errors';
import { cliEnv, requireValidManifest, unknownServiceError, UsageError } from '../context';
import { interruptSignal } from '../interrupt';
import type { Output } from '../output';
import { outcomesCode, printAppEvent, printHandedOver, printOutcome } from '../rollout-session';

export const help = 'rollback SERVICE [--to N] [-f FILE] [--force]   redeploy an earlier revision (default: the one before the current)';

export async function run(args: string[], output: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { file: { type: 'string', short: 'f' }, to: { type: 'string' }, force: { type: 'boolean' } },
  });
  const [service, ...extra] = positionals;
  if (!service || extra.length > 0) throw new UsageError('name one service: flotilla rollback SERVICE [--to N].');
  const to = values.to === undefined ? undefined : Number(values.to);
  if (to !== undefined && !(Number.isInteger(to) && to > 0)) throw new UsageError(`--to takes a revision number (see flotilla history ${service}), not "${values.to}".`);
  const { desired, doc, diagnostics } = requireValidManifest(output, values.file);
  const started = Date.now();
  const { signal, dispose } = interruptSignal(output);
  try {
    const result = await rollbackServiceTo(desired, diagnostics, service, to, cliEnv(doc?.nodes), {
      force: values.force,
      signal,
      onEvent: (event) => printAppEvent(output, event, started),
    });
    switch (result.kind) {
      case 'refused':
        if (result.reason === 'unknown-service') throw unknownServiceError(result.unknown, result.services);
        throw new FlotillaError('refused', 'Refusing to roll back: the manifest hands the host to a container (see the warnings above); add what you accept to "allow:".');
      case 'handed-over':
      case 'supervising':
        if (result.kind === 'handed-over') printHandedOver(output, desired.project, result);
        output.out(
          `${service}: the supervisor rolls it back to revision ${result.revision.number} (${result.revision.images.join(', ')}); it keeps that spec until the manifest changes again.`,
        );
        return 0;
      case 'rolled-out':
        for (const outcome of result.outcomes) printOutcome(output, outcome);
        return outcomesCode([...result.resumed, ...result.outcomes]);
    }
  } finally {
    dispose();
  }
}
