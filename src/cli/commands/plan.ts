import { parseArgs } from 'node:util';
import { computePlan } from '../../core/reconcile/plan';
import { formatPlan } from '../../core/wording';
import { connectEngine, requireValidManifest } from '../context';
import type { Output } from '../output';

export const help = 'plan [-f FILE]                what `up` would do, and why (changes nothing)';

export async function run(args: string[], output: Output): Promise<number> {
  const { values } = parseArgs({ args, options: { file: { type: 'string', short: 'f' } } });
  const { desired, doc } = requireValidManifest(output, values.file);
  const engine = await connectEngine(doc?.nodes);
  const plan = computePlan(desired, await engine.listProject(desired.project));
  if (plan.steps.length === 0) output.out(`Project ${desired.project} is up to date: nothing to do.`);
  for (const line of formatPlan(plan)) output.out(line);
  return 0;
}
