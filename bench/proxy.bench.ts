// Service proxy benchmark on the real engine. One busybox httpd replica; requests per second and
// p50/p99 latency through the proxy against the same replica on its published port, measured
// in the same run, interleaved (the order rotates each round), medians of the rounds. Then
// the latency through the proxy during a blue-green deploy against steady state just before.
// Load comes from a second process (bench/load-child.ts); all traffic stays on 127.0.0.1; every run is
// bounded in time. Run alone: node --import tsx bench/proxy.bench.ts
import { spawn } from 'node:child_process';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { systemClock } from '../src/core/ports/clock';
import { deployService, type DeployContext } from '../src/core/rollout/deploy';
import { RunningHealth } from '../src/core/rollout/health-source';
import { emptyRevisions, type RevisionsFile } from '../src/core/rollout/revisions';
import type { DesiredService, DesiredState, ObservedPod } from '../src/core/model/state';
import { podBackend, type TrafficBackend } from '../src/core/serving/traffic';
import { createDockerEngine } from '../src/engine';
import { ServicePorts, ServiceProxy } from '../src/proxy';
import { freePort } from '../test/net';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ROUND_SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const IMAGES = ['flotilla-test/busybox:1', 'flotilla-test/busybox:2'];

interface LoadResult {
  samples: [number, number][];
  elapsedS: number;
  errors: number;
  non2xx: number;
  /** The load process's CPU time over its wall time (1 = one core). */
  cpuShare: number;
}

function load(url: string, seconds: number): { stop: () => void; done: Promise<LoadResult> } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'load-child.ts'), url, String(CONNECTIONS), String(seconds)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  const killer = setTimeout(() => child.kill('SIGKILL'), (seconds + 30) * 1000);
  const done = new Promise<LoadResult>((resolve, reject) =>
    // 'close', not 'exit': only then has all of its output been read.
    child.on('close', (code) => {
      clearTimeout(killer);
      if (code !== 0) return reject(new Error(`load process ended with ${String(code)}`));
      try {
        resolve(JSON.parse(stdout) as LoadResult);
      } catch (error) {
        reject(new Error(`load process output unreadable (${stdout.length} characters): ${(error as Error).message}`));
      }
    }),
  );
  return { stop: () => child.stdin.end(), done };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function summarise(samples: [number, number][], seconds: number, cpuShare = NaN) {
  const latencies = samples.map(([, l]) => l).sort((a, b) => a - b);
  return { rps: samples.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), count: samples.length, cpuShare };
}

type Target = 'direct' | 'proxy' | 'containerIp' | 'proxyViaPublished';

/** The replica's published 127.0.0.1 port: what "direct" means in issue 5, whatever podBackend picks. */
function publishedBackend(pod: ObservedPod, port: number): TrafficBackend {
  const owner = pod.containers[0];
  const binding = owner?.ports.find((p) => p.containerPort === port && p.protocol === 'tcp');
  if (!binding) throw new Error(`the replica publishes no port for ${port}`);
  return { pod: pod.name, host: '127.0.0.1', port: binding.hostPort };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const round = (n: number, digits = 3) => Number(n.toFixed(digits));

function service(project: string, image: string, hostPort: number): DesiredService {
  return {
    name: 'web',
    replicas: 1,
    specHash: `bench-${image}`,
    containers: [
      {
        name: 'app',
        image,
        command: ['httpd', '-f', '-p', '8080', '-h', '/www'],
        env: {},
        ports: [{ port: 8080, hostIp: '127.0.0.1', protocol: 'tcp' }],
        mounts: [],
        privileged: false,
        capAdd: [],
        devices: [],
      },
    ],
    restart: 'always',
    stopGraceMs: 1000,
    hostNetwork: false,
    hostPid: false,
    expose: { port: 8080, hostPort, hostIp: '127.0.0.1', balance: 'round-robin' },
    deploy: {
      strategy: 'blue-green',
      maxSurge: '25%',
      maxUnavailable: '25%',
      minHealthyTimeMs: 1000,
      healthyDeadlineMs: 60_000,
      drainTimeoutMs: 5000,
      autoRollback: true,
      history: 10,
    },
    placement: 'spread',
  };
}

async function waitForHttp(port: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port }, () => socket.end('GET / HTTP/1.0\r\n\r\n'));
      socket.on('data', () => resolve(true));
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`the replica on 127.0.0.1:${port} did not answer within 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function run(): Promise<{ title: string; rows: { name: string; value: number; unit: string; note?: string }[]; json: Record<string, unknown> }> {
  const engine = createDockerEngine();
  const project = `fbench-proxy-${process.pid.toString(36)}`;
  const network = `flotilla-${project}`;
  try {
    await engine.listProject(project);
  } catch (error) {
    throw new Error(`bench/proxy.bench.ts needs a running Docker engine and the test images (scripts/build-test-images.sh): ${(error as Error).message}`, { cause: error });
  }
  for (const image of IMAGES) if (!(await engine.imageExists(image))) throw new Error(`image ${image} is missing: run scripts/build-test-images.sh`);
  const ports = new ServicePorts();
  let proxy: ServiceProxy | undefined;
  let viaPublished: ServiceProxy | undefined;
  try {
    await engine.createNetwork(project, network);
    const hostPort = await freePort();
    const v1 = service(project, IMAGES[0] as string, hostPort);
    await engine.createPod({ project, service: v1, pod: 'web-1', revision: 1, network, node: engine.node });
    const observed = await engine.listProject(project);
    // The address Flotilla routes to: the container IP on a local Linux engine.
    const backend = podBackend(observed.pods[0]!, 8080);
    if (!backend) throw new Error('the replica publishes no port');
    await waitForHttp(publishedBackend(observed.pods[0]!, 8080).port);

    // Part 1: proxy vs direct, interleaved rounds (the order rotates each round). Two rows only
    // explain where time goes: the replica on its container IP (no docker-proxy) and the proxy
    // forwarding to the published port (two user-space hops, the proxy's path before).
    const published = publishedBackend(observed.pods[0]!, 8080);
    proxy = await ServiceProxy.listen({ name: 'bench', host: '127.0.0.1', port: 0, balance: 'round-robin' });
    proxy.setBackends([{ id: backend.pod, host: backend.host, port: backend.port }]);
    viaPublished = await ServiceProxy.listen({ name: 'bench via published port', host: '127.0.0.1', port: 0, balance: 'round-robin' });
    viaPublished.setBackends([{ id: published.pod, host: published.host, port: published.port }]);
    const targets: Record<Target, string> = {
      direct: `http://127.0.0.1:${published.port}/`,
      proxy: `http://127.0.0.1:${proxy.address.port}/`,
      containerIp: `http://${backend.host}:${backend.port}/`,
      proxyViaPublished: `http://127.0.0.1:${viaPublished.address.port}/`,
    };
    const names = Object.keys(targets) as Target[];
    // The machine may be shared: the load average says how much the figures can be trusted.
    const loadBefore = os.loadavg()[0] as number;
    for (const which of names) await load(targets[which], 1).done; // warm-up
    const rounds: Record<Target, ReturnType<typeof summarise>>[] = [];
    let failures = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const order = [...names.slice(i % names.length), ...names.slice(0, i % names.length)];
      const result: Partial<Record<Target, ReturnType<typeof summarise>>> = {};
      for (const which of order) {
        const r = await load(targets[which], ROUND_SECONDS).done;
        failures += r.errors + r.non2xx;
        result[which] = summarise(r.samples, r.elapsedS, r.cpuShare);
      }
      rounds.push(result as Record<Target, ReturnType<typeof summarise>>);
    }
    const loadAfter = os.loadavg()[0] as number;
    await proxy.close();
    await viaPublished.close();
    proxy = viaPublished = undefined;
    const m = (which: Target, key: 'rps' | 'p50' | 'p99' | 'cpuShare') => median(rounds.map((r) => r[which][key]));
    const p50Overhead = (m('proxy', 'p50') / m('direct', 'p50') - 1) * 100;
    const viaPublishedOverhead = (m('proxyViaPublished', 'p50') / m('direct', 'p50') - 1) * 100;

    // Part 2: a blue-green deploy (v1 -> v2) through the service port, under load.
    await ports.open([v1]);
    ports.route('web', [backend]);
    let revisions: RevisionsFile = emptyRevisions(project);
    const ctx: DeployContext = {
      engine,
      health: new RunningHealth(),
      traffic: ports,
      store: { read: async () => revisions, update: async (change) => (revisions = change(revisions)) },
      clock: systemClock,
      owner: String(process.pid),
      ownerAlive: () => false,
    };
    const desired: DesiredState = { project, manifestDir: process.cwd(), network, volumes: [], services: [service(project, IMAGES[1] as string, hostPort)], allow: [] };
    const running = load(`http://127.0.0.1:${hostPort}/`, 120);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const deployStart = Date.now();
    const outcome = await deployService(desired, 'web', ctx, { tickMs: 200 });
    const deployEnd = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 500));
    running.stop();
    const during = await running.done;
    const steadySamples = during.samples.filter(([at]) => at >= deployStart - 2000 && at < deployStart);
    const deploySamples = during.samples.filter(([at]) => at >= deployStart && at <= deployEnd);
    const steady = summarise(steadySamples, 2);
    const inDeploy = summarise(deploySamples, (deployEnd - deployStart) / 1000);
    const p99Ratio = inDeploy.p99 / steady.p99;

    const rows = [
      { name: 'direct rps', value: round(m('direct', 'rps'), 0), unit: 'req/s', note: `same replica on its published port, ${CONNECTIONS} connections` },
      { name: 'proxy rps', value: round(m('proxy', 'rps'), 0), unit: 'req/s', note: `proxy to ${backend.host === '127.0.0.1' ? 'the published port' : 'the container IP'}` },
      { name: 'direct p50', value: round(m('direct', 'p50')), unit: 'ms' },
      { name: 'proxy p50', value: round(m('proxy', 'p50')), unit: 'ms' },
      { name: 'proxy p50 overhead', value: round(p50Overhead, 1), unit: '%', note: 'target < 15%' },
      { name: 'direct p99', value: round(m('direct', 'p99')), unit: 'ms' },
      { name: 'proxy p99', value: round(m('proxy', 'p99')), unit: 'ms' },
      {
        name: 'container IP p50',
        value: round(m('containerIp', 'p50')),
        unit: 'ms',
        note: `explains: the replica without docker-proxy, ${round(m('containerIp', 'rps'), 0)} req/s`,
      },
      {
        name: 'proxy via published p50',
        value: round(m('proxyViaPublished', 'p50')),
        unit: 'ms',
        note: `explains: proxy + docker-proxy, +${round(viaPublishedOverhead, 1)}%, ${round(m('proxyViaPublished', 'rps'), 0)} req/s`,
      },
      {
        name: 'load process CPU',
        value: round(m('direct', 'cpuShare') * 100, 0),
        unit: '% of a core',
        note: `direct; ${round(m('proxy', 'cpuShare') * 100, 0)}% through the proxy; near 100% the load generator would limit the figures`,
      },
      {
        name: 'load average (1 min)',
        value: round(Math.max(loadBefore, loadAfter), 2),
        unit: '',
        note: `${round(loadBefore, 2)} before, ${round(loadAfter, 2)} after the rounds, ${os.cpus().length} cores`,
      },
      { name: 'steady p99 before deploy', value: round(steady.p99), unit: 'ms', note: 'through the service port, 2 s before' },
      { name: 'p99 during blue-green deploy', value: round(inDeploy.p99), unit: 'ms', note: `${inDeploy.count} requests over ${round((deployEnd - deployStart) / 1000, 1)} s` },
      { name: 'deploy p99 / steady p99', value: round(p99Ratio, 2), unit: 'x', note: 'target <= 2x' },
      { name: 'failed requests', value: failures + during.errors + during.non2xx, unit: 'requests', note: 'proxy vs direct and deploy runs' },
    ];
    return {
      title: `Service proxy: direct vs proxy (median of ${ROUNDS} interleaved ${ROUND_SECONDS} s rounds), and a blue-green deploy under load`,
      rows,
      json: { rounds, backend, deploy: { outcome, steady, during: inDeploy, p99Ratio, ms: deployEnd - deployStart }, p50Overhead, connections: CONNECTIONS },
    };
  } finally {
    await proxy?.close();
    await viaPublished?.close();
    await ports.close();
    const left = await engine.listProject(project).catch(() => undefined);
    for (const pod of left?.pods ?? [])
      await engine
        .removePod(
          pod.containers.map((c) => c.id),
          0,
        )
        .catch(() => undefined);
    await engine.removeNetwork(network).catch(() => undefined);
  }
}

if (require.main === module) {
  run().then(
    (result) => {
      console.log(result.title);
      for (const row of result.rows) console.log(`  ${row.name.padEnd(30)} ${String(row.value).padStart(10)} ${row.unit}${row.note ? `  (${row.note})` : ''}`);
      console.log(JSON.stringify(result.json.deploy));
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
