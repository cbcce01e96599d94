// A validated compose document into a Flotilla manifest. Services that share another's network
// (`network_mode: service:x`) become containers of x's pod; the first published TCP port of a
// pod becomes its load-balanced `expose`, the others stay published from their container.

import { ALLOW_KEYS, type AllowKey, type ContainerDoc, type ManifestDoc, type PortDoc, type ServiceDoc } from '../../core/manifest/types';
import type { Variables } from './interpolate';
import { type ManifestPath, Notes, show } from './notes';
import type { ComposePort } from './ports';
import { translateService, type TranslatedService } from './service';

type Dict = Record<string, unknown>;

export interface TranslateOptions {
  composeDir: string;
  manifestDir: string;
  variables: Variables;
  readFile: (file: string) => string | undefined;
  /** Project name when the compose file has no `name:`. */
  defaultProject?: string;
}

export interface Translated {
  doc: ManifestDoc;
  notes: Notes;
}

/** The pod each service ends up in: itself, or the root of its network_mode: service: chain. */
export function podOf(services: Record<string, Dict>, name: string): string {
  let current = name;
  const seen = new Set<string>();
  for (;;) {
    const mode = services[current]?.network_mode;
    if (typeof mode !== 'string' || !mode.startsWith('service:') || seen.has(current)) return current;
    seen.add(current);
    current = mode.slice('service:'.length);
  }
}

export function translateCompose(compose: Dict, options: TranslateOptions): Translated {
  const notes = new Notes();
  const services = (compose.services ?? {}) as Record<string, Dict>;
  const allow = new Set<AllowKey>();
  const members = new Map<string, string[]>();
  for (const name of Object.keys(services)) {
    const pod = podOf(services, name);
    members.set(pod, [...(members.get(pod) ?? []), ...(pod === name ? [] : [name])]);
    if (pod === name) members.set(pod, [name, ...(members.get(pod) ?? []).filter((n) => n !== name)]);
  }

  const project = typeof compose.name === 'string' ? compose.name : options.defaultProject;
  const doc: ManifestDoc = project ? { version: 1, project, services: {} } : { version: 1, services: {} };
  const usedVolumes = new Set<string>();
  for (const [pod, names] of members) {
    const translated = names.map((name) => {
      const context = { ...options, name, notes, at: ['services', pod, 'containers', name], allow };
      return { name, ...translateService(services[name] as Dict, context) };
    });
    doc.services[pod] = buildPod(pod, translated, notes);
    for (const t of translated) for (const v of t.namedVolumes) usedVolumes.add(v);
  }

  const volumes = translateVolumes((compose.volumes ?? {}) as Record<string, Dict | null>, usedVolumes, notes);
  if (Object.keys(volumes).length > 0) doc.volumes = volumes;
  for (const key of Object.keys(compose)) {
    if (['version', 'name', 'services', 'volumes'].includes(key) || key.startsWith('x-')) continue;
    if (key === 'networks' && onlyDefaultNetwork(compose.networks)) continue;
    notes.notCarried(
      key,
      [],
      `top-level ${key} (${Object.keys((compose[key] ?? {}) as Dict).join(', ') || show(compose[key])}) not carried: ${TOP_LEVEL_WHY[key] ?? 'Flotilla has no such setting'}`,
    );
  }
  if (allow.size > 0) doc.allow = ALLOW_KEYS.filter((key) => allow.has(key));
  return { doc, notes };
}

const TOP_LEVEL_WHY: Record<string, string> = {
  networks: 'every service of a project shares one network in Flotilla',
  secrets: 'secrets from files come with a later version',
  configs: 'configs are not supported: mount the file with a host path instead',
  include: 'included compose files are not read: import each one',
};

function onlyDefaultNetwork(networks: unknown): boolean {
  const names = Object.keys((networks ?? {}) as Dict);
  return names.length === 0 || (names.length === 1 && names[0] === 'default');
}

type PodMember = TranslatedService & { name: string };

function buildPod(pod: string, members: PodMember[], notes: Notes): ServiceDoc {
  const root = members[0] as PodMember;
  const at: ManifestPath = ['services', pod];
  const containers: Record<string, ContainerDoc> = {};
  for (const member of members) containers[member.name] = member.container;
  const service: ServiceDoc = { containers } as ServiceDoc;
  if (root.replicas !== undefined) service.replicas = root.replicas;
  service.restart = root.restart ?? 'never';
  if (root.restart === undefined)
    notes.changed(`services.${pod}.restart`, [...at, 'restart'], 'restart: never is compose\'s default ("no"); remove it to let Flotilla restart crashed pods');
  const grace = members.map((m) => m.stopGracePeriod).find((g) => g !== undefined);
  if (grace) service.stopGracePeriod = grace;
  if (root.deploy) service.deploy = root.deploy;
  if (root.hostNetwork) service.hostNetwork = true;
  if (members.some((m) => m.hostPid)) service.hostPid = true;
  for (const member of members.slice(1)) {
    for (const key of ['replicas', 'restart', 'deploy'] as const) {
      if (member[key] !== undefined)
        notes.notCarried(
          `services.${member.name}.${key}`,
          ['services', pod, 'containers', member.name],
          `${key} of ${member.name} not carried: it runs in ${pod}'s pod, which follows ${pod}'s settings`,
        );
    }
  }
  placePorts(pod, members, service, notes);
  return service;
}

/** The first published TCP port balances across replicas (expose); the rest are published per container. */
function placePorts(pod: string, members: PodMember[], service: ServiceDoc, notes: Notes): void {
  const replicas = service.replicas ?? 1;
  let exposed: ComposePort | undefined;
  for (const member of members) {
    const at = ['services', pod, 'containers', member.name];
    const ports: PortDoc[] = [];
    for (const port of member.ports) {
      const from = `services.${member.name}.ports`;
      if (port.hostIp === '0.0.0.0' || port.hostIp === '::')
        notes.changed(
          from,
          at,
          `port ${port.published ?? port.target} was on every interface (${port.hostIp}); Flotilla binds 127.0.0.1 unless you set hostIp: 0.0.0.0 and allow: [public-ports]`,
        );
      if (port.published !== undefined && port.protocol === 'tcp' && !exposed) {
        exposed = port;
        service.expose = { port: port.target, hostPort: port.published };
        if (port.hostIp && port.hostIp !== '0.0.0.0' && port.hostIp !== '::') service.expose.hostIp = port.hostIp;
        continue;
      }
      if (port.protocol !== 'tcp' && port.protocol !== 'udp') {
        notes.notCarried(from, at, `port ${port.target}/${port.protocol} not carried: only tcp and udp`);
        continue;
      }
      const doc: PortDoc = { port: port.target };
      if (port.protocol === 'udp') doc.protocol = 'udp';
      if (port.published !== undefined && replicas <= 1) doc.hostPort = port.published;
      else if (port.published !== undefined)
        notes.changed(from, at, `host port ${port.published} became ephemeral: ${replicas} replicas cannot share one fixed host port (only ${exposed?.published} is balanced)`);
      if (doc.hostPort !== undefined && port.hostIp && port.hostIp !== '0.0.0.0' && port.hostIp !== '::') doc.hostIp = port.hostIp;
      if (!ports.some((p) => p.port === doc.port && (p.protocol ?? 'tcp') === (doc.protocol ?? 'tcp'))) ports.push(doc);
    }
    if (ports.length > 0) (service.containers[member.name] as ContainerDoc).ports = ports;
  }
  if (exposed)
    notes.changed(
      `services.${pod}.ports`,
      ['services', pod, 'expose'],
      `port ${exposed.published} balances across healthy replicas while a supervisor runs (flotilla up --watch or the editor)`,
    );
}

function translateVolumes(volumes: Record<string, Dict | null>, used: Set<string>, notes: Notes) {
  const result: Record<string, { labels?: Record<string, string> }> = {};
  for (const [name, spec] of Object.entries(volumes)) {
    if (!used.has(name)) {
      notes.notCarried(`volumes.${name}`, [], `volume ${name} is mounted by no service: not carried`);
      continue;
    }
    result[name] = {};
    const labels = spec?.labels;
    if (labels && !Array.isArray(labels)) result[name].labels = Object.fromEntries(Object.entries(labels as Dict).map(([k, v]) => [k, String(v)]));
    for (const key of Object.keys(spec ?? {}).filter((k) => k !== 'labels' || Array.isArray(labels))) {
      notes.notCarried(
        `volumes.${name}.${key}`,
        ['volumes', name],
        `volume ${key} (${show((spec as Dict)[key])}) not carried: Flotilla creates local volumes named flotilla-<project>-${name}`,
      );
    }
  }
  return result;
}
