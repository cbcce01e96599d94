// Fields that hand the host to a container are warned about in the editor, and `up` refuses
// them unless the manifest's `allow:` names them (shared/DESIGN.md, Security).

import * as path from 'node:path';
import type { Diagnostic } from '../model/diagnostics';
import type { DiagnosticSink } from './semantic';
import type { AllowKey, ManifestDoc } from './types';
import { isLoopback, parseHostAddress } from './addresses';

const DOCKER_SOCKETS = ['/var/run/docker.sock', '/run/docker.sock'];

export function resolveHostPath(manifestDir: string, hostPath: string): string {
  return path.resolve(manifestDir, hostPath);
}

export function checkSecurity(doc: ManifestDoc, sink: DiagnosticSink, workspaceDir: string, manifestDir: string): void {
  const allowed = new Set<AllowKey>(doc.allow ?? []);
  const flag = (key: AllowKey, at: (string | number)[], what: string) => {
    if (allowed.has(key)) return;
    sink.add('warning', `security/${key}`, at, `${what}; Flotilla will not start it unless the manifest says "allow: [${key}]"`);
  };
  for (const [service, spec] of Object.entries(doc.services)) {
    const base = ['services', service];
    if (spec.hostNetwork) flag('host-network', [...base, 'hostNetwork'], `${service} shares the host's network namespace`);
    if (spec.hostPid) flag('host-pid', [...base, 'hostPid'], `${service} can see and signal every process on the host`);
    if (isPublic(spec.expose?.hostIp)) flag('public-ports', [...base, 'expose', 'hostIp'], `${service}'s port is reachable from other machines on ${spec.expose?.hostIp}`);
    for (const [container, c] of Object.entries(spec.containers)) {
      const at = [...base, 'containers', container];
      if (c.privileged) flag('privileged', [...at, 'privileged'], `${container} runs privileged, with full access to the host`);
      if ((c.capAdd ?? []).length > 0) flag('cap-add', [...at, 'capAdd'], `${container} adds kernel capabilities (${(c.capAdd ?? []).join(', ')})`);
      if ((c.devices ?? []).length > 0) flag('devices', [...at, 'devices'], `${container} gets host devices (${(c.devices ?? []).join(', ')})`);
      (c.ports ?? []).forEach((port, i) => {
        if (isPublic(port.hostIp)) flag('public-ports', [...at, 'ports', i, 'hostIp'], `port ${port.port} of ${container} is reachable from other machines on ${port.hostIp}`);
      });
      (c.volumes ?? []).forEach((mount, i) => {
        if (!('hostPath' in mount)) return;
        const source = resolveHostPath(manifestDir, mount.hostPath);
        const mountAt = [...at, 'volumes', i, 'hostPath'];
        if (DOCKER_SOCKETS.includes(source)) {
          flag('docker-socket', mountAt, `${container} mounts the Docker socket, which controls the whole host`);
        } else if (!isInside(workspaceDir, source)) {
          flag('host-paths', mountAt, `${container} mounts ${source}, outside the workspace`);
        }
      });
    }
  }
}

/**
 * Any address other than loopback (IPv4 or IPv6, wildcard or one interface's) lets other machines
 * connect. Left out, hostIp is 127.0.0.1; text that is no address is an error of its own (semantic.ts).
 */
function isPublic(hostIp: string | undefined): boolean {
  const address = hostIp === undefined ? undefined : parseHostAddress(hostIp);
  return address !== undefined && !isLoopback(address);
}

function isInside(dir: string, target: string): boolean {
  const relative = path.relative(dir, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The security warnings that stop `up` (those not covered by `allow:`). */
export function refusedBySecurity(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.code.startsWith('security/'));
}
