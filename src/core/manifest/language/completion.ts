// Completion from the schema at the cursor: the keys an object may still take, and the values
// a key allows (its enum, const or true/false). Nothing is offered where the schema has no
// fixed choice (names the user picks, images, free text), so no guess gets in the way.

import { cursorContext } from './cursor';
import { declaredNamesFor } from './references';
import { describeType, keysAt, type KeyChoice, type ResolvedSchema, resolveSchema, schemasAt, type SchemaNode } from './schema-nav';

export interface CompletionEntry {
  label: string;
  kind: 'key' | 'value';
  /** VS Code snippet syntax ($0, ${1|a,b|}); keys and values never contain $, } or \. */
  snippet: string;
  /** The type, e.g. "integer" or "duration". */
  detail: string;
  /** Markdown: description, default, examples. */
  documentation: string;
  /** Offsets of the text the entry replaces. */
  replaceStart: number;
  replaceEnd: number;
  /** Keys sort required first, then in schema order; values with the default first. */
  sortText: string;
}

export function completeAt(text: string, offset: number): CompletionEntry[] {
  const context = cursorContext(text, offset);
  if (!context) return [];
  // The whole word under the cursor is replaced, so completing inside a word leaves no tail.
  const range = { replaceStart: context.wordStart, replaceEnd: context.wordEnd };
  if (context.on === 'value') {
    const needsSpace = text[context.wordStart - 1] === ':';
    const names = declaredNamesFor(text, context.path);
    const entries = names ? nameEntries(names, context.prefix) : valueEntries(schemasAt(context.path), context.prefix);
    return entries.map((entry) => ({
      ...entry,
      ...range,
      snippet: needsSpace ? ` ${entry.snippet}` : entry.snippet,
    }));
  }
  // Renaming a key that already has its colon: replace the name only.
  const hasColon = /^[ \t]*:/.test(text.slice(context.wordEnd));
  const keys = keysAt(context.path, context.presentKeys)
    .filter((choice) => matches(choice.name, context.prefix))
    .map((choice, index) => keyEntry(choice, index, range, hasColon ? 'name' : context.inFlow ? 'flow' : 'block'))
    .sort((a, b) => a.sortText.localeCompare(b.sortText));
  // Right after a dash, the item may be a plain value (allow: - privileged).
  const values = context.afterDash ? valueEntries(schemasAt(context.path), context.prefix).map((entry) => ({ ...entry, ...range })) : [];
  return [...keys, ...values];
}

type KeyStyle = 'name' | 'flow' | 'block';

function keyEntry(choice: KeyChoice, index: number, range: { replaceStart: number; replaceEnd: number }, style: KeyStyle): CompletionEntry {
  const order = `${choice.required ? 0 : 1}${String(index).padStart(3, '0')}`;
  return {
    label: choice.name,
    kind: 'key',
    snippet: style === 'name' ? choice.name : keySnippet(choice.name, choice.schema, style === 'flow'),
    detail: describeType(choice.schema),
    documentation: documentationOf(choice.schema),
    ...range,
    sortText: order,
  };
}

/**
 * `replicas: `, `restart: ${1|always,...|}`, `health:\n  `, `volumes:\n  - `, `command: [$0]`;
 * inside a flow collection everything stays on the line (`reserve: { $0 }`).
 */
function keySnippet(name: string, resolved: ResolvedSchema, inFlow: boolean): string {
  const node = resolved.node;
  const choices = valueChoices(node);
  if (choices.length > 1) return `${name}: \${1|${choices.map(snippetChoice).join(',')}|}`;
  if (choices.length === 1) return `${name}: ${choices[0]}`;
  if (node.type === 'object') return inFlow ? `${name}: { $0 }` : `${name}:\n  $0`;
  if (node.type === 'array') {
    const item = resolveSchema(node.items).node;
    const objectItems = item.type === 'object' || item.properties !== undefined;
    return objectItems && !inFlow ? `${name}:\n  - $0` : `${name}: [$0]`;
  }
  return `${name}: $0`;
}

function nameEntries(names: string[], prefix: string): Omit<CompletionEntry, 'replaceStart' | 'replaceEnd'>[] {
  return names
    .filter((name) => matches(name, prefix))
    .map((name, index) => ({
      label: name,
      kind: 'value',
      snippet: name,
      detail: 'declared volume',
      documentation: `The volume \`${name}\` declared under the top-level volumes.`,
      sortText: String(index).padStart(4, '0'),
    }));
}

function valueEntries(schemas: SchemaNode[], prefix: string): Omit<CompletionEntry, 'replaceStart' | 'replaceEnd'>[] {
  const seen = new Set<string>();
  const entries: Omit<CompletionEntry, 'replaceStart' | 'replaceEnd'>[] = [];
  for (const node of schemas) {
    const choices = valueChoices(node);
    choices.forEach((value) => {
      if (seen.has(value) || !matches(value, prefix)) return;
      seen.add(value);
      const isDefault = node.default !== undefined && String(node.default) === value;
      entries.push({
        label: value,
        kind: 'value',
        snippet: value,
        detail: isDefault ? 'default' : describeType({ node }),
        documentation: node.description ?? '',
        sortText: `${isDefault ? 0 : 1}${String(entries.length).padStart(3, '0')}`,
      });
    });
  }
  return entries;
}

/** The values a schema allows as a fixed list: enum, const, or booleans. Default first. */
function valueChoices(node: SchemaNode): string[] {
  let values: unknown[] = [];
  if (node.enum) values = node.enum;
  else if (node.const !== undefined) values = [node.const];
  else if (node.type === 'boolean') values = [true, false];
  const written = values.map((value) => String(value));
  if (node.default === undefined) return written;
  const fallback = String(node.default);
  return written.includes(fallback) ? [fallback, ...written.filter((value) => value !== fallback)] : written;
}

function snippetChoice(value: string): string {
  return value.replace(/[,|$}\\]/g, (ch) => `\\${ch}`);
}

/** Fuzzy like the editor: the typed letters appear in order, the first one first. */
function matches(candidate: string, prefix: string): boolean {
  if (prefix === '') return true;
  const lower = candidate.toLowerCase();
  const typed = prefix.toLowerCase();
  if (lower[0] !== typed[0]) return false;
  let at = 0;
  for (const ch of typed) {
    at = lower.indexOf(ch, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

export function documentationOf(resolved: ResolvedSchema): string {
  const { node } = resolved;
  const parts: string[] = [];
  if (node.description) parts.push(node.description);
  if (node.default !== undefined) parts.push(`Default: \`${JSON.stringify(node.default)}\``);
  const examples = node.examples?.filter((example) => typeof example !== 'object' || example === null);
  if (examples?.length) parts.push(`Examples: ${examples.map((example) => `\`${JSON.stringify(example)}\``).join(', ')}`);
  return parts.join('\n\n');
}
