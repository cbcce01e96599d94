import { parseArgs } from 'node:util';
import { EnginePods } from '../../app/engine-pods';
import { containersOf, LogSession, type LogTarget } from '../../app/log-session';
import { systemClock } from '../../core/ports/clock';
import { FlotillaError } from '../../core/model/errors';
import type { LogLine } from '../../core/ports/engine';
import type { ObservedContainer, ObservedPod } from '../../core/model/state';
import { parseDuration } from '../../core/model/units';
import { connectEngine, requireValidManifest, UsageError, type Engine } from '../context';
import { interruptSignal } from '../interrupt';
import { type Output, paint, PREFIX_COLORS } from '../output';

export const help = 'logs TARGET [-f|--follow] [--since 10m|TIME] [--tail N] [-t|--timestamps] [--file FILE]   TARGET: service, pod or pod/container; -f follows replacements too';

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
  const positional = positionals[0];
  if (!positional || positionals.length > 1) throw new UsageError(`usage: flotilla ${help}`);
  const tail = values.tail === undefined || values.tail === 'all' ? undefined : Number(values.tail);
  if (tail !== undefined && !(Number.isInteger(tail) && tail >= 0)) throw new UsageError('--tail takes a whole number or "all".');
  const since = values.since === undefined ? undefined : parseSince(values.since);

  const { desired, doc } = requireValidManifest(output, values.file);
  const engine = await connectEngine(doc?.nodes);
  const { signal, dispose } = interruptSignal(output);
  try {
    const pods = follow ? await EnginePods.open(engine, desired.project, systemClock, signal) : undefined;
    const listed = pods?.pods() ?? (await engine.listProject(desired.project)).pods;
    const target = logTarget(listed, desired.project, positional);
    const containers = containersOf(target, listed);
    const width = Math.max(...containers.map((c) => `${c.pod}/${c.container}`.length));
    const colour = new Map(containers.map((c, i) => [`${c.pod}/${c.container}`, PREFIX_COLORS[i % PREFIX_COLORS.length]!]));
    const prefix = (c: ObservedContainer) => paint(output, colour.get(`${c.pod}/${c.container}`) ?? 'dim', `${c.pod}/${c.container}`.padEnd(width)) + ' | ';
    if (pods) {
      // The editor's session: replacements (heals, restarts, rollouts) are followed from their start.
      const session = new LogSession(
        engine,
        pods,
        target,
        { append: (text) => output.out(text.replace(/\n$/, '')) },
        { tail, since, timestamps: values.timestamps ?? false },
        systemClock,
        { prefix },
        (message) => output.err(message),
      );
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      session.dispose();
    } else {
      const all = await collect(engine, containers, { since, tail });
      all.sort((a, b) => (a.line.time ?? 0) - (b.line.time ?? 0) || a.index - b.index || a.order - b.order);
      for (const { container, line } of all) output.out(`${prefix(container)}${values.timestamps && line.time ? `${new Date(line.time).toISOString()} ` : ''}${line.text}`);
    }
    return 0;
  } finally {
    dispose();
  }
}

/** Without --follow, lines of all containers are merged in time order. */
async function collect(engine: Engine, containers: ObservedContainer[], options: { since?: number; tail?: number }) {
  const perContainer = await Promise.all(
    containers.map(async (container, index) => {
      const lines: { container: ObservedContainer; index: number; order: number; line: LogLine }[] = [];
      for await (const line of engine.logs(container.id, { follow: false, timestamps: true, ...options })) lines.push({ container, index, order: lines.length, line });
      return lines;
    }),
  );
  return perContainer.flat();
}

/** web (a service), web-1 (a pod) or web-1/app (one container), matched by name so replacements count. */
function logTarget(pods: readonly ObservedPod[], project: string, text: string): LogTarget {
  const [podOrService, container] = text.split('/');
  const target: LogTarget = pods.some((p) => p.service === podOrService) ? { service: podOrService, container } : { pod: podOrService, container };
  if (containersOf(target, pods).length === 0) {
    const known = [...new Set(pods.map((p) => p.service))].join(', ') || 'none running';
    throw new FlotillaError('refused', `Nothing matches "${text}" in project ${project} (services: ${known}).`);
  }
  return target;
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
