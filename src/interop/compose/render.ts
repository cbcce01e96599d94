// The translated manifest as commented YAML: a header, then each note as a comment above the
// service, container or volume it concerns. Lists of words and list items are written inline.

import { Document, isMap, isPair, isScalar, isSeq, type Node, visit } from 'yaml';
import type { ManifestDoc } from '../../core/manifest/types';
import type { ImportNote, ManifestPath } from './notes';

const LABEL: Record<ImportNote['kind'], string> = { 'not-carried': 'not carried', changed: 'changed', warning: 'WARNING' };

export function noteLine(note: ImportNote): string {
  return `${LABEL[note.kind]}: ${note.from}: ${note.message}`;
}

export function renderManifest(doc: ManifestDoc, notes: readonly ImportNote[], composeName: string, command = 'flotilla import compose'): string {
  const document = new Document(doc);
  visit(document, {
    Seq(_, node) {
      if (node.items.every((item) => isScalar(item))) node.flow = true;
    },
    Map(_, node, path) {
      if (isSeq(path[path.length - 1])) node.flow = true;
    },
  });
  const header = [
    ` Imported from ${composeName} by \`${command}\`. Check it with \`flotilla validate\`.`,
    ' Comments list what the source set and Flotilla does not carry ("not carried"), what behaves',
    ' a little differently ("changed"), and host powers granted under allow: ("WARNING").',
  ];
  const byPlace = new Map<string, { at: ManifestPath; lines: string[] }>();
  for (const note of notes) {
    const at = placeOf(document, note.at);
    const key = JSON.stringify(at);
    const entry = byPlace.get(key) ?? { at, lines: [] };
    entry.lines.push(noteLine(note));
    byPlace.set(key, entry);
  }
  for (const { at, lines } of byPlace.values()) {
    const text = lines.map((line) => ` ${line}`).join('\n');
    if (at.length === 0) header.push('', ...lines.map((line) => ` ${line}`));
    else {
      const key = keyNode(document, at);
      if (key) key.commentBefore = key.commentBefore ? `${key.commentBefore}\n${text}` : text;
    }
  }
  document.commentBefore = header.join('\n');
  return document.toString({ lineWidth: 0 });
}

/** The nearest existing place at or above `at` (a note's container may not be written). */
function placeOf(document: Document, at: ManifestPath): ManifestPath {
  for (let depth = at.length; depth > 0; depth--) if (keyNode(document, at.slice(0, depth))) return at.slice(0, depth);
  return [];
}

function keyNode(document: Document, at: ManifestPath): Node | undefined {
  const parent = at.length === 1 ? document.contents : document.getIn(at.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(at[at.length - 1]));
  return pair && isScalar(pair.key) ? pair.key : undefined;
}
