import { parseArgs } from 'node:util';
import { connectEngine, requireValidManifest } from '../context';
import type { Output } from '../output';
import { readLiveStatus } from '../../host/live-status';
import { printStatus, withLiveHealth } from '../status-table';

export const help = 'status [-f FILE] [--json]     services, pods and containers with their state, health and restarts';

export async function run(args: string[], output: Output): Promise<number> {
  const { values } = parseArgs({ args, options: { file: { type: 'string', short: 'f' }, json: { type: 'boolean' } } });
  const { desired, doc } = requireValidManifest(output, values.file);
  const engine = await connectEngine(doc?.nodes);
  const observed = await engine.listProject(desired.project);
  // Health, restarts and backoff live in the supervisor (up --watch or the editor), if one runs.
  const live = readLiveStatus(desired.project);
  if (values.json)
    output.out(
      JSON.stringify(
        {
          ...withLiveHealth(observed, live),
          supervisor: live && { pid: live.pid, engine: live.engine, pods: live.pods, serving: live.serving ?? {}, transitions: live.transitions },
        },
        null,
        2,
      ),
    );
  else printStatus(output, observed, desired, live);
  return 0;
}
