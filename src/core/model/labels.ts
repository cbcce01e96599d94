// Identity of everything Flotilla creates on an engine. The engine is the source of truth:
// these labels are how Flotilla finds (adopts) its objects after a restart, and how it keeps
// away from objects of other projects.

export const LABEL = {
  project: 'flotilla.project',
  service: 'flotilla.service',
  pod: 'flotilla.pod',
  container: 'flotilla.container',
  revision: 'flotilla.revision',
  specHash: 'flotilla.spec-hash',
  node: 'flotilla.node',
  /** Name of the volume as written in the manifest (the engine name carries the project prefix). */
  volume: 'flotilla.volume',
} as const;

/** Names a person writes in a manifest; nothing matching it can be read as a CLI option. */
export const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

export function networkName(project: string): string {
  return `flotilla-${project}`;
}

export function volumeEngineName(project: string, volume: string): string {
  return `flotilla-${project}-${volume}`;
}

export function podName(service: string, ordinal: number): string {
  return `${service}-${ordinal}`;
}

/** Ordinal of a pod name made by podName, or undefined for a name that is not ours. */
export function podOrdinal(service: string, pod: string): number | undefined {
  if (!pod.startsWith(`${service}-`)) return undefined;
  const rest = pod.slice(service.length + 1);
  return /^[1-9][0-9]*$/.test(rest) ? Number(rest) : undefined;
}

export function containerEngineName(project: string, pod: string, container: string): string {
  return `${project}-${pod}-${container}`;
}
