// Timing settings that are each valid alone but contradict each other: mistakes users make and
// that show only much later (a probe that is still running when the next is due, a deploy
// judged before its pods may fail a probe). Warnings, on the field to change.

import { parseDuration } from '../model/units';
import { DEFAULTS } from './expand';
import type { DiagnosticSink } from './semantic';
import type { PathSegment } from './source';
import type { ManifestDoc } from './types';

export function checkTiming(doc: ManifestDoc, sink: DiagnosticSink): void {
  for (const [service, spec] of Object.entries(doc.services)) {
    const health = spec.health;
    if (!health) continue;
    const at: PathSegment[] = ['services', service, 'health'];
    const interval = ms(health.interval, DEFAULTS.probe.interval);
    const timeout = ms(health.timeout, DEFAULTS.probe.timeout);
    if (interval !== undefined && timeout !== undefined && timeout >= interval) {
      const where = health.timeout !== undefined ? 'timeout' : 'interval';
      sink.add(
        'warning',
        'probe-timing',
        [...at, where],
        `The probe's timeout (${shown(health.timeout, DEFAULTS.probe.timeout)}) is not shorter than its interval (${shown(health.interval, DEFAULTS.probe.interval)}): a probe that hangs is still running when the next one is due, so failures are seen late; make timeout shorter than interval`,
      );
    }
    const startPeriod = ms(health.startPeriod, DEFAULTS.probe.startPeriod);
    const deadline = ms(spec.deploy?.healthyDeadline, DEFAULTS.deploy.healthyDeadline);
    if (startPeriod !== undefined && deadline !== undefined && startPeriod > deadline) {
      sink.add(
        'warning',
        'start-period-deadline',
        [...at, 'startPeriod'],
        `startPeriod (${shown(health.startPeriod, DEFAULTS.probe.startPeriod)}) is longer than deploy.healthyDeadline (${shown(spec.deploy?.healthyDeadline, DEFAULTS.deploy.healthyDeadline)}): a deploy is judged before a new pod's failed probes even count, and a slow start is rolled back; make startPeriod shorter than healthyDeadline`,
      );
    }
  }
}

function ms(text: string | undefined, fallback: string): number | undefined {
  return parseDuration(text ?? fallback);
}

function shown(text: string | undefined, fallback: string): string {
  return text === undefined ? `${fallback}, the default` : text;
}
