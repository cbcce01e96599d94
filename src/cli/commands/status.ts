import { parseArgs } from 'node:util';
import { connectEngine, requireValidManifest } from '../context';
import type { Output } from '../output';
import { printStatus } from '../status-table';

export const help = 'status [-f FILE] [--json]     services, pods and containers with their state';

export async function run(args: string[], output: Output): Promise<number> {
  const { values } = parseArgs({ args, options: { file: { type: 'string', short: 'f' }, json: { type: 'boolean' } } });
  const { desired, doc } = requireValidManifest(output, values.file);
  const engine = await connectEngine(doc?.nodes);
  const observed = await engine.listProject(desired.project);
  if (values.json) output.out(JSON.stringify(observed, null, 2));
  else printStatus(output, observed, desired);
  return 0;
}
