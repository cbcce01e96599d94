// References between parts of a compose file that the schema cannot check: network_mode
// service:x and depends_on must name services (without cycles), volumes must be declared.

import type { Diagnostic } from '../../core/model/diagnostics';
import { didYouMean } from '../../core/manifest/did-you-mean';
import type { PathSegment } from '../../core/manifest/source';

type Dict = Record<string, unknown>;
type Report = (severity: Diagnostic['severity'], code: string, where: PathSegment[], message: string, prefer?: 'key' | 'value') => void;

export function checkReferences(compose: Dict, report: Report): void {
  const services = (compose.services ?? {}) as Record<string, Dict>;
  const names = Object.keys(services);
  const declaredVolumes = Object.keys((compose.volumes ?? {}) as Dict);
  for (const [name, service] of Object.entries(services)) {
    if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name))
      report(
        'error',
        'service-name',
        ['services', name],
        `Service name "${name}" must start with a letter or digit in Flotilla (it names containers and DNS aliases): rename it`,
        'key',
      );
    const mode = service.network_mode;
    if (typeof mode === 'string' && mode.startsWith('service:')) {
      const target = mode.slice('service:'.length);
      if (!names.includes(target))
        report(
          'error',
          'unknown-service',
          ['services', name, 'network_mode'],
          `network_mode names service "${target}", which this file does not define${didYouMean(target, names)}`,
        );
      else if (loops(services, name))
        report(
          'error',
          'network-cycle',
          ['services', name, 'network_mode'],
          `network_mode of ${name} leads back to ${name}: services cannot share each other's network in a circle`,
        );
    }
    const dependsOn = service.depends_on;
    const dependencies = Array.isArray(dependsOn) ? dependsOn.map(String) : Object.keys((dependsOn ?? {}) as Dict);
    dependencies.forEach((dependency, i) => {
      if (names.includes(dependency)) return;
      const where = Array.isArray(dependsOn) ? ['services', name, 'depends_on', i] : ['services', name, 'depends_on', dependency];
      report('error', 'unknown-service', where, `depends_on names service "${dependency}", which this file does not define${didYouMean(dependency, names)}`);
    });
    ((service.volumes ?? []) as unknown[]).forEach((entry, i) => {
      const source = typeof entry === 'string' ? (entry.includes(':') ? entry.split(':')[0] : undefined) : (entry as Dict).type === 'volume' ? (entry as Dict).source : undefined;
      if (typeof source !== 'string' || /^(\.|\/|~|[A-Za-z]:[\\/])/.test(source) || declaredVolumes.includes(source)) return;
      report('error', 'undefined-volume', ['services', name, 'volumes', i], `Volume "${source}" is not declared under the top-level volumes${didYouMean(source, declaredVolumes)}`);
    });
  }
}

function loops(services: Record<string, Dict>, start: string): boolean {
  let current = start;
  for (let step = 0; step <= Object.keys(services).length; step++) {
    const mode = services[current]?.network_mode;
    if (typeof mode !== 'string' || !mode.startsWith('service:')) return false;
    current = mode.slice('service:'.length);
    if (current === start) return true;
  }
  return true;
}
