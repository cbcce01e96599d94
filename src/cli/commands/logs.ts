import { parseArgs } from 'node:util';
import { FlotillaError } from '../../core/model/errors';
import type { LogLine } from '../../core/ports/engine';
import type { ObservedContainer, ObservedState } from '../../core/model/state';
import { parseDuration } from '../../core/model/units';
import { connectEngine, requireValidManifest, UsageError, type Engine } from '../context';
import { interruptSignal } from '../interrupt';
import { type Output, paint, PREFIX_COLORS } from '../output';

export const help = 'logs TARGET [-f|--follow] [--since 10m|TIME] [--tail N] [-t|--timestamps] [--file FILE]   TARGET: service, pod or pod/container';

export async function run(args: string[], output: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      // -f follows, as with docker logs; the manifest is named with --file here.
      file: { type: 'string' },
      follow: { type: 'boolean', short: 'f' },
      since: { type: 'string' },
      tail: { type: 'string' },
      timestamps: { type: 'boolean', short: 't' },
    },
  });
  const follow = values.follow ?? false;
  const target = positionals[0];
  if (!target || positionals.length > 1) throw new UsageError(`usage: flotilla ${help}`);
  const tail = values.tail === undefined || values.tail === 'all' ? undefined : Number(values.tail);
  if (tail !== undefined && !(Number.isInteger(tail) && tail >= 0)) throw new UsageError('--tail takes a whole number or "all".');
  const since = values.since === undefined ? undefined : parseSince(values.since);

  const { desired, doc } = requireValidManifest(output, values.file);
  const engine = await connectEngine(doc?.nodes);
  const containers = selectContainers(await engine.listProject(desired.project), target);
  const width = Math.max(...containers.map((c) => `${c.pod}/${c.container}`.length));
  const prefix = (c: ObservedContainer, i: number) => paint(output, PREFIX_COLORS[i % PREFIX_COLORS.length]!, `${c.pod}/${c.container}`.padEnd(width)) + ' | ';
  const render = (c: ObservedContainer, i: number, line: LogLine) =>
    `${prefix(c, i)}${values.timestamps && line.time ? `${new Date(line.time).toISOString()} ` : ''}${line.text}`;

  const { signal, dispose } = interruptSignal(output);
  try {
    if (follow) {
      await Promise.all(containers.map(async (c, i) => {
        for await (const line of engine.logs(c.id, { follow: true, since, tail, timestamps: true, signal })) output.out(render(c, i, line));
      })).catch((error) => { if (!signal.aborted) throw error; });
    } else {
      const all = await collect(engine, containers, { since, tail });
      all.sort((a, b) => (a.line.time ?? 0) - (b.line.time ?? 0) || a.index - b.index || a.order - b.order);
      for (const { container, index, line } of all) output.out(render(container, index, line));
    }
    return 0;
  } finally {
    dispose();
  }
}

/** Without --follow, lines of all containers are merged in time order. */
async function collect(engine: Engine, containers: ObservedContainer[], options: { since?: number; tail?: number }) {
  const perContainer = await Promise.all(containers.map(async (container, index) => {
    const lines: { container: ObservedContainer; index: number; order: number; line: LogLine }[] = [];
    for await (const line of engine.logs(container.id, { follow: false, timestamps: true, ...options })) lines.push({ container, index, order: lines.length, line });
    return lines;
  }));
  return perContainer.flat();
}

function selectContainers(observed: ObservedState, target: string): ObservedContainer[] {
  const [podOrService, containerName] = target.split('/');
  const all = observed.pods.flatMap((p) => p.containers);
  const matches = all.filter((c) => (c.service === podOrService || c.pod === podOrService) && (containerName === undefined || c.container === containerName));
  if (matches.length === 0) {
    const known = [...new Set(observed.pods.map((p) => p.service))].join(', ') || 'none running';
    throw new FlotillaError('refused', `Nothing matches "${target}" in project ${observed.project} (services: ${known}).`);
  }
  return matches;
}

/** "10m" (ago), an ISO time, or seconds since the epoch -> seconds since the epoch. */
export function parseSince(text: string, now = Date.now()): number {
  const ago = parseDuration(text);
  if (ago !== undefined) return Math.floor((now - ago) / 1000);
  if (/^[0-9]+$/.test(text)) return Number(text);
  const time = Date.parse(text);
  if (Number.isNaN(time)) throw new UsageError(`--since takes a duration like 10m, a time like 2026-11-24T10:00:00Z, or seconds since the epoch; got "${text}".`);
  return Math.floor(time / 1000);
}
