import { parseArgs } from 'node:util';
import { restartServiceOf } from '../../app/restart';
import { FlotillaError } from '../../core/model/errors';
import { cliEnv, requireValidManifest, unknownServiceError, UsageError } from '../context';
import { interruptSignal } from '../interrupt';
import { type Output, paint } from '../output';
import { outcomesCode, printAppEvent, printOutcome } from '../rollout-session';

export const help = "restart SERVICE [-f FILE]   replace a service's pods by its deploy.strategy, draining each old pod, without downtime";

export async function run(args: string[], output: Output): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { file: { type: 'string', short: 'f' } } });
  const [service, ...extra] = positionals;
  if (!service || extra.length > 0) throw new UsageError('name one service: flotilla restart SERVICE.');
  const { desired, doc, diagnostics } = requireValidManifest(output, values.file);
  const started = Date.now();
  const { signal, dispose } = interruptSignal(output);
  try {
    const result = await restartServiceOf(desired, diagnostics, service, cliEnv(doc?.nodes), { signal, onEvent: (event) => printAppEvent(output, event, started) });
    switch (result.kind) {
      case 'refused':
        if (result.reason === 'unknown-service') throw unknownServiceError(result.unknown, result.services);
        if (result.reason === 'no-pods') throw new FlotillaError('refused', `${service} has no pods to restart: run flotilla up first.`);
        if (result.reason === 'not-applied')
          throw new FlotillaError(
            'refused',
            `${result.services.join(', ')} run${result.services.length === 1 ? 's' : ''} another spec than the manifest says: roll it out with flotilla deploy (or up) first; a restart replaces pods, it does not deploy.`,
          );
        if (result.reason === 'rollout-in-progress')
          throw new FlotillaError('refused', `A rollout of ${service} (revision ${result.revision}) is under way: restart once it has finished (flotilla history ${service}).`);
        throw new FlotillaError('refused', 'Refusing to restart: the manifest hands the host to a container (see the warnings above); add what you accept to "allow:".');
      case 'restarted':
        for (const outcome of result.outcomes)
          printRestarted(output, outcome.service, outcome.result === 'deployed' ? outcome.revision : undefined, () => printOutcome(output, outcome));
        return outcomesCode([...result.resumed, ...result.outcomes]);
      case 'restarted-by-supervisor': {
        const who = result.owner.kind === 'process' ? `process ${result.owner.pid}` : 'this process';
        if (!result.outcome) {
          output.err(
            paint(
              output,
              'yellow',
              `${service}: the supervisor in ${who} has not finished the restart (revision ${result.revision}); follow it with flotilla status and flotilla history ${service}.`,
            ),
          );
          return 1;
        }
        const outcome = result.outcome;
        printRestarted(output, service, outcome.result === 'deployed' ? outcome.revision : undefined, () => printOutcome(output, outcome), ` by the supervisor in ${who}`);
        return outcomesCode([outcome]);
      }
    }
  } finally {
    dispose();
  }
}

function printRestarted(output: Output, service: string, revision: number | undefined, otherwise: () => void, by = ''): void {
  if (revision === undefined) otherwise();
  else output.out(paint(output, 'green', `${service}: restarted${by} (revision ${revision}).`));
}
