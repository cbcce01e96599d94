import { parseArgs } from 'node:util';
import { resumeRollouts, rollbackService } from '../../core/deploy';
import { FlotillaError } from '../../core/errors';
import { connectEngine, requireValidManifest, UsageError } from '../context';
import { interruptSignal } from '../interrupt';
import type { Output } from '../output';
import { handRollbackToSupervisor, openRolloutSession, printDeployNote, printOutcome } from '../rollout-session';

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
  const engine = await connectEngine(doc?.nodes);
  const session = await openRolloutSession(desired, engine, output);
  const { signal, dispose } = interruptSignal(output);
  const started = Date.now();
  const options = { signal, force: values.force, onNote: (note: Parameters<typeof printDeployNote>[1]) => printDeployNote(output, note, started) };
  try {
    for (const outcome of await resumeRollouts(desired, session.ctx, options)) printOutcome(output, outcome);
    return printOutcome(output, await rollbackService(desired, service, to, session.ctx, options));
  } finally {
    dispose();
    await session.close();
  }
}
