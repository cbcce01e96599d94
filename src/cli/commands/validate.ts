import { parseArgs } from 'node:util';
import { hasErrors } from '../../core/model/diagnostics';
import { findManifest, printDiagnostics, readManifest } from '../context';
import type { Output } from '../output';

export const help = 'validate [-f FILE] [--json]   check the manifest; every problem with file:line:column';

export async function run(args: string[], output: Output): Promise<number> {
  const { values } = parseArgs({ args, options: { file: { type: 'string', short: 'f' }, json: { type: 'boolean' } } });
  const manifest = readManifest(findManifest(values.file, process.cwd()));
  if (values.json) {
    output.out(JSON.stringify({ file: manifest.file, diagnostics: manifest.diagnostics }, null, 2));
  } else {
    printDiagnostics(output, manifest.file, manifest.diagnostics);
    if (!hasErrors(manifest.diagnostics)) {
      const desired = manifest.loaded?.desired;
      output.out(`${manifest.file}: valid, project ${desired?.project}, ${desired?.services.length} service(s)`);
    }
  }
  return hasErrors(manifest.diagnostics) ? 1 : 0;
}
