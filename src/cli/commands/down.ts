import { parseArgs } from 'node:util';
import { downProject } from '../../app/down';
import { FlotillaError } from '../../core/model/errors';
import { describeAction } from '../../core/wording';
import { cliEnv, requireValidManifest } from '../context';
import type { Output } from '../output';
import { interruptSignal } from '../interrupt';

export const help = "down [-f FILE] [--volumes]    remove the project's pods and network (named volumes too with --volumes)";

export async function run(args: string[], output: Output): Promise<number> {
  const { values } = parseArgs({ args, options: { file: { type: 'string', short: 'f' }, volumes: { type: 'boolean' } } });
  const { desired, doc } = requireValidManifest(output, values.file);
  const { signal, dispose } = interruptSignal(output);
  try {
    const result = await downProject(desired, cliEnv(doc?.nodes), {
      removeVolumes: values.volumes ?? false,
      signal,
      onEvent: (event) => event.kind === 'plan' && event.event.type === 'done' && output.out(`done ${describeAction(event.event.step.action)}`),
    });
    if (result.kind === 'refused') {
      throw new FlotillaError(
        'refused',
        `Project ${desired.project} is supervised by process ${result.pid} (flotilla up --watch or the editor), which would bring its pods back: stop that supervisor first; nothing was removed.`,
      );
    }
    const kept = result.volumesKept > 0 ? `; kept ${result.volumesKept} named volume(s) (remove them with --volumes)` : '';
    output.out(`Project ${desired.project} is down: removed ${result.pods} pod(s), ${result.networks} network(s), ${result.volumesRemoved} volume(s)${kept}.`);
    return 0;
  } finally {
    dispose();
  }
}
