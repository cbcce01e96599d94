// Re-parsing after an edit, for the editor's keystroke-by-keystroke validation. The yaml parser
// reads about 2 MB/s here, so a 500-service manifest (190 kB) takes ~90 ms to parse whole,
// while everything after parsing takes ~12 ms. When an edit lies inside one entry of the
// root mapping or of `services` (and that entry is not the last of its mapping), only that
// entry is parsed again and spliced into the previous document, with the positions after it
// shifted. Anything unusual (aliases, flow style, YAML problems, a changed key column, a key
// that now clashes) falls back to the full parse, so the result is always what parseSource
// gives.

import { type Document, isAlias, isCollection, isMap, isNode, isPair, isScalar, type Node, type Pair, parseDocument, type YAMLMap } from 'yaml';
import type { Diagnostic } from '../model/diagnostics';
import { cleanDocuments, countLines, duplicateKeys, type ManifestSource, PARSE_OPTIONS, parseSource } from './source';

export interface ReparseResult {
  source: ManifestSource;
  diagnostics: Diagnostic[];
  /** True when only the edited entry was parsed again. */
  incremental: boolean;
}

/**
 * Parses `text`, reusing `previous` (the source of the text before the edit) when it can.
 * The previous document is taken over: it is updated in place and belongs to the result, so
 * `previous` must not be used afterwards.
 */
export function reparseSource(previous: ManifestSource | undefined, text: string): ReparseResult {
  const spliced = previous ? spliceEdit(previous, text) : undefined;
  if (spliced) return { source: spliced, diagnostics: [], incremental: true };
  return { ...parseSource(text), incremental: false };
}

interface Edit {
  /** First changed offset (the same in both texts). */
  start: number;
  /** End of the changed region in the old text. */
  oldEnd: number;
  delta: number;
}

function findEdit(before: string, after: string): Edit {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let oldEnd = before.length;
  let newEnd = after.length;
  while (oldEnd > start && newEnd > start && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return { start, oldEnd, delta: after.length - before.length };
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function spliceEdit(previous: ManifestSource, text: string): ManifestSource | undefined {
  const document = previous.document;
  if (!cleanDocuments.has(document)) return undefined;
  // Without "&" and "*" in the text there can be no anchor or alias: no need to walk the tree.
  if (/[&*]/.test(previous.text) && hasAnchorsOrAliases(document.contents)) return undefined;
  const root = document.contents;
  if (!isMap(root) || root.flow) return undefined;
  const edit = findEdit(previous.text, text);
  const services = root.get('services', true);
  // The innermost block mapping whose entry holds the whole edit.
  for (const map of [services, root]) {
    if (!isMap(map) || map.flow) continue;
    const spliced = spliceIntoMap(previous, text, map as YAMLMap<unknown, unknown>, edit);
    if (spliced !== 'not-here') return spliced;
  }
  return undefined;
}

function keyStart(item: unknown): number | undefined {
  return isPair(item) && isScalar(item.key) && item.key.range ? item.key.range[0] : undefined;
}

function spliceIntoMap(previous: ManifestSource, text: string, map: YAMLMap<unknown, unknown>, edit: Edit): ManifestSource | undefined | 'not-here' {
  const old = previous.text;
  const starts = map.items.map(keyStart);
  // The last entry's end is bound up with its mapping's end: left to the full parse.
  for (let i = 0; i < map.items.length - 1; i++) {
    const ownKey = starts[i];
    const nextKey = starts[i + 1];
    if (ownKey === undefined || nextKey === undefined) return undefined;
    const spanStart = lineStart(old, ownKey);
    const spanEnd = lineStart(old, nextKey);
    if (edit.start < spanStart || edit.oldEnd > spanEnd) continue;
    // The next entry must still begin a line (the edit may have joined it to this one).
    if (text.charCodeAt(spanEnd + edit.delta - 1) !== 10) return undefined;
    const snippet = text.slice(spanStart, spanEnd + edit.delta);
    const pair = parseEntry(snippet, ownKey - spanStart);
    if (!pair) return undefined;
    const newKey = String((pair.key as { value: unknown }).value);
    const clash = map.items.some((item, j) => j !== i && isPair(item) && isScalar(item.key) && String(item.key.value) === newKey);
    if (clash) return undefined;
    shiftAfter(previous.document, spanEnd, edit.delta, map.items[i]);
    shiftNode(pair.key, spanStart);
    shiftNode(pair.value, spanStart);
    map.items[i] = pair;
    return { text, document: previous.document, lineCounter: countLines(text) };
  }
  return 'not-here';
}

/** The one `key: value` entry a snippet holds, when it parses cleanly at the same column. */
function parseEntry(snippet: string, column: number): Pair<Node, unknown> | undefined {
  // Every content line after the key must be indented deeper, or it belongs to another entry.
  const lines = snippet.split('\n');
  for (const line of lines.slice(1)) {
    const content = line.trimStart();
    if (content !== '' && !content.startsWith('#') && line.length - content.length <= column) return undefined;
  }
  const document = parseDocument(snippet, PARSE_OPTIONS);
  if (document.errors.length > 0 || document.warnings.length > 0) return undefined;
  const contents = document.contents;
  if (!isMap(contents) || contents.flow || contents.items.length !== 1 || duplicateKeys(contents).length > 0) return undefined;
  if (/[&*]/.test(snippet) && hasAnchorsOrAliases(contents)) return undefined;
  const pair = contents.items[0];
  if (!isPair(pair) || !isScalar(pair.key) || pair.key.range?.[0] !== column) return undefined;
  return pair as Pair<Node, unknown>;
}

/** Anchors and aliases tie distant parts together; such documents are always parsed whole. */
function hasAnchorsOrAliases(node: unknown): boolean {
  let found = false;
  walk(node, (n) => {
    if (isAlias(n) || (n as { anchor?: string }).anchor) found = true;
  });
  return found;
}

function walk(node: unknown, visit: (node: Node) => void): void {
  if (isPair(node)) {
    walk(node.key, visit);
    walk(node.value, visit);
    return;
  }
  if (!isNode(node)) return;
  visit(node);
  if (isCollection(node)) for (const item of node.items) walk(item, visit);
}

/** Moves every position at or after `from` by `delta`, except inside the entry being replaced. */
function shiftAfter(document: Document.Parsed, from: number, delta: number, replaced: unknown): void {
  if (delta === 0) return;
  const seen = new Set<number[]>();
  const shift = (range: number[] | null | undefined) => {
    if (!range || seen.has(range)) return;
    seen.add(range);
    for (let k = 0; k < range.length; k++) if ((range[k] as number) >= from) range[k] = (range[k] as number) + delta;
  };
  shift(document.range);
  const visit = (node: unknown): void => {
    if (node === replaced) return;
    if (isPair(node)) {
      visit(node.key);
      visit(node.value);
      return;
    }
    if (!isNode(node)) return;
    shift(node.range);
    if (isCollection(node)) for (const item of node.items) visit(item);
  };
  visit(document.contents);
}

function shiftNode(node: unknown, by: number): void {
  const seen = new Set<number[]>();
  walk(node, (n) => {
    const range = n.range;
    if (!range || seen.has(range)) return;
    seen.add(range);
    for (let k = 0; k < range.length; k++) range[k] = (range[k] as number) + by;
  });
}
