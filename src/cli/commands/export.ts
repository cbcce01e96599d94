import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { exportKubernetes } from '../../interop/kubernetes/index';
import { requireValidManifest, UsageError } from '../context';
import { type Output, paint } from '../output';

export const help = 'export kubernetes [-f FILE] [-o DIR]   Kubernetes objects for the manifest (stdout, or a file per service in DIR)';

export async function run(args: string[], output: Output): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { file: { type: 'string', short: 'f' }, output: { type: 'string', short: 'o' } } });
  if (positionals[0] !== 'kubernetes' || positionals.length > 1) throw new UsageError('this version exports to Kubernetes: flotilla export kubernetes [-o DIR].');
  const manifest = requireValidManifest(output, values.file);
  if (!manifest.doc) throw new UsageError('the manifest could not be read.');
  const exported = exportKubernetes(manifest.doc, manifest.desired.project, path.dirname(manifest.file));
  const render = (objects: object[]) => objects.map((object) => stringify(object, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
  if (values.output) {
    const dir = path.resolve(process.cwd(), values.output);
    mkdirSync(dir, { recursive: true });
    for (const file of exported.files) writeFileSync(path.join(dir, `${file.name}.yaml`), render(file.objects));
  } else {
    output.out(render(exported.files.flatMap((file) => file.objects)).trimEnd());
  }
  for (const note of exported.notes) output.err(paint(output, 'yellow', `  not exported as is: ${note.at}: ${note.message}`));
  const count = exported.files.reduce((sum, file) => sum + file.objects.length, 0);
  const where = values.output ? ` in ${values.output} (${exported.files.map((f) => `${f.name}.yaml`).join(', ')})` : '';
  output.err(`${count} Kubernetes object(s)${where}; ${exported.notes.length} note(s).`);
  return 0;
}
