// Compose `volumes` of a service (short "src:dst:ro" and long {type, source, target}) into
// Flotilla mounts: named volumes by name, bind mounts as hostPath relative to the manifest.

import * as path from 'node:path';
import type { MountDoc } from '../../core/manifest/types';
import { type ManifestPath, type Notes, show } from './notes';

export interface MountContext {
  notes: Notes;
  from: string;
  at: ManifestPath;
  composeDir: string;
  manifestDir: string;
  home?: string;
}

interface LongVolume {
  type?: string;
  source?: string;
  target: string;
  read_only?: boolean;
}

const BIND_SOURCE = /^(\.|\/|~|[A-Za-z]:[\\/])/;

function readShort(entry: string): LongVolume {
  const parts = entry.split(':');
  if (parts.length === 1) return { type: 'volume', target: entry };
  const [source, target, mode = ''] = parts as [string, string, string?];
  const modes = mode.split(',');
  return { type: BIND_SOURCE.test(source) ? 'bind' : 'volume', source, target, read_only: modes.includes('ro') };
}

/** A bind source as the manifest wants it: relative to the manifest's folder when inside it. */
function hostPathFor(source: string, context: MountContext): string {
  const expanded = source.startsWith('~') && context.home ? path.join(context.home, source.slice(1)) : source;
  const absolute = path.resolve(context.composeDir, expanded);
  const relative = path.relative(context.manifestDir, absolute);
  if (relative === '') return '.';
  return relative.startsWith('..') || path.isAbsolute(relative) ? absolute : `./${relative.split(path.sep).join('/')}`;
}

/** The absolute host path of a bind mount, for security checks. */
export function absoluteHostPath(hostPath: string, manifestDir: string): string {
  return path.resolve(manifestDir, hostPath);
}

export function translateMounts(entries: (string | LongVolume)[], context: MountContext): { mounts: MountDoc[]; named: string[] } {
  const mounts: MountDoc[] = [];
  const named: string[] = [];
  entries.forEach((entry, i) => {
    const volume = typeof entry === 'string' ? readShort(entry) : entry;
    const from = `${context.from}[${i}]`;
    const readOnly = volume.read_only ? { readOnly: true } : {};
    if (volume.type === 'bind' && volume.source) {
      mounts.push({ hostPath: hostPathFor(volume.source, context), path: volume.target, ...readOnly });
    } else if (volume.type === 'volume' && volume.source) {
      mounts.push({ name: volume.source, path: volume.target, ...readOnly });
      named.push(volume.source);
    } else if (volume.type === 'volume') {
      context.notes.notCarried(from, context.at, `anonymous volume at ${volume.target} not carried: declare a named volume under volumes to keep its data`);
    } else {
      context.notes.notCarried(from, context.at, `${volume.type ?? 'volume'} mount ${show(entry)} not carried: Flotilla mounts named volumes and host paths only`);
    }
    if (typeof entry === 'object') {
      const extra = Object.keys(entry).filter((key) => !['type', 'source', 'target', 'read_only'].includes(key));
      for (const key of extra)
        context.notes.notCarried(`${from}.${key}`, context.at, `volume option ${key} (${show((entry as unknown as Record<string, unknown>)[key])}) not carried`);
    }
  });
  return { mounts, named };
}
