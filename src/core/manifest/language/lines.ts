// A line-by-line reading of block YAML for the editor. While the user types, the document is
// often not valid YAML (a key without its colon, a half-written value), and a parser's tree then
// says little about where the cursor is. Indentation does: each line is read as its "anchors",
// the sequence dashes and the key it starts with, at their columns.

export interface Anchor {
  kind: 'dash' | 'key';
  column: number;
  /** The key's name (unquoted), for key anchors. */
  key?: string;
  /** Column just after the key's colon. */
  colonEnd?: number;
  /** Whether something follows the colon on the same line (a scalar or a flow collection). */
  hasValue?: boolean;
}

export interface Line {
  /** The line without its line break. */
  text: string;
  /** Offset of the line's first character in the document. */
  start: number;
  anchors: Anchor[];
  /** Blank, a comment, a document marker or the content of a block scalar: no structure. */
  skip: boolean;
}

const PLAIN_KEY = /^([^\s#'"{}[\],&*!|>%@`-][^#]*?|-[^\s#][^#]*?)[ \t]*:(?=\s|$)/;
const QUOTED_KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')[ \t]*:(?=\s|$)/;
const BLOCK_SCALAR = /^[|>][0-9+-]*$/;

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let blockScalarKeyColumn: number | undefined;
  for (const raw of text.split('\n')) {
    const lineText = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const line = readLine(lineText, start);
    start += raw.length + 1;
    if (blockScalarKeyColumn !== undefined) {
      if (line.skip || indentOf(lineText) > blockScalarKeyColumn) {
        lines.push({ ...line, anchors: [], skip: true });
        continue;
      }
      blockScalarKeyColumn = undefined;
    }
    const last = line.anchors[line.anchors.length - 1];
    if (last?.kind === 'key' && BLOCK_SCALAR.test(valueText(lineText, last))) blockScalarKeyColumn = last.column;
    lines.push(line);
  }
  return lines;
}

export function indentOf(text: string): number {
  return text.length - text.trimStart().length;
}

function readLine(text: string, start: number): Line {
  const anchors: Anchor[] = [];
  let i = indentOf(text);
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.startsWith('#') || trimmed === '---' || trimmed === '...') {
    return { text, start, anchors, skip: true };
  }
  while (text[i] === '-' && (i + 1 === text.length || text[i + 1] === ' ')) {
    anchors.push({ kind: 'dash', column: i });
    i++;
    while (text[i] === ' ') i++;
  }
  const key = readKey(text, i);
  if (key) anchors.push(key);
  return { text, start, anchors, skip: false };
}

function readKey(text: string, column: number): Anchor | undefined {
  const rest = text.slice(column);
  const quoted = QUOTED_KEY.exec(rest);
  const match = quoted ?? PLAIN_KEY.exec(rest);
  if (!match) return undefined;
  const written = match[1]!;
  const key = quoted ? unquote(written) : written.trimEnd();
  const colonEnd = column + match[0].length;
  const anchor: Anchor = { kind: 'key', column, key, colonEnd };
  anchor.hasValue = valueText(text, anchor) !== '';
  return anchor;
}

function unquote(written: string): string {
  if (written.startsWith("'")) return written.slice(1, -1).replace(/''/g, "'");
  try {
    return JSON.parse(written) as string;
  } catch {
    return written.slice(1, -1);
  }
}

/** What follows a key's colon, without a trailing comment, YAML anchors (&a) or tags (!t). */
export function valueText(text: string, key: Anchor): string {
  const after = text.slice(key.colonEnd ?? text.length);
  return stripComment(after)
    .trim()
    .replace(/^(?:[&!][^\s]*\s*)+/, '')
    .trim();
}

/** The line without a comment: a `#` at the start or after a space, outside quotes. */
export function stripComment(text: string): string {
  const at = commentStart(text);
  return at === undefined ? text : text.slice(0, at);
}

export function commentStart(text: string): number | undefined {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      // A quote only opens a quoted scalar at the start of one, not inside a word (it's).
      if (i === 0 || /[\s:,[{]/.test(text[i - 1]!)) quote = ch;
    } else if (ch === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      return i;
    }
  }
  return undefined;
}
