// Where the cursor is in a manifest: the YAML path, and whether it is on a key or a value.
// Works on half-typed documents (see lines.ts): block structure comes from indentation, and a
// flow collection on the cursor's line ({ cpus: 0.5, mem| }) is read up to the cursor.

import type { PathSegment } from '../source';
import { type Anchor, commentStart, type Line, splitLines, valueText } from './lines';

export interface CursorContext {
  /**
   * On a key: the path of the object the key belongs to. On a value: the path of the value
   * (its key's path, or a sequence item's index).
   */
  path: PathSegment[];
  on: 'key' | 'value';
  /** The word under the cursor (a key's name or a value), and the part before the cursor. */
  word: string;
  prefix: string;
  /** Offsets of the word in the document: what a completion replaces. */
  wordStart: number;
  wordEnd: number;
  /** Keys already present in the object (on a key only; the word itself excluded). */
  presentKeys: string[];
  /** A key right after a sequence dash: the item may be a scalar too (allow: [- privileged]). */
  afterDash: boolean;
  /** Inside a flow collection ({ ... } or [ ... ]): insertions stay on one line. */
  inFlow: boolean;
}

const WORD_CHAR = /[^\s:#{}[\],'"]/;

export function cursorContext(text: string, offset: number): CursorContext | undefined {
  const lines = splitLines(text);
  const lineIndex = lineAt(lines, offset);
  const line = lines[lineIndex]!;
  const column = Math.min(offset - line.start, line.text.length);
  const comment = commentStart(line.text);
  if (comment !== undefined && comment < column) return undefined;
  if (line.skip && line.text.trim() !== '') return undefined; // block scalar content or a marker

  const reader = new PathReader(lines);
  const anchors = line.anchors;
  const key = anchors[anchors.length - 1];
  if (key?.kind === 'key' && key.colonEnd !== undefined && column >= key.colonEnd) {
    return valueContext(reader, line, lineIndex, anchors.length - 1, column);
  }

  let wordStart = column;
  while (wordStart > 0 && WORD_CHAR.test(line.text[wordStart - 1]!)) wordStart--;
  let wordEnd = column;
  while (wordEnd < line.text.length && WORD_CHAR.test(line.text[wordEnd]!)) wordEnd++;
  const left = anchors.filter((anchor) => anchor.column < wordStart);
  const lastLeft = left[left.length - 1];
  const leftEnd = lastLeft ? lastLeft.column + 1 : 0;
  // Only spaces may stand between the last dash (or the indent) and a key being typed.
  if (line.text.slice(leftEnd, wordStart).trim() !== '' || (lastLeft && lastLeft.kind !== 'dash')) return undefined;
  const word = line.text.slice(wordStart, wordEnd);
  const path = reader.pathOf(lineIndex, left, { kind: 'key', column: wordStart, key: word });
  if (!path) return undefined;
  return {
    path: path.slice(0, -1),
    on: 'key',
    word,
    prefix: line.text.slice(wordStart, column),
    wordStart: line.start + wordStart,
    wordEnd: line.start + wordEnd,
    presentKeys: reader.siblingKeys(lineIndex, wordStart, left.length > 0),
    afterDash: lastLeft?.kind === 'dash',
    inFlow: false,
  };
}

function valueContext(reader: PathReader, line: Line, lineIndex: number, keyIndex: number, column: number): CursorContext | undefined {
  const anchors = line.anchors;
  const keyPath = reader.pathOf(lineIndex, anchors.slice(0, keyIndex), anchors[keyIndex]!);
  if (!keyPath) return undefined;
  const colonEnd = anchors[keyIndex]!.colonEnd!;
  const flow = readFlow(line.text.slice(colonEnd, column));
  if (flow === 'closed') return undefined;
  if (flow) {
    const wordStart = column - flow.prefix.length;
    let wordEnd = column;
    while (wordEnd < line.text.length && WORD_CHAR.test(line.text[wordEnd]!)) wordEnd++;
    return {
      path: [...keyPath, ...flow.path],
      on: flow.on,
      word: flow.prefix + line.text.slice(column, wordEnd),
      prefix: flow.prefix,
      wordStart: line.start + wordStart,
      wordEnd: line.start + wordEnd,
      presentKeys: flow.presentKeys,
      afterDash: false,
      inFlow: true,
    };
  }
  const value = valueText(line.text, anchors[keyIndex]!);
  const valueStart = value === '' ? column : Math.min(column, line.text.indexOf(value, colonEnd));
  const written = line.text.slice(valueStart);
  const end = commentStart(written);
  const word = (end === undefined ? written : written.slice(0, end)).trimEnd();
  return {
    path: keyPath,
    on: 'value',
    word,
    prefix: line.text.slice(valueStart, column),
    wordStart: line.start + valueStart,
    wordEnd: line.start + valueStart + word.length,
    presentKeys: [],
    afterDash: false,
    inFlow: false,
  };
}

interface FlowFrame {
  kind: 'map' | 'seq';
  index: number;
  key?: string;
  keys: string[];
}

interface FlowContext {
  path: PathSegment[];
  on: 'key' | 'value';
  prefix: string;
  presentKeys: string[];
}

/**
 * Reads a flow collection from just after a key's colon to the cursor. Undefined when the value
 * is not a flow collection; 'closed' when the cursor is after one that ended.
 */
function readFlow(text: string): FlowContext | 'closed' | undefined {
  const frames: FlowFrame[] = [];
  let current = '';
  let opened = false;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const top = frames[frames.length - 1];
    if (quote) {
      if (ch === quote) quote = undefined;
      current += ch;
    } else if ((ch === '"' || ch === "'") && current.trim() === '') {
      quote = ch;
      current += ch;
    } else if (ch === '{' || ch === '[') {
      if (!opened && text.slice(0, i).trim() !== '') return undefined; // a plain scalar with a brace
      opened = true;
      frames.push({ kind: ch === '{' ? 'map' : 'seq', index: 0, keys: [] });
      current = '';
    } else if ((ch === '}' || ch === ']') && top) {
      frames.pop();
      current = '';
    } else if (ch === ',' && top) {
      if (top.kind === 'seq') top.index++;
      top.key = undefined;
      current = '';
    } else if (ch === ':' && top?.kind === 'map' && top.key === undefined && /[\s,}\]]/.test(text[i + 1] ?? ' ')) {
      top.key = current.trim().replace(/^["']|["']$/g, '');
      top.keys.push(top.key);
      current = '';
    } else {
      current += ch;
    }
  }
  if (!opened) return undefined;
  if (frames.length === 0) return 'closed';
  const path: PathSegment[] = [];
  for (const frame of frames.slice(0, -1)) path.push(frame.kind === 'seq' ? frame.index : (frame.key ?? ''));
  const last = frames[frames.length - 1]!;
  const prefix = current.trimStart();
  if (last.kind === 'seq') return { path: [...path, last.index], on: 'value', prefix, presentKeys: [] };
  if (last.key !== undefined) return { path: [...path, last.key], on: 'value', prefix, presentKeys: [] };
  return { path, on: 'key', prefix, presentKeys: last.keys };
}

function lineAt(lines: readonly Line[], offset: number): number {
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lines[mid]!.start <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Paths of nodes from indentation, walking up from a line to the enclosing keys and dashes. */
class PathReader {
  constructor(private readonly lines: readonly Line[]) {}

  /**
   * The path of `node`, which starts on `lineIndex` after the anchors `left` of that line;
   * undefined when the indentation puts it under a key that already has a value on its line.
   */
  pathOf(lineIndex: number, left: readonly Anchor[], node: Anchor): PathSegment[] | undefined {
    const own = (index: number): PathSegment => (node.kind === 'key' ? (node.key ?? '') : index);
    const within = (parent: PathSegment[] | undefined, segment: PathSegment) => (parent ? [...parent, segment] : undefined);
    const inner = left[left.length - 1];
    if (inner) return within(this.pathOf(lineIndex, left.slice(0, -1), inner), own(0));
    let index = 0;
    for (let at = lineIndex - 1; at >= 0; at--) {
      const line = this.lines[at]!;
      if (line.skip) continue;
      for (let b = line.anchors.length - 1; b >= 0; b--) {
        const other = line.anchors[b]!;
        if (other.column > node.column) continue;
        if (other.column === node.column) {
          if (other.kind === node.kind) {
            if (node.kind === 'dash') index++;
            continue; // a sibling; an anchor further left on its line may be the parent
          }
          if (node.kind === 'dash' && !other.hasValue) {
            return within(this.pathOf(at, line.anchors.slice(0, b), other), index); // key:\n- item
          }
          break; // deeper content of a sibling
        }
        if (other.kind === 'key' && other.hasValue) return undefined; // indented under a finished value
        return within(this.pathOf(at, line.anchors.slice(0, b), other), own(index));
      }
    }
    return [own(index)];
  }

  /** Keys at `column` in the same block as `lineIndex` (the line itself excluded). */
  siblingKeys(lineIndex: number, column: number, itemStartsHere: boolean): string[] {
    const keys: string[] = [];
    const keyAt = (line: Line) => line.anchors.find((anchor) => anchor.kind === 'key' && anchor.column === column)?.key;
    const opensBlock = (line: Line) => line.anchors.some((anchor) => anchor.column < column);
    for (let at = lineIndex - 1; at >= 0 && !itemStartsHere; at--) {
      const line = this.lines[at]!;
      if (line.skip) continue;
      const key = keyAt(line);
      if (key !== undefined) keys.push(key);
      if (opensBlock(line)) break;
    }
    for (let at = lineIndex + 1; at < this.lines.length; at++) {
      const line = this.lines[at]!;
      if (line.skip) continue;
      if (opensBlock(line)) break;
      const key = keyAt(line);
      if (key !== undefined) keys.push(key);
    }
    return keys;
  }
}
