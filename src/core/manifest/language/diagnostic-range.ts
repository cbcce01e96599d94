// Core diagnostics carry 0-based line/character ranges; an editor needs them inside the
// document and not empty (an empty range draws no squiggle). Diagnostics placed on the
// document as a whole (ZERO_RANGE) mark the first line's text instead.

import type { Diagnostic, Range } from '../../model/diagnostics';

export interface LineLengths {
  lineCount: number;
  lengthOf(line: number): number;
}

export function lineLengthsOf(text: string): LineLengths {
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.length - 1 : line.length));
  return { lineCount: lines.length, lengthOf: (line) => lines[line] ?? 0 };
}

export function editorRange(diagnostic: Diagnostic, lines: LineLengths): Range {
  const clamp = (line: number) => Math.max(0, Math.min(line, lines.lineCount - 1));
  const startLine = clamp(diagnostic.range.start.line);
  const endLine = clamp(diagnostic.range.end.line);
  const start = { line: startLine, character: Math.min(diagnostic.range.start.character, lines.lengthOf(startLine)) };
  let end = { line: endLine, character: Math.min(diagnostic.range.end.character, lines.lengthOf(endLine)) };
  if (end.line < start.line || (end.line === start.line && end.character < start.character)) end = { ...start };
  if (end.line === start.line && end.character === start.character) {
    // Widen an empty range to the rest of its line, or back to the last character before it
    // (a YAML error at the end of the document sits on the empty last line).
    const length = lines.lengthOf(start.line);
    if (start.character < length) return { start, end: { line: start.line, character: length } };
    if (start.character > 0) return { start: { line: start.line, character: start.character - 1 }, end };
    for (let line = start.line - 1; line >= 0; line--) {
      const previous = lines.lengthOf(line);
      if (previous > 0) return { start: { line, character: previous - 1 }, end: { line, character: previous } };
    }
  }
  return { start, end };
}
