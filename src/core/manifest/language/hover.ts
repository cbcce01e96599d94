// Hover text for a manifest key (or the value beside it): what the schema says about it.

import { stringify } from 'yaml';
import { cursorContext } from './cursor';
import { describeType, formatDescription, propertySchemaAt } from './schema-nav';
import type { PathSegment } from '../source';

export interface HoverInfo {
  /** Markdown. */
  markdown: string;
  /** Offsets of the hovered word. */
  start: number;
  end: number;
  /** The key's path, e.g. ['services', 'web', 'replicas']. */
  path: PathSegment[];
}

export function hoverAt(text: string, offset: number): HoverInfo | undefined {
  const context = cursorContext(text, offset);
  if (!context || context.word === '') return undefined;
  const path = context.on === 'key' ? [...context.path, context.word] : context.path;
  const markdown = describeKey(path);
  if (!markdown) return undefined;
  return { markdown, start: context.wordStart, end: context.wordEnd, path };
}

/** Description, type, default, allowed values and examples of the key at `path`. */
export function describeKey(path: readonly PathSegment[]): string | undefined {
  const resolved = propertySchemaAt(path);
  if (!resolved) return undefined;
  const { node, format } = resolved;
  const name = path
    .map((segment) => (typeof segment === 'number' ? '[]' : segment))
    .join('.')
    .replace(/\.\[\]/g, '[]');
  const parts = [`**${name}**: ${describeType(resolved)}`];
  if (node.description) parts.push(node.description);
  if (format) {
    const formatNode = formatDescription(format);
    if (formatNode?.description && formatNode.description !== node.description) parts.push(`Format: ${formatNode.description}`);
  }
  if (node.default !== undefined) parts.push(`Default: \`${JSON.stringify(node.default)}\``);
  if (node.enum) parts.push(`Allowed: ${node.enum.map((value) => `\`${String(value)}\``).join(', ')}`);
  if (node.examples?.length) parts.push(`Example${node.examples.length > 1 ? 's' : ''}:\n\n${examplesBlock(path, node.examples)}`);
  return parts.join('\n\n');
}

/** Examples as the YAML the user would write under the key. */
function examplesBlock(path: readonly PathSegment[], examples: unknown[]): string {
  const key = path[path.length - 1];
  const written = examples.map((example) => (typeof key === 'string' ? stringify({ [key]: example }, { flowCollectionPadding: true }).trimEnd() : stringify([example]).trimEnd()));
  return ['```yaml', ...written, '```'].join('\n');
}
