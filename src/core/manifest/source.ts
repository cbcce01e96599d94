// A manifest's YAML text, parsed once with source positions kept, so that every problem found
// later (schema, semantics) can point at the exact key or value.

import { Document, isCollection, isMap, isNode, isPair, isScalar, LineCounter, parseAllDocuments, parseDocument, type Node, type ParsedNode, visit } from 'yaml';
import { type Diagnostic, type Range, ZERO_RANGE } from '../model/diagnostics';

/** Aliases allowed while converting to plain data: stops "billion laughs" documents. */
const MAX_ALIAS_COUNT = 100;

export interface ManifestSource {
  text: string;
  document: Document.Parsed;
  lineCounter: LineCounter;
}

export type PathSegment = string | number;

/**
 * Shared with reparse.ts, which must parse an edited entry exactly as a whole document. The
 * yaml package's own unique-key check compares each key with every earlier one (60,000
 * services took minutes); duplicateKeys does it with a set.
 */
export const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: false, strict: true } as const;

/** Keys written twice in one mapping, each after its first use (as the yaml package reports them). */
export function duplicateKeys(root: unknown): Node[] {
  const duplicates: Node[] = [];
  const visit = (node: unknown): void => {
    if (isPair(node)) {
      visit(node.key);
      visit(node.value);
      return;
    }
    if (!isCollection(node)) return;
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        // The yaml package's rule: scalar keys are equal when their values are (1 and "1" differ).
        const identity = `${typeof pair.key.value}:${String(pair.key.value)}`;
        if (seen.has(identity)) duplicates.push(pair.key);
        seen.add(identity);
      }
    }
    for (const item of node.items) visit(item);
  };
  visit(root);
  return duplicates;
}

export function parseSource(text: string): { source: ManifestSource; diagnostics: Diagnostic[] } {
  const tooDeep = nestingTooDeep(text);
  // Lines are counted from the text: the parser stops registering them at some errors.
  const lineCounter = countLines(text);
  const document = parseDocument(tooDeep === undefined ? text : '', PARSE_OPTIONS);
  const source = { text, document, lineCounter };
  const diagnostics: Diagnostic[] = [];
  if (tooDeep !== undefined) {
    const message = `The manifest nests more than ${MAX_FLOW_NESTING} levels of [ ] or { } deep here; it cannot be a manifest`;
    diagnostics.push({ severity: 'error', message, range: offsetsToRange(source, tooDeep, tooDeep + 1), path: [], code: 'yaml' });
  }
  for (const error of document.errors) {
    if (error.code === 'MULTIPLE_DOCS') {
      diagnostics.push(...multipleDocuments(source, error.pos[0]));
      continue;
    }
    diagnostics.push({ severity: 'error', message: yamlMessage(error.message), range: offsetsToRange(source, error.pos[0], error.pos[1]), path: [], code: 'yaml' });
  }
  for (const key of duplicateKeys(document.contents)) {
    const range = key.range as [number, number, number];
    diagnostics.push({ severity: 'error', message: 'Map keys must be unique', range: offsetsToRange(source, range[0], range[1]), path: [], code: 'yaml' });
  }
  for (const warning of document.warnings) {
    diagnostics.push({ severity: 'warning', message: yamlMessage(warning.message), range: offsetsToRange(source, warning.pos[0], warning.pos[1]), path: [], code: 'yaml' });
  }
  if (diagnostics.length === 0) cleanDocuments.add(document);
  // One cause can raise the same error at several places (too deep nesting does): say it once.
  return { source, diagnostics: diagnostics.filter((d, i) => i === 0 || d.message !== diagnostics[i - 1]?.message || d.code !== 'yaml') };
}

/** Documents parsed without any YAML problem: only those are edited in place by reparse.ts. */
export const cleanDocuments = new WeakSet<Document.Parsed>();

/** Deeper flow nesting overflows the parser's stack, at a depth that depends on the caller's. */
const MAX_FLOW_NESTING = 64;

/** The offset where flow collections nest too deep (quoted text and comments skipped). */
function nestingTooDeep(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x23 /* # */ && (i === 0 || /\s/.test(text[i - 1] as string))) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_FLOW_NESTING) return i;
    } else if (c === 0x5d || c === 0x7d) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

export function countLines(text: string): LineCounter {
  const counter = new LineCounter();
  counter.addNewLine(0);
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) counter.addNewLine(at + 1);
  return counter;
}

function yamlMessage(message: string): string {
  if (/Maximum call stack size exceeded/.test(message)) return 'The manifest nests too deeply to be read';
  // The yaml package appends " at line L, column C" plus a code excerpt; the range says that.
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** A manifest is one document; services repeated in later ones are named too (they would clash). */
function multipleDocuments(source: ManifestSource, secondAt: number): Diagnostic[] {
  const documents = parseAllDocuments(source.text, { ...PARSE_OPTIONS, lineCounter: new LineCounter() });
  const count = Array.isArray(documents) ? documents.length : 2;
  const diagnostics: Diagnostic[] = [
    {
      severity: 'error',
      message: `A manifest is one YAML document, but this file has ${count} (the second starts here); put every service under the first document's "services:"`,
      range: offsetsToRange(source, secondAt, secondAt + (source.text.startsWith('---', secondAt) ? 3 : 0)),
      path: [],
      code: 'multiple-documents',
    },
  ];
  if (!Array.isArray(documents)) return diagnostics;
  const firstSeen = new Map<string, number>();
  documents.forEach((doc, index) => {
    const services = isMap(doc.contents) ? doc.contents.get('services', true) : undefined;
    if (!isMap(services)) return;
    for (const pair of services.items) {
      if (!isScalar(pair.key) || !pair.key.range) continue;
      const name = String(pair.key.value);
      const first = firstSeen.get(name);
      if (first === undefined) firstSeen.set(name, index);
      else
        diagnostics.push({
          severity: 'error',
          message: `Service "${name}" is also defined in document ${first + 1}`,
          range: offsetsToRange(source, pair.key.range[0], pair.key.range[1]),
          path: [],
          code: 'duplicate-service',
        });
    }
  });
  return diagnostics;
}

/** Converts to plain data, or a diagnostic when aliases expand past the limit. */
export function toPlainData(source: ManifestSource): { value: unknown; diagnostic?: Diagnostic } {
  try {
    return { value: source.document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    // Placed on the first alias: that is where the expansion starts.
    let first: Node | undefined;
    visit(source.document, { Alias: (_, node) => ((first = node), visit.BREAK) });
    const range = (first as Node | undefined)?.range;
    return {
      value: undefined,
      diagnostic: {
        severity: 'error',
        message: `The manifest could not be read: ${(error as Error).message}. YAML aliases may expand to at most ${MAX_ALIAS_COUNT} copies.`,
        range: range ? offsetsToRange(source, range[0], range[1]) : ZERO_RANGE,
        path: [],
        code: 'yaml',
      },
    };
  }
}

export function offsetsToRange(source: ManifestSource, start: number, end: number): Range {
  const from = source.lineCounter.linePos(Math.max(0, start));
  const to = source.lineCounter.linePos(Math.max(start, end));
  return {
    start: { line: from.line - 1, character: from.col - 1 },
    end: { line: to.line - 1, character: to.col - 1 },
  };
}

function nodeRange(source: ManifestSource, node: Node | undefined): Range | undefined {
  if (!node?.range) return undefined;
  return offsetsToRange(source, node.range[0], node.range[1]);
}

/** The key node of the pair at `path` (undefined for sequence items and the root). */
export function keyNodeAt(source: ManifestSource, path: readonly PathSegment[]): Node | undefined {
  if (path.length === 0) return undefined;
  const parent = path.length === 1 ? source.document.contents : source.document.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const last = path[path.length - 1];
  const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(last));
  return pair && isNode(pair.key) ? (pair.key as Node) : undefined;
}

export function valueNodeAt(source: ManifestSource, path: readonly PathSegment[]): Node | undefined {
  if (path.length === 0) return (source.document.contents as ParsedNode | null) ?? undefined;
  const node: unknown = source.document.getIn(path, true);
  return isNode(node) ? node : undefined;
}

/**
 * The most precise range for a path: the value (or the key, when asked), falling back to the
 * nearest ancestor that exists in the text, so a diagnostic is never placed at 1:1 by accident.
 */
export function rangeAt(source: ManifestSource, path: readonly PathSegment[], prefer: 'key' | 'value' = 'value'): Range {
  for (let depth = path.length; depth >= 0; depth--) {
    const prefix = path.slice(0, depth);
    const key = nodeRange(source, keyNodeAt(source, prefix));
    const value = nodeRange(source, valueNodeAt(source, prefix));
    const range = prefer === 'key' || depth < path.length ? (key ?? value) : (value ?? key);
    if (range) return range;
  }
  return ZERO_RANGE;
}

/** Decodes manifest bytes as UTF-8, with the place of the first invalid byte when it is not. */
export function decodeManifestBytes(bytes: Uint8Array): { text: string } | { error: Diagnostic } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    let line = 0;
    let lineStart = 0;
    let offset = 0;
    for (; offset < bytes.length; offset++) {
      const valid = validUtf8Length(bytes, offset);
      if (valid === 0) break;
      if (bytes[offset] === 0x0a) {
        line++;
        lineStart = offset + 1;
      }
      offset += valid - 1;
    }
    const position = { line, character: offset - lineStart };
    return {
      error: {
        severity: 'error',
        message: `The manifest is not valid UTF-8 (byte 0x${(bytes[offset] ?? 0).toString(16)} at byte offset ${offset}); save it as UTF-8.`,
        range: { start: position, end: { line, character: position.character + 1 } },
        path: [],
        code: 'encoding',
      },
    };
  }
}

function validUtf8Length(bytes: Uint8Array, at: number): number {
  const first = bytes[at] as number;
  const length = first < 0x80 ? 1 : first >= 0xc2 && first < 0xe0 ? 2 : first >= 0xe0 && first < 0xf0 ? 3 : first >= 0xf0 && first < 0xf5 ? 4 : 0;
  if (length === 0) return 0;
  for (let i = 1; i < length; i++) if (((bytes[at + i] ?? 0) & 0xc0) !== 0x80) return 0;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(at, at + length));
    return length;
  } catch {
    return 0;
  }
}
