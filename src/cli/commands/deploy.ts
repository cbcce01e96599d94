import { parseArgs } from 'node:util';
import { deployProject } from '../../app/deploy';
import { FlotillaError } from '../../core/model/errors';
import { cliEnv, requireValidManifest, unknownServiceError } from '../context';
import { interruptSignal } from '../interrupt';
import type { Output } from '../output';
import { outcomesCode, printAppEvent, printHandedOver, printOutcome } from '../rollout-session';

export const help = 'deploy [SERVICE] [-f FILE] [--force]   roll out changed services by their deploy.strategy (blue-green or rolling), rolling back on failure';

export async function run(args: string[], output: Output): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { file: { type: 'string', short: 'f' }, force: { type: 'boolean' } } });
  const { desired, doc, diagnostics } = requireValidManifest(output, values.file);
  const started = Date.now();
  const { signal, dispose } = interruptSignal(output);
  try {
    const result = await deployProject(desired, diagnostics, positionals, cliEnv(doc?.nodes), {
      force: values.force,
      signal,
      onEvent: (event) => printAppEvent(output, event, started),
    });
    switch (result.kind) {
      case 'refused':
        if (result.reason === 'unknown-service') throw unknownServiceError(result.unknown, result.services);
        throw new FlotillaError('refused', 'Refusing to deploy: the manifest hands the host to a container (see the warnings above); add what you accept to "allow:".');
      case 'handed-over':
        printHandedOver(output, desired.project, result);
        return 0;
      case 'supervising':
        return 0;
      case 'deployed':
        for (const outcome of result.outcomes) printOutcome(output, outcome);
        return outcomesCode([...result.resumed, ...result.outcomes]);
    }
  } finally {
    dispose();
  }
}
