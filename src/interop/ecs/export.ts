// `flotilla export ecs`, the pure part: per service a task definition (networkMode awsvpc, the
// pod's containers, the first one essential) and a service (desiredCount, rolling percentages,
// the deployment circuit breaker for autoRollback, placement spread or binpack). Typed with
// @aws-sdk/client-ecs (types only). What ECS has no counterpart for is reported.

import type { ContainerDefinition, CreateServiceRequest, HealthCheck, RegisterTaskDefinitionRequest, Volume } from '@aws-sdk/client-ecs';
import type { ContainerDoc, HealthDoc, ManifestDoc, ServiceDoc } from '../../core/manifest/types';
import { parseCpus, parseDuration, parseMemory } from '../../core/model/units';

export interface EcsNote {
  at: string;
  message: string;
}

export interface EcsService {
  name: string;
  taskDefinition: RegisterTaskDefinitionRequest;
  service: CreateServiceRequest;
}

const MIB = 1024 * 1024;
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const seconds = (duration: string | undefined, fallback: number) => Math.round((duration ? (parseDuration(duration) ?? fallback * 1000) : fallback * 1000) / 1000);

export function exportEcs(doc: ManifestDoc, project: string): { services: EcsService[]; notes: EcsNote[] } {
  const notes: EcsNote[] = [];
  const services = Object.entries(doc.services).map(([name, service]) => exportService(name, service, project, doc, notes));
  if (services.length > 1)
    notes.push({ at: 'services', message: 'services reach each other by name in Flotilla; in ECS that needs Service Connect or Cloud Map service discovery' });
  if (doc.allow?.length)
    notes.push({ at: 'allow', message: `allow: ${doc.allow.join(', ')} has no ECS field: privileged and capabilities are carried, IAM and the launch type decide the rest` });
  return { services, notes };
}

function exportService(name: string, service: ServiceDoc, project: string, doc: ManifestDoc, notes: EcsNote[]): EcsService {
  const at = `services.${name}`;
  const family = `${project}-${name}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 255);
  const volumes = new Map<string, Volume>();
  const containerDefinitions = Object.entries(service.containers).map(([containerName, spec], index) =>
    container(containerName, spec, index === 0 ? (spec.health ?? service.health) : spec.health, index, service, `${at}.containers.${containerName}`, volumes, notes),
  );
  for (const [volume] of Object.entries(doc.volumes ?? {})) {
    if (![...volumes.keys()].includes(volume)) continue;
    volumes.set(volume, { name: volume, dockerVolumeConfiguration: { scope: 'shared', autoprovision: true, driver: 'local' } });
  }
  const taskDefinition: RegisterTaskDefinitionRequest = {
    family,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['EC2'],
    containerDefinitions,
    ...(volumes.size ? { volumes: [...volumes.values()] } : {}),
  };
  const replicas = service.replicas ?? service.autoscale?.min ?? 1;
  const strategy = service.deploy?.strategy ?? 'rolling';
  const percent = (value: number | string | undefined, fallback: string) => {
    const text = String(value ?? fallback);
    return text.endsWith('%') ? parseFloat(text) : Math.ceil((Number(text) / Math.max(1, replicas)) * 100);
  };
  const maximumPercent = strategy === 'blue-green' ? 200 : 100 + Math.max(0, percent(service.deploy?.maxSurge, '25%'));
  const minimumHealthyPercent = strategy === 'blue-green' ? 100 : Math.max(0, 100 - percent(service.deploy?.maxUnavailable, '25%'));
  if (strategy === 'blue-green')
    notes.push({
      at: `${at}.deploy.strategy`,
      message: 'blue-green became a rolling deployment at 200%/100% (the whole new set starts first); an atomic switch needs the CODE_DEPLOY controller and a load balancer',
    });
  const serviceRequest: CreateServiceRequest = {
    serviceName: name,
    taskDefinition: family,
    desiredCount: replicas,
    launchType: 'EC2',
    deploymentConfiguration: {
      maximumPercent: Math.round(maximumPercent),
      minimumHealthyPercent: Math.round(minimumHealthyPercent),
      deploymentCircuitBreaker: { enable: true, rollback: service.deploy?.autoRollback ?? true },
    },
    placementStrategy:
      service.placement === 'binpack'
        ? [{ type: 'binpack', field: 'memory' }]
        : [
            { type: 'spread', field: 'attribute:ecs.availability-zone' },
            { type: 'spread', field: 'instanceId' },
          ],
    networkConfiguration: { awsvpcConfiguration: { subnets: [], assignPublicIp: 'DISABLED' } },
  };
  notes.push({ at, message: 'networkConfiguration.awsvpcConfiguration.subnets is empty: fill in your subnets (and security groups)' });
  if (service.expose) notes.push({ at: `${at}.expose`, message: `port ${service.expose.port} is balanced by a load balancer in ECS: add a target group under loadBalancers` });
  if (service.autoscale) notes.push({ at: `${at}.autoscale`, message: 'autoscale is an Application Auto Scaling target and policy in ECS, not part of the service: not exported' });
  if (service.restart && service.restart !== 'always')
    notes.push({ at: `${at}.restart`, message: `restart: ${service.restart}: an ECS service always replaces stopped tasks (a standalone task runs once)` });
  if (service.hostNetwork || service.hostPid)
    notes.push({ at, message: 'hostNetwork and hostPid: awsvpc gives each task its own network; use networkMode host and pidMode host on EC2 if you must' });
  return { name, taskDefinition, service: serviceRequest };
}

function container(
  name: string,
  spec: ContainerDoc,
  health: HealthDoc | undefined,
  index: number,
  service: ServiceDoc,
  at: string,
  volumes: Map<string, Volume>,
  notes: EcsNote[],
): ContainerDefinition {
  const definition: ContainerDefinition = { name, image: spec.image, essential: index === 0 };
  if (index > 0) notes.push({ at, message: 'a sidecar is not essential, and ECS does not restart a stopped non-essential container (Flotilla does)' });
  if (spec.command) definition.command = spec.command;
  if (spec.entrypoint) definition.entryPoint = spec.entrypoint;
  if (spec.user) definition.user = spec.user;
  if (spec.workingDir) definition.workingDirectory = spec.workingDir;
  if (spec.env) definition.environment = Object.entries(spec.env).map(([key, value]) => ({ name: key, value: String(value) }));
  // The exposed port first: an import reads the first mapping as the service port.
  const ports = new Set<number>([...(index === 0 && service.expose ? [service.expose.port] : []), ...(spec.ports?.map((p) => p.port) ?? [])]);
  if (ports.size)
    definition.portMappings = [...ports].map((port) => ({ containerPort: port, protocol: spec.ports?.find((p) => p.port === port)?.protocol === 'udp' ? 'udp' : 'tcp' }));
  const resources = spec.resources;
  if (resources?.memory !== undefined) definition.memory = Math.ceil((parseMemory(resources.memory) ?? 0) / MIB);
  if (resources?.reserve?.memory !== undefined) definition.memoryReservation = Math.ceil((parseMemory(resources.reserve.memory) ?? 0) / MIB);
  const cpus = resources?.reserve?.cpus ?? resources?.cpus;
  if (cpus !== undefined) definition.cpu = Math.round((parseCpus(cpus) ?? 0) * 1024);
  if (resources?.cpus !== undefined) notes.push({ at: `${at}.resources.cpus`, message: 'ECS container cpu is a share (reservation), not a hard limit' });
  if (health) definition.healthCheck = healthCheck(health, at, notes);
  if (spec.privileged) definition.privileged = true;
  if (spec.capAdd?.length) definition.linuxParameters = { capabilities: { add: spec.capAdd } };
  if (spec.stopSignal) notes.push({ at: `${at}.stopSignal`, message: 'ECS sends SIGTERM: set STOPSIGNAL in the image' });
  if (service.stopGracePeriod) definition.stopTimeout = clamp(seconds(service.stopGracePeriod, 30), 2, 120);
  if (spec.volumes) {
    definition.mountPoints = spec.volumes.map((mount) => {
      const source = 'name' in mount ? mount.name : `host-${mount.hostPath.replace(/[^A-Za-z0-9_-]/g, '-')}`;
      if ('name' in mount) volumes.set(source, { name: source });
      else {
        volumes.set(source, { name: source, host: { sourcePath: mount.hostPath } });
        notes.push({ at: `${at}.volumes`, message: `host path ${mount.hostPath} is a path on the container instance (EC2 only)` });
      }
      return { sourceVolume: source, containerPath: mount.path, readOnly: mount.readOnly ?? false };
    });
  }
  return definition;
}

/** ECS runs health checks inside the container: http and tcp become shell commands. */
function healthCheck(health: HealthDoc, at: string, notes: EcsNote[]): HealthCheck {
  let command: string[];
  if (health.exec) command = ['CMD', ...health.exec];
  else if (health.http) command = ['CMD-SHELL', `wget -q -O /dev/null http://localhost:${health.http.port}${health.http.path ?? '/'} || exit 1`];
  else command = ['CMD-SHELL', `nc -z localhost ${health.tcp?.port} || exit 1`];
  if (!health.exec)
    notes.push({
      at: `${at}.health`,
      message: `the ${health.http ? 'http' : 'tcp'} probe became a command run inside the container (${health.http ? 'wget' : 'nc'} must be in the image)`,
    });
  const interval = seconds(health.interval, 10);
  const timeout = seconds(health.timeout, 1);
  if (interval < 5 || timeout < 2) notes.push({ at: `${at}.health`, message: 'ECS health checks run every 5-300 s with a 2-60 s timeout: the timing was clamped' });
  return {
    command,
    interval: clamp(interval, 5, 300),
    timeout: clamp(timeout, 2, 60),
    retries: clamp(health.failureThreshold ?? 3, 1, 10),
    startPeriod: clamp(seconds(health.startPeriod, 0), 0, 300),
  };
}
