// Self-healing speed against the real engine: from `docker kill -s KILL` of a pod's container
// to the supervisor noticing (its die event), and to the replacement probing healthy. The
// baseline is the container's own start time (create + start until its health endpoint first
// answers 200), measured in the same run. Targets: detection under 100 ms; replacement within
// start time + one probe interval. Each kill hits a different replica, so each is a first
// crash (restarted at once; later crashes of one pod wait out the backoff by design).
//
//   npx tsx bench/heal.bench.ts

import { KUBELET_BACKOFF } from '../src/core/reconcile/backoff';
import { createDockerEngine } from '../src/engine';
import { cleanupProject, docker, eventually, TEST_IMAGE, testContainer, testService } from '../test/docker/helpers';
import { healthyContainer, startSupervisor } from '../test/docker/supervise-harness';

const REPS = 5;
const INTERVAL_MS = 1000;

interface Row {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const round = (ms: number) => Math.round(ms * 10) / 10;

/** Create + start of one pod until /healthz answers 200 through its published port. */
async function startTimes(project: string): Promise<number[]> {
  const engine = createDockerEngine();
  const network = `flotilla-${project}`;
  await engine.createNetwork(project, network);
  const app = testContainer('app', ['httpd', '-f', '-p', '8080', '-h', '/www'], { ports: [{ port: 8080, hostIp: '127.0.0.1', protocol: 'tcp' }] });
  const service = testService('base', [app], { stopGraceMs: 0 });
  const times: number[] = [];
  for (let i = 1; i <= REPS; i++) {
    const began = performance.now();
    const ids = await engine.createPod({ project, service, pod: `base-${i}`, revision: 1, network, node: 'local' });
    const port = (await engine.listProject(project)).pods.find((p) => p.name === `base-${i}`)?.containers[0]?.ports[0]?.hostPort ?? 0;
    for (;;) {
      const probe = await engine.runProbe({ kind: 'http', containerId: ids[0] as string, host: '127.0.0.1', port, path: '/healthz', timeoutMs: 1000 }, AbortSignal.timeout(1000));
      if (probe.ok) break;
      if (performance.now() - began > 30_000) throw new Error('the baseline pod never answered');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    times.push(performance.now() - began);
    await engine.removePod(ids, 0);
  }
  return times;
}

async function healTimes(project: string): Promise<{ detect: number[]; healthy: number[] }> {
  const s = startSupervisor(
    project,
    `  web:
    replicas: ${REPS}
    stopGracePeriod: 1s
    containers:
      app: { image: ${TEST_IMAGE}, command: [httpd, -f, -p, "8080", -h, /www] }
    health:
      http: { path: /healthz, port: 8080 }
      interval: ${INTERVAL_MS}ms
`,
    { backoffBaseMs: KUBELET_BACKOFF.baseMs },
  );
  const detect: number[] = [];
  const healthy: number[] = [];
  try {
    for (let i = 1; i <= REPS; i++) {
      const pod = `web-${i}`;
      const victim = await healthyContainer(s, pod, 'app', undefined, 60_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const killedAt = Date.now();
      await docker.getContainer(victim).kill({ signal: 'SIGKILL' });
      const diedAt = await eventually(
        'the die event',
        async () => s.notes.find(({ at, note }) => at >= killedAt && note.kind === 'event' && note.event.action === 'die' && note.event.containerId === victim)?.at,
        30_000,
      );
      await healthyContainer(s, pod, 'app', victim, 60_000);
      const healthyAt = s.notes.find(({ note }) => note.kind === 'health' && note.pod === pod && note.containerId !== victim && note.health.status === 'healthy')?.at as number;
      detect.push(diedAt - killedAt);
      healthy.push(healthyAt - killedAt);
    }
  } finally {
    await s.stop();
  }
  return { detect, healthy };
}

export async function run(): Promise<{ title: string; rows: Row[]; json: Record<string, unknown> }> {
  const project = `fbench-heal-${process.pid.toString(36)}`;
  try {
    const start = await startTimes(project);
    await cleanupProject(project);
    const { detect, healthy } = await healTimes(project);
    const startMs = median(start);
    const detectMs = median(detect);
    const healthyMs = median(healthy);
    const target = startMs + INTERVAL_MS;
    const rows: Row[] = [
      { name: 'container start to first healthy probe (baseline)', value: round(startMs), unit: 'ms', note: `median of ${REPS}` },
      { name: 'SIGKILL to die event seen by the supervisor', value: round(detectMs), unit: 'ms', note: `target < 100 ms; ${(detectMs / 100).toFixed(2)}x of target` },
      {
        name: 'SIGKILL to replacement healthy',
        value: round(healthyMs),
        unit: 'ms',
        note: `target <= start + one ${INTERVAL_MS} ms interval = ${round(target)} ms; ${(healthyMs / target).toFixed(2)}x of target, ${(healthyMs / startMs).toFixed(2)}x start time`,
      },
    ];
    return { title: 'Self-healing (SIGKILL of a probed pod)', rows, json: { reps: REPS, probeIntervalMs: INTERVAL_MS, startMs: start, detectMs: detect, healthyMs: healthy } };
  } finally {
    await cleanupProject(project);
  }
}

if (require.main === module) {
  run().then(
    ({ title, rows, json }) => {
      console.log(title);
      for (const row of rows) console.log(`  ${row.name}: ${row.value} ${row.unit}${row.note ? `  (${row.note})` : ''}`);
      console.log(JSON.stringify(json));
    },
    (error: Error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
