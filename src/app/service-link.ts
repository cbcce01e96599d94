// Where a browser reaches a service: its service port (expose.hostPort) while a supervisor
// serves it, else one running replica's own published port for expose.port. Pure, so the
// editor's Open in Browser and anything else that shows a link choose the same address.

import { serviceUrl } from '../core/serving/router';
import type { DesiredService, ObservedPod } from '../core/model/state';

export type ServiceLink = { url: string; via: 'service-port' } | { url: string; via: 'pod'; pod: string; why: string } | { refused: string };

/** A wildcard binding (0.0.0.0, ::, or the engine's empty address) is reached on loopback. */
function reachable(host: string): string {
  return host === '' || host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
}

export function serviceLink(service: DesiredService, pods: readonly ObservedPod[], served: boolean): ServiceLink {
  const expose = service.expose;
  if (!expose) return { refused: `${service.name} exposes no port: add "expose: { port: N, hostPort: N }" to it in the manifest.` };
  if (expose.hostPort !== undefined && served) return { url: `${serviceUrl({ host: reachable(expose.hostIp), port: expose.hostPort })}/`, via: 'service-port' };
  for (const pod of pods.filter((p) => p.service === service.name).sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }))) {
    if (!pod.containers.every((c) => c.state === 'running')) continue;
    const published = pod.containers.flatMap((c) => c.ports).find((p) => p.containerPort === expose.port && p.hostPort !== undefined && p.protocol === 'tcp');
    if (!published?.hostPort) continue;
    const why = expose.hostPort === undefined ? `${service.name} has no hostPort` : `no supervisor serves port ${expose.hostPort} (Up starts one)`;
    return { url: `${serviceUrl({ host: reachable(published.hostIp), port: published.hostPort })}/`, via: 'pod', pod: pod.name, why };
  }
  return { refused: `${service.name} has no running pod that publishes port ${expose.port}: run "Flotilla: Up" first.` };
}
