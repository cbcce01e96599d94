// Walks schemas/flotilla.schema.json by document path, for completion and hover. A `$ref` is
// followed with the referring node's own keys winning (a description or default often sits
// beside the `$ref`), as scripts/gen-manifest-reference.mjs reads it for the README.

import schema from '../../../../schemas/flotilla.schema.json';
import type { PathSegment } from '../source';

export interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  description?: string;
  default?: unknown;
  examples?: unknown[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, SchemaNode | boolean>;
  additionalProperties?: SchemaNode | boolean;
  required?: string[];
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
}

interface RootSchema extends SchemaNode {
  definitions: Record<string, SchemaNode>;
}

const root = schema as unknown as RootSchema;

/** Definitions that are value formats: their name says more than "string or number". */
const FORMAT_NAMES: Record<string, string> = {
  duration: 'duration',
  memory: 'memory',
  cpus: 'cpus',
  percent: 'percent',
  intOrPercent: 'count or percent',
  port: 'port',
};

export interface ResolvedSchema {
  node: SchemaNode;
  /** Set when the node is (or refers to) one of the value formats. */
  format?: string;
}

export function resolveSchema(node: SchemaNode | undefined): ResolvedSchema {
  if (!node?.$ref) return { node: node ?? {} };
  const name = node.$ref.replace('#/definitions/', '');
  const target = resolveSchema(root.definitions[name]);
  const { $ref: _ref, ...own } = node;
  return { node: { ...target.node, ...own }, format: FORMAT_NAMES[name] ?? target.format };
}

/** The object shapes a node may take: itself, plus its anyOf branches (a mount's two forms). */
function shapes(node: SchemaNode): SchemaNode[] {
  return [node, ...(node.anyOf ?? []).map((branch) => resolveSchema(branch).node)];
}

/** Schemas that may describe the value at `path` (several when anyOf branches both fit). */
export function schemasAt(path: readonly PathSegment[]): SchemaNode[] {
  let current: SchemaNode[] = [resolveSchema(root).node];
  for (const segment of path) {
    const next: SchemaNode[] = [];
    for (const node of current) {
      for (const shape of shapes(node)) {
        if (typeof segment === 'number') {
          if (shape.items) next.push(resolveSchema(shape.items).node);
          continue;
        }
        const property = shape.properties?.[segment];
        if (typeof property === 'object') next.push(resolveSchema(property).node);
        else if (property === undefined && typeof shape.additionalProperties === 'object') {
          next.push(resolveSchema(shape.additionalProperties).node);
        }
      }
    }
    if (next.length === 0) return [];
    current = dedupe(next);
  }
  return current;
}

/** The schema of the key at `path` as written (before its $ref is followed), for hover. */
export function propertySchemaAt(path: readonly PathSegment[]): ResolvedSchema | undefined {
  if (path.length === 0) return undefined;
  const last = path[path.length - 1]!;
  for (const parent of schemasAt(path.slice(0, -1))) {
    for (const shape of shapes(parent)) {
      if (typeof last === 'number') {
        if (shape.items) return resolveSchema(shape.items);
        continue;
      }
      const property = shape.properties?.[last];
      if (typeof property === 'object') return resolveSchema(property);
      if (property === undefined && typeof shape.additionalProperties === 'object') return resolveSchema(shape.additionalProperties);
    }
  }
  return undefined;
}

export interface KeyChoice {
  name: string;
  schema: ResolvedSchema;
  required: boolean;
}

/**
 * Keys an object at `path` may still declare by name, given the keys it has. Maps of names the
 * user chooses (services, containers, env) have none; their inner objects do. Alternatives are
 * honoured: a mount with `name` is not offered `hostPath`, a health check with `http` not `tcp`.
 */
export function keysAt(path: readonly PathSegment[], present: readonly string[] = []): KeyChoice[] {
  const found = new Map<string, KeyChoice>();
  for (const parent of schemasAt(path)) {
    const excluded = exclusiveKeys(parent, present);
    for (const shape of shapes(parent)) {
      const closed = shape.additionalProperties === false && shape !== parent;
      if (closed && present.some((key) => !(key in (shape.properties ?? {})))) continue; // another branch
      for (const [name, property] of Object.entries(shape.properties ?? {})) {
        // Boolean subschemas only repeat a key described elsewhere (health's oneOf branches).
        if (typeof property !== 'object' || found.has(name) || present.includes(name) || excluded.has(name)) continue;
        found.set(name, { name, schema: resolveSchema(property), required: (shape.required ?? []).includes(name) });
      }
    }
  }
  return [...found.values()];
}

/** Keys a oneOf of single-key branches rules out once one of them is written. */
function exclusiveKeys(node: SchemaNode, present: readonly string[]): Set<string> {
  const alternatives = (node.oneOf ?? []).flatMap((branch) => (branch.required?.length === 1 ? branch.required : []));
  if (!alternatives.some((key) => present.includes(key))) return new Set();
  return new Set(alternatives.filter((key) => !present.includes(key)));
}

/** A short type for people: "integer", "duration", "list of string", `"always" | "never"`. */
export function describeType(resolved: ResolvedSchema): string {
  const { node, format } = resolved;
  if (format) return FORMAT_NAMES[format] ?? format;
  if (node.enum) return node.enum.map((value) => JSON.stringify(value)).join(' | ');
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.type === 'array') return `list of ${describeType(resolveSchema(node.items))}`;
  if (node.type === 'object' && !node.properties && typeof node.additionalProperties === 'object') {
    return `map of ${describeType(resolveSchema(node.additionalProperties))}`;
  }
  if (node.anyOf && !node.type) return [...new Set(node.anyOf.map((branch) => describeType(resolveSchema(branch))))].join(' or ');
  if (Array.isArray(node.type)) return node.type.join(' or ');
  return node.type ?? 'any';
}

/** The description of a value format (e.g. what a duration looks like), for hover. */
export function formatDescription(format: string): SchemaNode | undefined {
  return root.definitions[format];
}

function dedupe(nodes: SchemaNode[]): SchemaNode[] {
  return [...new Set(nodes)];
}
