import { parseArgs } from 'node:util';
import { down } from '../../core/down';
import { describeAction } from '../../core/wording';
import { connectEngine, requireValidManifest } from '../context';
import type { Output } from '../output';
import { interruptSignal } from '../interrupt';

export const help = 'down [-f FILE] [--volumes]    remove the project\'s pods and network (named volumes too with --volumes)';

export async function run(args: string[], output: Output): Promise<number> {
  const { values } = parseArgs({ args, options: { file: { type: 'string', short: 'f' }, volumes: { type: 'boolean' } } });
  const { desired, doc } = requireValidManifest(output, values.file);
  const engine = await connectEngine(doc?.nodes);
  const { signal, dispose } = interruptSignal(output);
  try {
    const result = await down(desired.project, engine, {
      removeVolumes: values.volumes ?? false,
      desired,
      signal,
      onProgress: (event) => event.type === 'done' && output.out(`done ${describeAction(event.step.action)}`),
    });
    const kept = result.volumesKept > 0 ? `; kept ${result.volumesKept} named volume(s) (remove them with --volumes)` : '';
    output.out(`Project ${desired.project} is down: removed ${result.pods} pod(s), ${result.networks} network(s), ${result.volumesRemoved} volume(s)${kept}.`);
    return 0;
  } finally {
    dispose();
  }
}
