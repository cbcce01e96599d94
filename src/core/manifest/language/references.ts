// Values that name something declared elsewhere in the manifest: a mount's `name` is one of the
// top-level volumes. Read from the lines, so a half-typed document still offers them.

import { parse } from 'yaml';
import type { PathSegment } from '../source';
import { type Line, splitLines, valueText } from './lines';

/** The names a value at `path` may take, or undefined when it names nothing declared. */
export function declaredNamesFor(text: string, path: readonly PathSegment[]): string[] | undefined {
  const [services, , containers, , volumes, item, key] = path;
  const isMountName = path.length === 7 && services === 'services' && containers === 'containers' && volumes === 'volumes' && typeof item === 'number' && key === 'name';
  return isMountName ? topLevelKeys(splitLines(text), 'volumes') : undefined;
}

/** Keys of a top-level map, written as a block or as one flow mapping. */
function topLevelKeys(lines: readonly Line[], section: string): string[] {
  const at = lines.findIndex((line) => line.anchors[0]?.kind === 'key' && line.anchors[0].column === 0 && line.anchors[0].key === section);
  if (at < 0) return [];
  const head = lines[at]!;
  const inline = valueText(head.text, head.anchors[0]!);
  if (inline.startsWith('{')) {
    try {
      const value: unknown = parse(inline);
      return value && typeof value === 'object' ? Object.keys(value) : [];
    } catch {
      return [];
    }
  }
  const keys: string[] = [];
  let column: number | undefined;
  for (const line of lines.slice(at + 1)) {
    if (line.skip) continue;
    const first = line.anchors[0];
    if (!first || first.column === 0) break;
    column ??= first.column;
    if (first.column < column) break;
    if (first.column === column && first.kind === 'key' && first.key !== undefined) keys.push(first.key);
  }
  return keys;
}
