import { parseArgs } from 'node:util';
import { rollbackService } from '../../core/rollout/deploy';
import { FlotillaError } from '../../core/model/errors';
import { requireValidManifest, UsageError } from '../context';
import type { Output } from '../output';
import { handRollbackToSupervisor, printOutcome, withRolloutSession } from '../rollout-session';

export const help = 'rollback SERVICE [--to N] [-f FILE] [--force]   redeploy an earlier revision (default: the one before the current)';

export async function run(args: string[], output: Output): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { file: { type: 'string', short: 'f' }, to: { type: 'string' }, force: { type: 'boolean' } } });
  const [service, ...extra] = positionals;
  if (!service || extra.length > 0) throw new UsageError('name one service: flotilla rollback SERVICE [--to N].');
  const to = values.to === undefined ? undefined : Number(values.to);
  if (to !== undefined && !(Number.isInteger(to) && to > 0)) throw new UsageError(`--to takes a revision number (see flotilla history ${service}), not "${values.to}".`);
  const { desired, doc } = requireValidManifest(output, values.file);
  if (!desired.services.some((s) => s.name === service)) throw new FlotillaError('refused', `No service "${service}" in the manifest (services: ${desired.services.map((s) => s.name).join(', ')}).`);
  if (await handRollbackToSupervisor(desired, service, to, output)) return 0;
  return withRolloutSession(desired, doc?.nodes, output, values.force, async (ctx, options) => printOutcome(output, await rollbackService(desired, service, to, ctx, options)));
}
