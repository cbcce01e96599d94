// The outline of a manifest: the project, services with their containers, volumes and nodes,
// each with the range of its whole entry and of its name. Read from the parsed document, which
// the yaml package builds as far as it can even when the text has errors.

import { isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { Range } from '../../model/diagnostics';
import { type ManifestSource, offsetsToRange, parseSource } from '../source';

export type ManifestSymbolKind = 'project' | 'services' | 'service' | 'container' | 'volumes' | 'volume' | 'nodes' | 'node';

export interface ManifestSymbol {
  name: string;
  kind: ManifestSymbolKind;
  /** A short note shown beside the name: a service's replicas, a container's image. */
  detail: string;
  /** The whole entry, key to end of value. */
  range: Range;
  /** The name itself. */
  selectionRange: Range;
  children: ManifestSymbol[];
}

export function manifestSymbols(text: string, source: ManifestSource = parseSource(text).source): ManifestSymbol[] {
  const root = source.document.contents;
  if (!isMap(root)) return [];
  const symbols: ManifestSymbol[] = [];
  for (const pair of pairsOf(root)) {
    const key = keyName(pair);
    if (key === 'project' && isScalar(pair.value)) {
      symbols.push(symbolOf(source, pair, String(pair.value.value), 'project', 'project', []));
    } else if (key === 'services') {
      const services = pairsOf(pair.value).map((service) => serviceSymbol(source, service));
      symbols.push(symbolOf(source, pair, 'services', 'services', count(services.length, 'service'), services));
    } else if (key === 'volumes') {
      const volumes = pairsOf(pair.value).map((volume) => symbolOf(source, volume, keyName(volume), 'volume', '', []));
      symbols.push(symbolOf(source, pair, 'volumes', 'volumes', count(volumes.length, 'volume'), volumes));
    } else if (key === 'nodes' && isSeq(pair.value)) {
      const nodes = pair.value.items.flatMap((item) => (isMap(item) ? [nodeSymbol(source, item)] : []));
      symbols.push(symbolOf(source, pair, 'nodes', 'nodes', count(nodes.length, 'node'), nodes));
    }
  }
  return symbols;
}

function serviceSymbol(source: ManifestSource, service: Pair): ManifestSymbol {
  const body = service.value;
  const replicas = isMap(body) ? body.get('replicas') : undefined;
  const containersPair = pairsOf(body).find((pair) => keyName(pair) === 'containers');
  const containers = pairsOf(containersPair?.value).map((container) => {
    const image = isMap(container.value) ? container.value.get('image') : undefined;
    return symbolOf(source, container, keyName(container), 'container', typeof image === 'string' ? image : '', []);
  });
  const detail = typeof replicas === 'number' ? count(replicas, 'replica') : '';
  return symbolOf(source, service, keyName(service), 'service', detail, containers);
}

function nodeSymbol(source: ManifestSource, node: Node): ManifestSymbol {
  const namePair = pairsOf(node).find((pair) => keyName(pair) === 'name');
  const name = namePair && isScalar(namePair.value) ? String(namePair.value.value) : 'node';
  const range = entryRange(source, node.range?.[0] ?? 0, node.range?.[1] ?? 0);
  const engine = isMap(node) ? node.get('engine') : undefined;
  const selection = namePair && isScalar(namePair.value) ? rangeOf(source, namePair.value.range) : range;
  return { name, kind: 'node', detail: typeof engine === 'string' ? engine : '', range, selectionRange: selection, children: [] };
}

function symbolOf(source: ManifestSource, pair: Pair, name: string, kind: ManifestSymbolKind, detail: string, children: ManifestSymbol[]): ManifestSymbol {
  const key = pair.key as Node;
  const value = pair.value as Node | null;
  const start = key.range?.[0] ?? 0;
  const end = value?.range?.[1] ?? key.range?.[1] ?? start;
  return { name, kind, detail, range: entryRange(source, start, end), selectionRange: rangeOf(source, key.range), children };
}

/** A block value ends where the next line starts; the entry ends at its last character. */
function entryRange(source: ManifestSource, start: number, end: number): Range {
  let last = end;
  while (last > start && /\s/.test(source.text[last - 1] ?? '')) last--;
  return offsetsToRange(source, start, last);
}

function rangeOf(source: ManifestSource, range: readonly number[] | null | undefined): Range {
  return offsetsToRange(source, range?.[0] ?? 0, range?.[1] ?? 0);
}

function pairsOf(node: unknown): Pair[] {
  if (!isMap(node)) return [];
  return node.items.filter((item): item is Pair => isPair(item) && isScalar(item.key) && item.key.range !== undefined);
}

function keyName(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : '';
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
