import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { exportEcs } from '../../interop/ecs/export';
import { exportKubernetes } from '../../interop/kubernetes/index';
import { requireValidManifest, UsageError } from '../context';
import { type Output, paint } from '../output';

export const help = 'export kubernetes|ecs [-f FILE] [-o DIR]   cluster objects for the manifest (stdout, or files in DIR)';

export async function run(args: string[], output: Output): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { file: { type: 'string', short: 'f' }, output: { type: 'string', short: 'o' } } });
  const target = positionals[0];
  if ((target !== 'kubernetes' && target !== 'ecs') || positionals.length > 1) throw new UsageError('name the target: flotilla export kubernetes|ecs [-o DIR].');
  const manifest = requireValidManifest(output, values.file);
  if (!manifest.doc) throw new UsageError('the manifest could not be read.');
  const files = new Map<string, string>();
  let notes: { at: string; message: string }[];
  let stdout: string;
  if (target === 'kubernetes') {
    const exported = exportKubernetes(manifest.doc, manifest.desired.project, path.dirname(manifest.file));
    const render = (objects: object[]) => objects.map((object) => stringify(object, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
    for (const file of exported.files) files.set(`${file.name}.yaml`, render(file.objects));
    stdout = render(exported.files.flatMap((file) => file.objects));
    notes = exported.notes;
  } else {
    const exported = exportEcs(manifest.doc, manifest.desired.project);
    const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
    for (const service of exported.services) {
      files.set(`${service.name}.taskdef.json`, json(service.taskDefinition));
      files.set(`${service.name}.service.json`, json(service.service));
    }
    stdout = json(exported.services.map(({ taskDefinition, service }) => ({ taskDefinition, service })));
    notes = exported.notes;
  }
  if (values.output) {
    const dir = path.resolve(process.cwd(), values.output);
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of files) writeFileSync(path.join(dir, name), text);
  } else {
    output.out(stdout.trimEnd());
  }
  for (const note of notes) output.err(paint(output, 'yellow', `  not exported as is: ${note.at}: ${note.message}`));
  const where = values.output ? ` in ${values.output} (${[...files.keys()].join(', ')})` : '';
  output.err(`${files.size} ${target === 'kubernetes' ? 'Kubernetes' : 'ECS'} file(s)${where}; ${notes.length} note(s).`);
  return 0;
}
