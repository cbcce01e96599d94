import { parseArgs } from 'node:util';
import { currentRevision, historyOf } from '../../core/rollout/revisions';
import { FileRevisionStore } from '../../host/revision-store';
import { requireValidManifest, UsageError } from '../context';
import { type Output, paint, table } from '../output';

export const help = 'history SERVICE [-f FILE] [--json]   the kept revisions of a service: time, images, result';

export async function run(args: string[], output: Output): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { file: { type: 'string', short: 'f' }, json: { type: 'boolean' } } });
  const [service, ...extra] = positionals;
  if (!service || extra.length > 0) throw new UsageError('name one service: flotilla history SERVICE.');
  const { desired } = requireValidManifest(output, values.file);
  const file = await new FileRevisionStore(desired.project).read();
  const { revisions } = historyOf(file, service);
  if (values.json) {
    output.out(
      JSON.stringify(
        revisions.map(({ spec: _spec, ...rest }) => rest),
        null,
        2,
      ),
    );
    return 0;
  }
  if (revisions.length === 0) {
    output.out(`No revisions of ${service} yet: flotilla deploy records one each time it rolls out a change.`);
    return 0;
  }
  const current = currentRevision(file, service)?.number;
  const rows = [['REVISION', 'TIME (UTC)', 'IMAGES', 'RESULT']];
  for (const r of [...revisions].reverse()) {
    const result = `${r.result}${r.rollbackOf === undefined ? '' : ` (rollback to ${r.rollbackOf})`}${r.restart ? ' (restart)' : ''}${r.number === current ? ' (current)' : ''}`;
    rows.push([String(r.number), new Date(r.time).toISOString().replace('T', ' ').slice(0, 19), r.images.join(', '), result]);
  }
  const colour = (cell: string, row: number, column: number) => {
    if (row === 0 || column !== 3) return cell;
    return cell.startsWith('deployed') ? paint(output, 'green', cell) : cell.startsWith('in progress') ? paint(output, 'cyan', cell) : paint(output, 'yellow', cell);
  };
  for (const line of table(rows, colour)) output.out(line);
  return 0;
}
