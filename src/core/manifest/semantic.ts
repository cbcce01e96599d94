// Checks the schema cannot express: references between parts of the manifest, clashes, and
// bounds that relate two fields. Runs on a document that already passed the schema.

import type { Diagnostic, Severity } from '../model/diagnostics';
import { parseMemory, parseCpus, formatMemory } from '../model/units';
import { didYouMean } from './did-you-mean';
import { humanPath } from './schema-validate';
import { isScalar } from 'yaml';
import { checkFields } from './semantic-fields';
import { type ManifestSource, offsetsToRange, type PathSegment, rangeAt, valueNodeAt } from './source';
import type { ManifestDoc } from './types';
import { isWildcard, parseHostAddress } from './addresses';
import { checkTiming } from './semantic-timing';

/** Docker refuses memory limits below 6 MiB. */
const DOCKER_MIN_MEMORY = 6 * 1024 * 1024;

export class DiagnosticSink {
  readonly items: Diagnostic[] = [];
  constructor(private readonly source: ManifestSource) {}

  add(severity: Severity, code: string, path: PathSegment[], message: string, at: 'key' | 'value' = 'value'): void {
    this.items.push({ severity, code, path, message, range: rangeAt(this.source, path, at) });
  }

  /** On part of a string value (offset and length in the value), when the text shows it as is. */
  addWithin(severity: Severity, code: string, path: PathSegment[], message: string, offset: number, length: number): void {
    const node = valueNodeAt(this.source, path);
    let range = rangeAt(this.source, path);
    if (isScalar(node) && node.range && typeof node.value === 'string') {
      const quote = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
      const start = node.range[0] + quote + offset;
      // Escapes or folding move characters: then the whole value is the place.
      if (this.source.text.slice(start, start + length) === node.value.slice(offset, offset + length)) range = offsetsToRange(this.source, start, start + length);
    }
    this.items.push({ severity, code, path, message, range });
  }
}

export function checkSemantics(doc: ManifestDoc, sink: DiagnosticSink): void {
  checkVolumes(doc, sink);
  checkHostPorts(doc, sink);
  checkContainerPorts(doc, sink);
  checkServiceReferences(doc, sink);
  checkResources(doc, sink);
  checkScaling(doc, sink);
  checkNodes(doc, sink);
  checkFields(doc, sink);
  checkTiming(doc, sink);
}

function* containersOf(doc: ManifestDoc) {
  for (const [service, spec] of Object.entries(doc.services)) {
    for (const [container, containerSpec] of Object.entries(spec.containers)) yield { service, spec, container, containerSpec };
  }
}

function checkVolumes(doc: ManifestDoc, sink: DiagnosticSink): void {
  const declared = Object.keys(doc.volumes ?? {});
  const used = new Set<string>();
  for (const { service, container, containerSpec } of containersOf(doc)) {
    (containerSpec.volumes ?? []).forEach((mount, i) => {
      if (!('name' in mount)) return;
      used.add(mount.name);
      if (!declared.includes(mount.name)) {
        sink.add(
          'error',
          'unknown-volume',
          ['services', service, 'containers', container, 'volumes', i, 'name'],
          `Volume "${mount.name}" is not declared under the top-level volumes${didYouMean(mount.name, declared)}; add "${mount.name}: {}" there`,
        );
      }
    });
  }
  for (const name of declared) {
    if (!used.has(name)) sink.add('warning', 'unused-volume', ['volumes', name], `Volume "${name}" is declared but no container mounts it`, 'key');
  }
}

interface HostPortUse {
  hostIp: string;
  hostPort: number;
  protocol: string;
  path: PathSegment[];
  owner: string;
}

function checkHostPorts(doc: ManifestDoc, sink: DiagnosticSink): void {
  const uses: HostPortUse[] = [];
  for (const [service, spec] of Object.entries(doc.services)) {
    checkHostAddress(spec.expose?.hostIp, ['services', service, 'expose', 'hostIp'], sink);
    if (spec.expose?.hostPort !== undefined) {
      uses.push({
        hostIp: spec.expose.hostIp ?? '127.0.0.1',
        hostPort: spec.expose.hostPort,
        protocol: 'tcp',
        path: ['services', service, 'expose', 'hostPort'],
        owner: `service ${service}`,
      });
    }
  }
  for (const { service, spec, container, containerSpec } of containersOf(doc)) {
    (containerSpec.ports ?? []).forEach((port, i) => {
      checkHostAddress(port.hostIp, ['services', service, 'containers', container, 'ports', i, 'hostIp'], sink);
      if (port.hostPort === undefined) return;
      const path = ['services', service, 'containers', container, 'ports', i, 'hostPort'];
      uses.push({ hostIp: port.hostIp ?? '127.0.0.1', hostPort: port.hostPort, protocol: port.protocol ?? 'tcp', path, owner: `${service}/${container}` });
      const most = Math.max(spec.replicas ?? 1, spec.autoscale?.max ?? 0);
      if (most > 1) {
        sink.add(
          'error',
          'fixed-port-replicas',
          path,
          `Host port ${port.hostPort} is fixed but ${service} can run ${most} replicas, and only one can bind it; use "expose" for a load-balanced port, or leave hostPort out for an ephemeral one`,
        );
      }
    });
  }
  // A wildcard (0.0.0.0, ::) binds every address, so it clashes with any binding of the port.
  const wildcard = (ip: string) => {
    const address = parseHostAddress(ip);
    return address !== undefined && isWildcard(address);
  };
  const overlaps = (a: string, b: string) => a === b || wildcard(a) || wildcard(b);
  uses.forEach((use, i) => {
    const earlier = uses.slice(0, i).find((u) => u.hostPort === use.hostPort && u.protocol === use.protocol && overlaps(u.hostIp, use.hostIp));
    if (earlier) {
      sink.add('error', 'duplicate-host-port', use.path, `Host port ${use.hostPort} is already used by ${earlier.owner} (${humanPath(earlier.path)})`);
    }
  });
}

/** Docker binds published ports to an address, never to a name: say so before anything starts. */
function checkHostAddress(hostIp: string | undefined, path: PathSegment[], sink: DiagnosticSink): void {
  if (hostIp === undefined || parseHostAddress(hostIp) !== undefined) return;
  const hint = /^\[.*\]$/.test(hostIp) ? `; write it without brackets (${hostIp.slice(1, -1)})` : hostIp === 'localhost' ? '; use 127.0.0.1' : '';
  sink.add('error', 'host-address', path, `hostIp "${hostIp}" is not an IPv4 or IPv6 address (like 127.0.0.1 or ::1)${hint}`);
}

/** Containers of a pod share one network namespace, so two of them cannot listen on one port. */
function checkContainerPorts(doc: ManifestDoc, sink: DiagnosticSink): void {
  for (const [service, spec] of Object.entries(doc.services)) {
    const seen = new Map<string, string>();
    for (const [container, containerSpec] of Object.entries(spec.containers)) {
      (containerSpec.ports ?? []).forEach((port, i) => {
        const key = `${port.port}/${port.protocol ?? 'tcp'}`;
        const other = seen.get(key);
        if (other !== undefined) {
          sink.add(
            'error',
            'duplicate-container-port',
            ['services', service, 'containers', container, 'ports', i, 'port'],
            `Port ${port.port} is also published by container ${other}; containers of one pod share localhost, so only one can listen on it`,
          );
        }
        seen.set(key, container);
      });
    }
  }
}

const NOT_SERVICES = new Set(['localhost', 'host.docker.internal']);

/** Env values that name another service (http://api:9000, api:5432) must name a real one. */
function checkServiceReferences(doc: ManifestDoc, sink: DiagnosticSink): void {
  const services = Object.keys(doc.services);
  for (const { service, container, containerSpec } of containersOf(doc)) {
    for (const [key, value] of Object.entries(containerSpec.env ?? {})) {
      if (typeof value !== 'string') continue;
      const host = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([a-zA-Z0-9][a-zA-Z0-9_-]*):([0-9]{1,5})(?:[/?#]|$)/.exec(value)?.[1];
      if (!host || services.includes(host) || NOT_SERVICES.has(host)) continue;
      const suggestion = didYouMean(host, services);
      if (suggestion) {
        // A single-label host that is one typo away from a service resolves nowhere in a pod.
        sink.add(
          'error',
          'unknown-service',
          ['services', service, 'containers', container, 'env', key],
          `${key} names host "${host}", which is not a service of this project${suggestion}`,
        );
      }
    }
  }
}

function checkResources(doc: ManifestDoc, sink: DiagnosticSink): void {
  for (const { service, container, containerSpec } of containersOf(doc)) {
    const resources = containerSpec.resources;
    if (!resources) continue;
    const base: PathSegment[] = ['services', service, 'containers', container, 'resources'];
    const memory = resources.memory === undefined ? undefined : parseMemory(resources.memory);
    const reserveMemory = resources.reserve?.memory === undefined ? undefined : parseMemory(resources.reserve.memory);
    if (memory !== undefined && memory < DOCKER_MIN_MEMORY) {
      sink.add('error', 'memory-too-small', [...base, 'memory'], `A memory limit of ${formatMemory(memory)} is below Docker's minimum of 6Mi`);
    }
    if (memory !== undefined && reserveMemory !== undefined && reserveMemory > memory) {
      sink.add('error', 'reserve-above-limit', [...base, 'reserve', 'memory'], `Reserved memory ${formatMemory(reserveMemory)} is above the limit ${formatMemory(memory)}`);
    }
    const cpus = resources.cpus === undefined ? undefined : parseCpus(resources.cpus);
    const reserveCpus = resources.reserve?.cpus === undefined ? undefined : parseCpus(resources.reserve.cpus);
    if (cpus !== undefined && reserveCpus !== undefined && reserveCpus > cpus) {
      sink.add('error', 'reserve-above-limit', [...base, 'reserve', 'cpus'], `Reserved CPUs ${reserveCpus} are above the limit ${cpus}`);
    }
  }
}

function checkScaling(doc: ManifestDoc, sink: DiagnosticSink): void {
  for (const [service, spec] of Object.entries(doc.services)) {
    const autoscale = spec.autoscale;
    if (!autoscale) continue;
    const base: PathSegment[] = ['services', service, 'autoscale'];
    if (autoscale.min > autoscale.max) {
      sink.add('error', 'autoscale-bounds', [...base, 'min'], `autoscale.min (${autoscale.min}) is above autoscale.max (${autoscale.max})`);
    }
    if (spec.replicas !== undefined && (spec.replicas < autoscale.min || spec.replicas > autoscale.max)) {
      sink.add(
        'error',
        'replicas-outside-autoscale',
        ['services', service, 'replicas'],
        `replicas (${spec.replicas}) is outside the autoscale bounds ${autoscale.min}..${autoscale.max}`,
      );
    }
    (autoscale.schedule ?? []).forEach((window, i) => {
      if (window.min !== undefined && window.max !== undefined && window.min > window.max) {
        sink.add('error', 'autoscale-bounds', [...base, 'schedule', i, 'min'], `This schedule's min (${window.min}) is above its max (${window.max})`);
      }
    });
  }
}

function checkNodes(doc: ManifestDoc, sink: DiagnosticSink): void {
  const seen = new Set<string>();
  (doc.nodes ?? []).forEach((node, i) => {
    if (seen.has(node.name)) sink.add('error', 'duplicate-node', ['nodes', i, 'name'], `Node "${node.name}" is listed twice`);
    seen.add(node.name);
  });
}
