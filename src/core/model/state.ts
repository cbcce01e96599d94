// Desired state (what the manifest asks for, normalised) and observed state (what the engine
// has, read from labelled objects). computePlan compares the two.

// The manifest's words for these settings: defined here, below the manifest folder, which
// imports this model (manifest/types.ts re-exports them for the manifest's own shape).
/** Host-level powers a manifest can allow its containers. */
export const ALLOW_KEYS = ['privileged', 'host-network', 'host-pid', 'cap-add', 'devices', 'docker-socket', 'host-paths', 'public-ports'] as const;
export type AllowKey = (typeof ALLOW_KEYS)[number];
export type RestartPolicy = 'always' | 'on-failure' | 'never';
export type Placement = 'spread' | 'binpack';
export type DeployStrategy = 'blue-green' | 'rolling';

export interface DesiredState {
  project: string;
  /** Folder of the manifest: host paths resolve against it. */
  manifestDir: string;
  network: string;
  volumes: DesiredVolume[];
  services: DesiredService[];
  allow: AllowKey[];
}

export interface DesiredVolume {
  /** As written in the manifest. */
  name: string;
  /** As created on the engine (project-prefixed). */
  engineName: string;
  labels: Record<string, string>;
}

export interface DesiredService {
  name: string;
  replicas: number;
  /** Hash of everything baked into the containers; unchanged hash = nothing to recreate. */
  specHash: string;
  /** First one owns the pod's network namespace; the others join it. */
  containers: DesiredContainer[];
  restart: RestartPolicy;
  stopGraceMs: number;
  hostNetwork: boolean;
  hostPid: boolean;
  expose?: { port: number; hostPort?: number; hostIp: string; balance: 'round-robin' | 'least-connections' };
  deploy: DesiredDeploy;
  autoscale?: DesiredAutoscale;
  placement: Placement;
}

export interface DesiredContainer {
  name: string;
  image: string;
  command?: string[];
  entrypoint?: string[];
  workingDir?: string;
  user?: string;
  env: Record<string, string>;
  /** Published ports; the service's expose port is here too, on an ephemeral 127.0.0.1 port. */
  ports: DesiredPort[];
  nanoCpus?: number;
  memoryBytes?: number;
  reserveNanoCpus?: number;
  reserveMemoryBytes?: number;
  mounts: DesiredMount[];
  probe?: ProbeSpec;
  privileged: boolean;
  capAdd: string[];
  devices: string[];
  stopSignal?: string;
}

export interface DesiredPort {
  port: number;
  /** Undefined: an ephemeral port chosen by the engine. */
  hostPort?: number;
  hostIp: string;
  protocol: 'tcp' | 'udp';
}

export type DesiredMount =
  { kind: 'volume'; volume: string; engineName: string; target: string; readOnly: boolean } | { kind: 'bind'; source: string; target: string; readOnly: boolean };

export interface ProbeSpec {
  check: { kind: 'http'; path: string; port: number } | { kind: 'tcp'; port: number } | { kind: 'exec'; command: string[] };
  intervalMs: number;
  timeoutMs: number;
  failureThreshold: number;
  successThreshold: number;
  startPeriodMs: number;
}

/** What Flotilla's own probes found for one container (issue 4); shown in the CLI and the editor. */
export interface ContainerHealth {
  status: 'starting' | 'healthy' | 'unhealthy';
  /** Failed probes in a row (0 while passing). */
  failingStreak: number;
  lastProbe?: { at: number; ok: boolean; latencyMs: number; output: string };
  /** Passed probes in a row (0 while failing). */
  passingStreak?: number;
  /** When the status last changed (or probing began). */
  since?: number;
}

export interface DesiredDeploy {
  strategy: DeployStrategy;
  maxSurge: number | string;
  maxUnavailable: number | string;
  minHealthyTimeMs: number;
  healthyDeadlineMs: number;
  drainTimeoutMs: number;
  autoRollback: boolean;
  history: number;
}

export interface DesiredAutoscale {
  min: number;
  max: number;
  cpu?: number;
  memory?: number;
  schedule: { cron: string; min?: number; max?: number }[];
}

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

export interface ObservedPort {
  containerPort: number;
  hostIp: string;
  hostPort: number;
  protocol: 'tcp' | 'udp';
}

export interface ObservedContainer {
  id: string;
  /** Engine name, e.g. shop-web-1-app. */
  engineName: string;
  service: string;
  pod: string;
  /** Name in the manifest, e.g. app. */
  container: string;
  revision: number;
  specHash: string;
  node: string;
  image: string;
  state: ContainerState;
  /** Engine's human status, e.g. "Up 3 minutes", "Exited (1) 2 seconds ago". */
  status: string;
  exitCode?: number;
  /** Milliseconds since the epoch. */
  createdAt: number;
  ports: ObservedPort[];
  /**
   * The container's IPv4 address on its network as the engine lists it (none for host
   * networking or a container joined to another's namespace), and whether this host can connect
   * to it directly (a local engine on Linux: see bridgeReachable in serving/traffic.ts).
   */
  bridgeAddress?: { ip: string; reachable: boolean };
  /** Engine-side health, when the image defines a HEALTHCHECK. */
  engineHealth?: 'starting' | 'healthy' | 'unhealthy';
  /** Flotilla's own probe health, filled in by a running supervisor (never by the engine list). */
  health?: ContainerHealth;
}

export interface ObservedPod {
  name: string;
  service: string;
  revision: number;
  specHash: string;
  node: string;
  /** In creation order; the first is the namespace owner. */
  containers: ObservedContainer[];
}

export interface ObservedState {
  project: string;
  pods: ObservedPod[];
  /** Engine names of the project's networks. */
  networks: string[];
  /** Engine names of the project's volumes. */
  volumes: string[];
}

export function emptyObserved(project: string): ObservedState {
  return { project, pods: [], networks: [], volumes: [] };
}
