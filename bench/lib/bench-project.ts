// The project every engine benchmark brings up, written once for Flotilla and once for
// docker-compose: N pods of two containers sharing localhost (compose: network_mode
// service:X), local images, the same stop grace period. Containers exit promptly on SIGTERM,
// so `down` measures the engine's work rather than a grace period running out; with
// `ignoreSigterm` they run as many real images do (busybox httpd and a shell loop as PID 1),
// and only the kill at the end of the grace period stops them.

import { LABEL } from '../../src/core/model/labels';

export const BENCH_IMAGE = 'flotilla-test/busybox:1';
export const STOP_GRACE_S = 5;
/** PID 1 ignores SIGTERM unless it traps it; `wait` returns at once on the signal. */
const COMMAND = ['sh', '-c', 'trap "exit 0" TERM; sleep 3600 & wait'];
const IGNORING_SIGTERM = { main: ['httpd', '-f', '-p', '8080', '-h', '/www'], side: ['sh', '-c', 'while true; do sleep 1; done'] };

export interface BenchProjectShape {
  project: string;
  pods: number;
  /** Processes that ignore SIGTERM, and this grace period (default STOP_GRACE_S). */
  ignoreSigterm?: { graceS: number };
}

function shapeOf({ ignoreSigterm }: BenchProjectShape) {
  const command = (container: 'main' | 'side') => JSON.stringify(ignoreSigterm ? IGNORING_SIGTERM[container] : COMMAND);
  return { main: command('main'), side: command('side'), grace: ignoreSigterm?.graceS ?? STOP_GRACE_S };
}

const podService = (i: number) => `pod${String(i).padStart(2, '0')}`;

export function flotillaManifest(shape: BenchProjectShape): string {
  const { project, pods } = shape;
  const { main, side, grace } = shapeOf(shape);
  const services = Array.from(
    { length: pods },
    (_, i) => `  ${podService(i + 1)}:
    stopGracePeriod: ${grace}s
    containers:
      main:
        image: ${BENCH_IMAGE}
        command: ${main}
      side:
        image: ${BENCH_IMAGE}
        command: ${side}
`,
  ).join('');
  return `version: 1\nproject: ${project}\nservices:\n${services}`;
}

/** Compose labels carry the same pod identity, so per-pod ready times are read the same way. */
export function composeFile(shape: BenchProjectShape): string {
  const { project, pods } = shape;
  const { main, side, grace } = shapeOf(shape);
  const labels = (pod: string, container: string) =>
    `    labels:\n      ${LABEL.project}: "${project}"\n      ${LABEL.service}: "${pod}"\n      ${LABEL.pod}: "${pod}-1"\n      ${LABEL.container}: "${container}"\n`;
  const services = Array.from({ length: pods }, (_, i) => {
    const pod = podService(i + 1);
    return `  ${pod}-main:
    image: ${BENCH_IMAGE}
    command: ${main}
    stop_grace_period: ${grace}s
${labels(pod, 'main')}  ${pod}-side:
    image: ${BENCH_IMAGE}
    command: ${side}
    stop_grace_period: ${grace}s
    network_mode: "service:${pod}-main"
${labels(pod, 'side')}`;
  }).join('');
  return `version: "2.4"\nservices:\n${services}networks:\n  default:\n    labels:\n      ${LABEL.project}: "${project}"\n`;
}
