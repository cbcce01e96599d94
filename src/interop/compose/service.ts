// One compose service into one Flotilla container plus the service-level settings it brings
// (replicas, restart, deploy, stop grace). Every key is either carried or noted.

import type { AllowKey, ContainerDoc, DeployDoc, RestartPolicy } from '../../core/manifest/types';
import { type Variables, parseEnvFile } from './interpolate';
import { absoluteHostPath, translateMounts } from './mounts';
import { type ManifestPath, type Notes, show } from './notes';
import { type ComposePort, type LongPort, readPort } from './ports';
import { commandWords, translateDeployRest, translateHealth, translateResources, translateRestart, translateUpdateConfig } from './runtime';
import { convertDuration } from './units';

type Dict = Record<string, unknown>;

const DOCKER_SOCKETS = ['/var/run/docker.sock', '/run/docker.sock'];

export interface ServiceContext {
  name: string;
  notes: Notes;
  /** Where this service's container lands: ['services', pod, 'containers', name]. */
  at: ManifestPath;
  composeDir: string;
  manifestDir: string;
  variables: Variables;
  /** Reads an env_file (absolute path); undefined when it does not exist. */
  readFile: (file: string) => string | undefined;
  allow: Set<AllowKey>;
}

export interface TranslatedService {
  container: ContainerDoc;
  ports: ComposePort[];
  namedVolumes: string[];
  replicas?: number;
  restart?: RestartPolicy;
  stopGracePeriod?: string;
  deploy?: DeployDoc;
  hostNetwork?: boolean;
  hostPid?: boolean;
}

/** Keys read here; anything else in a service is reported by NOT_CARRIED or the generic note. */
const CARRIED = new Set([
  'image',
  'command',
  'entrypoint',
  'environment',
  'env_file',
  'user',
  'working_dir',
  'ports',
  'volumes',
  'healthcheck',
  'restart',
  'deploy',
  'scale',
  'stop_grace_period',
  'stop_signal',
  'cap_add',
  'privileged',
  'devices',
  'network_mode',
  'pid',
  'mem_limit',
  'mem_reservation',
  'cpus',
  'expose',
]);

/** Why a known compose key is not carried (yet). */
export const NOT_CARRIED: Record<string, string> = {
  build: 'image builds come with a later version: build the image first and name it under image',
  depends_on: 'start order comes with a later version: services start together and reach each other by name',
  secrets: 'secrets from files come with a later version',
  configs: 'configs are not supported: mount the file with a host path instead',
  networks: 'every service of a project shares one network in Flotilla',
  container_name: 'Flotilla names containers <project>-<pod>-<container>',
  links: 'services reach each other by name on the project network',
  profiles: 'every service of the manifest runs',
  sysctls: 'kernel parameters are not supported',
  labels: 'container labels are not supported (Flotilla sets its own)',
  logging: 'the engine default log driver is used',
  extra_hosts: 'extra host entries are not supported',
  hostname: "a pod's host name is its container's",
  cap_drop: 'dropping capabilities is not supported',
  security_opt: 'security options are not supported',
  ulimits: 'ulimits are not supported',
  tmpfs: 'tmpfs mounts are not supported',
  shm_size: 'shm_size is not supported',
  init: 'an init process is not supported',
  tty: 'a TTY is not allocated',
  stdin_open: 'stdin is not kept open',
  dns: 'custom DNS servers are not supported',
  read_only: 'a read-only root file system is not supported',
  pull_policy: 'Flotilla never pulls: the image must be on the engine',
  platform: 'the engine platform is used',
  ipc: 'IPC namespace settings are not supported',
};

export function translateService(service: Dict, context: ServiceContext): TranslatedService {
  const from = `services.${context.name}`;
  const { notes, at } = context;
  const runtime = { notes, from, at };
  const container: ContainerDoc = { image: typeof service.image === 'string' ? service.image : `${context.name}:latest` };
  if (typeof service.image !== 'string') notes.notCarried(`${from}.image`, at, `no image: ${container.image} is a placeholder; build the image and name it here`);
  const result: TranslatedService = { container, ports: [], namedVolumes: [] };

  const command = commandWords(service.command);
  if (command) container.command = command;
  const entrypoint = commandWords(service.entrypoint);
  if (entrypoint) container.entrypoint = entrypoint;
  if (service.user !== undefined) container.user = String(service.user);
  if (typeof service.working_dir === 'string') container.workingDir = service.working_dir;
  if (typeof service.stop_signal === 'string') container.stopSignal = service.stop_signal;
  const env = translateEnvironment(service, context);
  if (Object.keys(env).length > 0) container.env = env;

  for (const [i, entry] of ((service.ports ?? []) as (string | number | LongPort)[]).entries()) {
    const ports = readPort(entry);
    if (typeof ports === 'string') notes.notCarried(`${from}.ports[${i}]`, at, `${ports}; not carried`);
    else result.ports.push(...ports);
  }
  if (service.expose !== undefined) notes.changed(`${from}.expose`, at, `expose ${show(service.expose)} needs nothing: every port is reachable from the other services`);

  const mounts = translateMounts((service.volumes ?? []) as string[], {
    notes,
    from: `${from}.volumes`,
    at,
    composeDir: context.composeDir,
    manifestDir: context.manifestDir,
    home: context.variables.HOME,
  });
  if (mounts.mounts.length > 0) container.volumes = mounts.mounts;
  result.namedVolumes = mounts.named;

  if (service.healthcheck) {
    const health = translateHealth(service.healthcheck as Dict, runtime);
    if (health) container.health = health;
  }
  const resources = translateResources(service, runtime);
  if (resources) container.resources = resources;
  translatePowers(service, container, result, context);

  const deploy = (service.deploy ?? {}) as Dict;
  Object.assign(result, translateDeployRest(deploy, runtime));
  if (typeof service.scale === 'number' && result.replicas === undefined) result.replicas = service.scale;
  if (typeof service.restart === 'string') result.restart = translateRestart(service.restart, `${from}.restart`, runtime);
  if (deploy.update_config) result.deploy = translateUpdateConfig(deploy.update_config as Dict, runtime);
  if (service.stop_grace_period !== undefined) result.stopGracePeriod = convertDuration(service.stop_grace_period as string);

  for (const key of Object.keys(service)) {
    if (CARRIED.has(key) || key.startsWith('x-') || (key === 'networks' && onlyDefault(service.networks))) continue;
    notes.notCarried(`${from}.${key}`, at, `${key} (${show(service[key])}) not carried: ${NOT_CARRIED[key] ?? 'Flotilla has no such setting'}`);
  }
  return result;
}

/** env_file entries first, then `environment` (list "A=1" / "B", or map), as compose merges them. */
function translateEnvironment(service: Dict, context: ServiceContext): Record<string, string | number | boolean> {
  const env: Record<string, string | number | boolean> = {};
  const files = service.env_file === undefined ? [] : Array.isArray(service.env_file) ? service.env_file : [service.env_file];
  for (const [i, entry] of files.entries()) {
    const file = typeof entry === 'string' ? entry : String((entry as Dict).path);
    const required = typeof entry === 'string' || (entry as Dict).required !== false;
    const text = context.readFile(resolveFrom(context.composeDir, file));
    if (text === undefined) {
      if (required) context.notes.notCarried(`services.${context.name}.env_file[${i}]`, context.at, `env_file ${file} was not found; its variables are missing`);
      continue;
    }
    Object.assign(env, parseEnvFile(text, context.variables));
  }
  const environment = service.environment;
  if (Array.isArray(environment)) {
    for (const item of environment.map(String)) {
      const eq = item.indexOf('=');
      if (eq >= 0) env[item.slice(0, eq)] = item.slice(eq + 1);
      else if (context.variables[item] !== undefined) env[item] = context.variables[item] as string;
    }
  } else if (environment && typeof environment === 'object') {
    for (const [key, value] of Object.entries(environment as Dict)) {
      if (value === null || value === undefined) {
        if (context.variables[key] !== undefined) env[key] = context.variables[key] as string;
      } else env[key] = value as string | number | boolean;
    }
  }
  return env;
}

/** `networks: [default]` changes nothing: Flotilla's one project network is compose's default. */
function onlyDefault(networks: unknown): boolean {
  const names = Array.isArray(networks) ? networks : Object.keys((networks ?? {}) as Dict);
  return names.every((name) => name === 'default');
}

function resolveFrom(dir: string, file: string): string {
  return file.startsWith('/') ? file : `${dir.replace(/\/$/, '')}/${file}`;
}

/** Host-level powers: carried, added to `allow:`, and warned about. */
function translatePowers(service: Dict, container: ContainerDoc, result: TranslatedService, context: ServiceContext): void {
  const from = `services.${context.name}`;
  const grant = (key: AllowKey, what: string, field: string) => {
    context.allow.add(key);
    context.notes.warning(`${from}.${field}`, context.at, `${what}: added "${key}" to allow:, review it before you run this`);
  };
  if (Array.isArray(service.cap_add) && service.cap_add.length > 0) {
    container.capAdd = service.cap_add.map(String);
    grant('cap-add', `adds kernel capabilities ${container.capAdd.join(', ')}`, 'cap_add');
  }
  if (service.privileged === true) {
    container.privileged = true;
    grant('privileged', 'runs privileged, with full access to the host', 'privileged');
  }
  if (Array.isArray(service.devices) && service.devices.length > 0) {
    container.devices = service.devices.map((d) => (typeof d === 'string' ? d : String((d as Dict).source)));
    grant('devices', `gets host devices ${container.devices.join(', ')}`, 'devices');
  }
  for (const mount of container.volumes ?? []) {
    if (!('hostPath' in mount)) continue;
    const source = absoluteHostPath(mount.hostPath, context.manifestDir);
    if (DOCKER_SOCKETS.includes(source)) grant('docker-socket', `mounts the Docker socket ${source}, which controls the whole host`, 'volumes');
    else if (source !== context.manifestDir && !source.startsWith(`${context.manifestDir}/`)) grant('host-paths', `mounts ${source}, outside the manifest's folder`, 'volumes');
  }
  if (service.network_mode === 'host') {
    result.hostNetwork = true;
    grant('host-network', "shares the host's network namespace", 'network_mode');
  } else if (typeof service.network_mode === 'string' && !service.network_mode.startsWith('service:') && service.network_mode !== 'bridge') {
    context.notes.notCarried(`${from}.network_mode`, context.at, `network_mode ${service.network_mode} not carried: the pod joins the project network`);
  }
  if (service.pid === 'host') {
    result.hostPid = true;
    grant('host-pid', 'sees every process of the host', 'pid');
  } else if (service.pid !== undefined) {
    context.notes.notCarried(`${from}.pid`, context.at, `pid ${show(service.pid)} not carried`);
  }
}
