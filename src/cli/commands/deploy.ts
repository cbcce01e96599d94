import { parseArgs } from 'node:util';
import { deployService, resumeRollouts } from '../../core/deploy';
import { FlotillaError } from '../../core/errors';
import { refusedBySecurity } from '../../core/manifest/security';
import { connectEngine, requireValidManifest } from '../context';
import { interruptSignal } from '../interrupt';
import type { Output } from '../output';
import { handOverToSupervisor, openRolloutSession, printDeployNote, printOutcome } from '../rollout-session';

export const help = 'deploy [SERVICE] [-f FILE] [--force]   roll out changed services by their deploy.strategy (blue-green or rolling), rolling back on failure';

export async function run(args: string[], output: Output): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { file: { type: 'string', short: 'f' }, force: { type: 'boolean' } } });
  const { desired, doc, diagnostics } = requireValidManifest(output, values.file);
  if (refusedBySecurity(diagnostics).length > 0) throw new FlotillaError('refused', 'Refusing to deploy: the manifest hands the host to a container (see the warnings above); add what you accept to "allow:".');
  const names = positionals.length > 0 ? positionals : desired.services.map((s) => s.name);
  const unknown = names.filter((name) => !desired.services.some((s) => s.name === name));
  if (unknown.length > 0) throw new FlotillaError('refused', `No service ${unknown.map((n) => `"${n}"`).join(', ')} in the manifest (services: ${desired.services.map((s) => s.name).join(', ')}).`);
  if (handOverToSupervisor(desired, output)) return 0;
  const engine = await connectEngine(doc?.nodes);
  const session = await openRolloutSession(desired, engine, output);
  const { signal, dispose } = interruptSignal(output);
  const started = Date.now();
  const options = { signal, force: values.force, onNote: (note: Parameters<typeof printDeployNote>[1]) => printDeployNote(output, note, started) };
  try {
    let code = 0;
    // Finish (or roll back) what an interrupted run left before starting anything new.
    for (const outcome of await resumeRollouts(desired, session.ctx, options)) code = Math.max(code, printOutcome(output, outcome));
    for (const name of names) code = Math.max(code, printOutcome(output, await deployService(desired, name, session.ctx, options)));
    return code;
  } finally {
    dispose();
    await session.close();
  }
}
