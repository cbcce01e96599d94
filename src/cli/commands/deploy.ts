import { parseArgs } from 'node:util';
import { deployService } from '../../core/rollout/deploy';
import { FlotillaError } from '../../core/model/errors';
import { refusedBySecurity } from '../../core/manifest/security';
import { requireValidManifest } from '../context';
import type { Output } from '../output';
import { handOverToSupervisor, printOutcome, withRolloutSession } from '../rollout-session';

export const help = 'deploy [SERVICE] [-f FILE] [--force]   roll out changed services by their deploy.strategy (blue-green or rolling), rolling back on failure';

export async function run(args: string[], output: Output): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { file: { type: 'string', short: 'f' }, force: { type: 'boolean' } } });
  const { desired, doc, diagnostics } = requireValidManifest(output, values.file);
  if (refusedBySecurity(diagnostics).length > 0) throw new FlotillaError('refused', 'Refusing to deploy: the manifest hands the host to a container (see the warnings above); add what you accept to "allow:".');
  const names = positionals.length > 0 ? positionals : desired.services.map((s) => s.name);
  const unknown = names.filter((name) => !desired.services.some((s) => s.name === name));
  if (unknown.length > 0) throw new FlotillaError('refused', `No service ${unknown.map((n) => `"${n}"`).join(', ')} in the manifest (services: ${desired.services.map((s) => s.name).join(', ')}).`);
  if (handOverToSupervisor(desired, output)) return 0;
  return withRolloutSession(desired, doc?.nodes, output, values.force, async (ctx, options) => {
    let code = 0;
    for (const name of names) code = Math.max(code, printOutcome(output, await deployService(desired, name, ctx, options)));
    return code;
  });
}
