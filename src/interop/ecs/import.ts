// `flotilla import ecs TASKDEF.json`, the pure part: one task definition is one pod. Its
// containers (essential ones first), port mappings, health checks, mount points, resources and
// powers are carried; dependsOn and the rest are comments and notes, as for compose.

import type { ContainerDefinition, TaskDefinition } from '@aws-sdk/client-ecs';
import { type Diagnostic, hasErrors } from '../../core/model/diagnostics';
import { parseSource, rangeAt, toPlainData, type PathSegment } from '../../core/manifest/source';
import { ALLOW_KEYS, type AllowKey, type ContainerDoc, type HealthDoc, type ManifestDoc, type MountDoc, type ServiceDoc } from '../../core/manifest/types';
import { Notes, type ImportNote } from '../compose/notes';
import { renderManifest } from '../compose/render';

export interface EcsImportResult {
  manifest?: string;
  diagnostics: Diagnostic[];
  notes: ImportNote[];
}

const CARRIED = new Set([
  'name',
  'image',
  'essential',
  'command',
  'entryPoint',
  'environment',
  'user',
  'workingDirectory',
  'portMappings',
  'healthCheck',
  'mountPoints',
  'memory',
  'memoryReservation',
  'cpu',
  'privileged',
  'linuxParameters',
  'stopTimeout',
  'dependsOn',
]);
const TASK_CARRIED = new Set([
  'family',
  'containerDefinitions',
  'volumes',
  'networkMode',
  'requiresCompatibilities',
  'taskDefinitionArn',
  'revision',
  'status',
  'registeredAt',
  'registeredBy',
  'compatibilities',
  'requiresAttributes',
]);

export function importEcs(text: string, fileName: string): EcsImportResult {
  const { source, diagnostics } = parseSource(text);
  if (hasErrors(diagnostics)) return { diagnostics, notes: [] };
  const plain = toPlainData(source).value as Record<string, unknown> | undefined;
  // `aws ecs describe-task-definition` wraps it in {"taskDefinition": ...}.
  const wrapped = plain && typeof plain === 'object' && 'taskDefinition' in plain;
  const task = (wrapped ? plain.taskDefinition : plain) as TaskDefinition | undefined;
  const base: PathSegment[] = wrapped ? ['taskDefinition'] : [];
  const error = (where: PathSegment[], message: string): EcsImportResult => ({
    diagnostics: [{ severity: 'error', code: 'ecs/task-definition', path: where, range: rangeAt(source, where), message }],
    notes: [],
  });
  if (!task || typeof task !== 'object' || !Array.isArray(task.containerDefinitions) || task.containerDefinitions.length === 0) {
    return error(base, 'This is not an ECS task definition: it needs a non-empty "containerDefinitions" list');
  }
  for (const [i, definition] of task.containerDefinitions.entries()) {
    if (typeof definition?.name !== 'string' || !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(definition.name))
      return error([...base, 'containerDefinitions', i, 'name'], 'Each container needs a name of letters, digits, "_", "." and "-"');
    if (typeof definition.image !== 'string' || definition.image === '') return error([...base, 'containerDefinitions', i], `Container ${definition.name} has no image`);
  }

  const notes = new Notes();
  const allow = new Set<AllowKey>();
  const name = (task.family ?? 'task').replace(/[^a-zA-Z0-9_.-]/g, '-').replace(/^[^a-zA-Z0-9]+/, '') || 'task';
  const ordered = [...task.containerDefinitions].sort((a, b) => Number(b.essential !== false) - Number(a.essential !== false));
  const hostPaths = new Map((task.volumes ?? []).map((v) => [v.name ?? '', v.host?.sourcePath]));
  const volumes: Record<string, object> = {};
  const service: ServiceDoc = { containers: {} };
  for (const definition of ordered) {
    const at = ['services', name, 'containers', definition.name as string];
    const from = `containerDefinitions.${definition.name}`;
    const container = translate(definition, at, from, notes, allow, hostPaths, volumes);
    if ((container.ports?.length ?? 0) > 0 && !service.expose && definition === ordered[0]) {
      const [first, ...rest] = container.ports ?? [];
      service.expose = { port: (first as { port: number }).port };
      if (rest.length) container.ports = rest;
      else delete container.ports;
    }
    service.containers[definition.name as string] = container;
    if (definition.essential === false && definition === ordered[0]) notes.changed(from, at, 'no container is essential: the first one owns the pod');
  }
  const stop = task.containerDefinitions.map((d) => d.stopTimeout).find((t) => t !== undefined);
  if (stop !== undefined) service.stopGracePeriod = `${stop}s`;
  service.restart = 'always';
  for (const key of Object.keys(task)) {
    if (!TASK_CARRIED.has(key)) notes.notCarried(key, [], `task ${key} (${JSON.stringify((task as Record<string, unknown>)[key]).slice(0, 60)}) not carried`);
  }
  if (task.networkMode && task.networkMode !== 'awsvpc' && task.networkMode !== 'bridge')
    notes.changed('networkMode', [], `networkMode ${task.networkMode}: Flotilla pods share one network namespace, like awsvpc`);
  const doc: ManifestDoc = { version: 1, project: name, services: { [name]: service } };
  if (Object.keys(volumes).length) doc.volumes = volumes;
  if (allow.size) doc.allow = ALLOW_KEYS.filter((key) => allow.has(key));
  return { manifest: renderManifest(doc, notes.items, fileName, 'flotilla import ecs'), diagnostics: [], notes: notes.items };
}

function translate(
  definition: ContainerDefinition,
  at: PathSegment[],
  from: string,
  notes: Notes,
  allow: Set<AllowKey>,
  hostPaths: Map<string, string | undefined>,
  volumes: Record<string, object>,
): ContainerDoc {
  const container: ContainerDoc = { image: definition.image as string };
  if (definition.command) container.command = definition.command;
  if (definition.entryPoint) container.entrypoint = definition.entryPoint;
  if (definition.user) container.user = definition.user;
  if (definition.workingDirectory) container.workingDir = definition.workingDirectory;
  if (definition.environment?.length) container.env = Object.fromEntries(definition.environment.map((e) => [e.name ?? '', e.value ?? '']));
  const ports = (definition.portMappings ?? []).filter((p) => p.containerPort !== undefined);
  if (ports.length) container.ports = ports.map((p) => ({ port: p.containerPort as number, ...(p.protocol === 'udp' ? { protocol: 'udp' as const } : {}) }));
  const check = definition.healthCheck;
  if (check?.command?.length) {
    const [kind, ...rest] = check.command;
    const exec = kind === 'CMD-SHELL' ? ['/bin/sh', '-c', rest.join(' ')] : kind === 'CMD' ? rest : check.command;
    // ECS's defaults: 30 s interval, 5 s timeout, 3 retries.
    const health: HealthDoc = { exec, interval: `${check.interval ?? 30}s`, timeout: `${check.timeout ?? 5}s`, failureThreshold: check.retries ?? 3 };
    if (check.startPeriod) health.startPeriod = `${check.startPeriod}s`;
    container.health = health;
  }
  const resources: NonNullable<ContainerDoc['resources']> = {};
  if (definition.memory) resources.memory = `${definition.memory}Mi`;
  if (definition.memoryReservation || definition.cpu) {
    resources.reserve = {};
    if (definition.memoryReservation) resources.reserve.memory = `${definition.memoryReservation}Mi`;
    if (definition.cpu) resources.reserve.cpus = Math.round((definition.cpu / 1024) * 1000) / 1000;
  }
  if (Object.keys(resources).length) container.resources = resources;
  const mounts: MountDoc[] = (definition.mountPoints ?? []).map((m) => {
    const hostPath = hostPaths.get(m.sourceVolume ?? '');
    if (!hostPath) volumes[m.sourceVolume as string] = {};
    if (hostPath) {
      allow.add('host-paths');
      notes.warning(`${from}.mountPoints`, at, `mounts host path ${hostPath}: added "host-paths" to allow:, review it before you run this`);
    }
    return hostPath
      ? { hostPath, path: m.containerPath as string, ...(m.readOnly ? { readOnly: true } : {}) }
      : { name: m.sourceVolume as string, path: m.containerPath as string, ...(m.readOnly ? { readOnly: true } : {}) };
  });
  if (mounts.length) container.volumes = mounts;
  if (definition.privileged) {
    container.privileged = true;
    allow.add('privileged');
    notes.warning(`${from}.privileged`, at, 'runs privileged: added "privileged" to allow:, review it before you run this');
  }
  const add = definition.linuxParameters?.capabilities?.add;
  if (add?.length) {
    container.capAdd = add;
    allow.add('cap-add');
    notes.warning(`${from}.linuxParameters`, at, `adds capabilities ${add.join(', ')}: added "cap-add" to allow:, review it before you run this`);
  }
  const linux = (definition.linuxParameters ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(linux).filter((k) => k !== 'capabilities')) notes.notCarried(`${from}.linuxParameters.${key}`, at, `linuxParameters.${key} not carried`);
  if (definition.linuxParameters?.capabilities?.drop?.length) notes.notCarried(`${from}.linuxParameters.capabilities.drop`, at, 'dropping capabilities is not supported');
  if (definition.dependsOn?.length)
    notes.notCarried(
      `${from}.dependsOn`,
      at,
      `dependsOn (${definition.dependsOn.map((d) => `${d.containerName} ${d.condition}`).join(', ')}) not carried: start order comes with a later version`,
    );
  for (const key of Object.keys(definition)) {
    if (!CARRIED.has(key)) notes.notCarried(`${from}.${key}`, at, `${key} not carried: Flotilla has no such setting`);
  }
  return container;
}
