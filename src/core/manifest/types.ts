// The manifest as written (version 1), after schema validation. Optional fields are filled in
// by expand() (../desired.ts); schemas/flotilla.schema.json is the normative description, with
// every default, and this file must stay in step with it.

import { ALLOW_KEYS, type AllowKey, type DeployStrategy, type Placement, type RestartPolicy } from '../model/state';

export { ALLOW_KEYS, type AllowKey, type DeployStrategy, type Placement, type RestartPolicy };

export type Duration = string; // "10s", "500ms", "2m", "1h"
export type Memory = string | number; // "128Mi", "1G", bytes
export type Cpus = string | number; // 0.5, "500m"
export type IntOrPercent = number | string; // 1, "25%"

export interface ManifestDoc {
  version: 1;
  /** Default: the name of the folder holding the manifest. */
  project?: string;
  nodes?: NodeDoc[];
  services: Record<string, ServiceDoc>;
  volumes?: Record<string, VolumeDoc>;
  /** Host-level powers this manifest is allowed to hand to containers. */
  allow?: AllowKey[];
}

export interface NodeDoc {
  name: string;
  /** DOCKER_HOST form: unix:///var/run/docker.sock, tcp://host:2375, ssh://user@host. */
  engine?: string;
  capacity?: { cpus?: Cpus; memory?: Memory };
}

export interface ServiceDoc {
  replicas?: number;
  /** One pod = these containers, in order; the first owns the pod's network namespace. */
  containers: Record<string, ContainerDoc>;
  expose?: ExposeDoc;
  /** Pod-level probe, run against the first container. */
  health?: HealthDoc;
  restart?: RestartPolicy;
  stopGracePeriod?: Duration;
  hostNetwork?: boolean;
  hostPid?: boolean;
  deploy?: DeployDoc;
  autoscale?: AutoscaleDoc;
  placement?: Placement;
}

export interface ContainerDoc {
  image: string;
  command?: string[];
  entrypoint?: string[];
  workingDir?: string;
  user?: string;
  env?: Record<string, string | number | boolean>;
  ports?: PortDoc[];
  resources?: ResourcesDoc;
  volumes?: MountDoc[];
  health?: HealthDoc;
  privileged?: boolean;
  capAdd?: string[];
  devices?: string[];
  stopSignal?: string;
}

/** A port published straight from this container (one replica only when hostPort is fixed). */
export interface PortDoc {
  port: number;
  hostPort?: number;
  /** Default 127.0.0.1. */
  hostIp?: string;
  protocol?: 'tcp' | 'udp';
}

export interface ResourcesDoc {
  cpus?: Cpus;
  memory?: Memory;
  reserve?: { cpus?: Cpus; memory?: Memory };
}

export type MountDoc = NamedVolumeMountDoc | HostPathMountDoc;
export interface NamedVolumeMountDoc {
  name: string;
  path: string;
  readOnly?: boolean;
}
/** A bind mount; relative paths are relative to the manifest's folder. */
export interface HostPathMountDoc {
  hostPath: string;
  path: string;
  readOnly?: boolean;
}

/** A load-balanced service port on the host, in front of the healthy replicas. */
export interface ExposeDoc {
  port: number;
  hostPort?: number;
  /** Default 127.0.0.1. */
  hostIp?: string;
  balance?: 'round-robin' | 'least-connections';
}

export interface HealthDoc {
  http?: { path?: string; port: number };
  tcp?: { port: number };
  exec?: string[];
  interval?: Duration;
  timeout?: Duration;
  failureThreshold?: number;
  successThreshold?: number;
  startPeriod?: Duration;
}

export interface DeployDoc {
  strategy?: DeployStrategy;
  maxSurge?: IntOrPercent;
  maxUnavailable?: IntOrPercent;
  minHealthyTime?: Duration;
  healthyDeadline?: Duration;
  drainTimeout?: Duration;
  autoRollback?: boolean;
  /** Revisions kept for rollback. */
  history?: number;
}

export interface AutoscaleDoc {
  min: number;
  max: number;
  cpu?: string | number;
  memory?: string | number;
  schedule?: { cron: string; min?: number; max?: number }[];
}

export interface VolumeDoc {
  labels?: Record<string, string>;
}
