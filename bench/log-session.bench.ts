// How the editor's log session copes with a chatty container, against the real engine: a
// container writes LINES lines at once; the session follows it into a sink standing in for the
// output channel. Reported: time to deliver every line, appends made (batched at most every
// 100 ms), and the worst event-loop stall meanwhile (what the editor would feel). The baseline is
// reading the same logs straight from the engine adapter in the same run.
//
//   npx tsx bench/log-session.bench.ts   (or as part of npm run bench)

import { createDockerEngine } from '../src/engine';
import { FlotillaStore } from '../src/core/status/store';
import { LogSession } from '../src/app/log-session';
import { systemClock } from '../src/core/ports/clock';
import { logTarget, storePods } from '../src/vscode/logs';
import { cleanupProject, collect, eventually, TEST_IMAGE, testContainer, testService } from '../test/docker/helpers';
import type { BenchResult } from './types';

const LINES = 200_000;
// The session appends at most MAX_BATCH_LINES per 100 ms flush by design (about 50,000 lines a
// second into the output channel), so its time is bounded below by LINES / 50,000 s.
const project = `fbench-logs-${process.pid.toString(36)}`;

/** Worst delay of a 10 ms timer while `work` runs: the longest the event loop was blocked. */
async function withStallMeter<T>(work: () => Promise<T>): Promise<{ result: T; worstStallMs: number }> {
  let worst = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 10);
    last = now;
  }, 10);
  try {
    return { result: await work(), worstStallMs: worst };
  } finally {
    clearInterval(timer);
  }
}

export async function run(): Promise<BenchResult> {
  const engine = createDockerEngine();
  try {
    const service = testService('chatty', [
      testContainer('main', ['sh', '-c', `yes flotilla-log-line | head -n ${LINES}; echo done-writing; exec sleep 3600`], { image: TEST_IMAGE }),
    ]);
    await engine.createNetwork(project, `flotilla-${project}`);
    await engine.createPod({ project, service, pod: 'chatty-1', revision: 1, network: `flotilla-${project}`, node: 'local' });
    const store = new FlotillaStore();
    await eventually(
      'the lines written',
      async () => {
        store.setObserved(await engine.listProject(project));
        const id = store.project(project)?.observed?.pods[0]?.containers[0]?.id;
        if (!id) return undefined;
        const last = await collect(engine.logs(id, { follow: false, tail: 1, timestamps: false }));
        return last[0]?.text === 'done-writing' ? id : undefined;
      },
      30_000,
    );
    const id = store.project(project)!.observed!.pods[0]!.containers[0]!.id;

    const raw = await withStallMeter(async () => {
      const started = performance.now();
      const lines = await collect(engine.logs(id, { follow: false, timestamps: false }));
      return { ms: performance.now() - started, lines: lines.length };
    });

    let appends = 0;
    let delivered = 0;
    const session = await withStallMeter(async () => {
      const started = performance.now();
      const target = { kind: 'service' as const, manifestPath: '/bench/flotilla.yaml', project, service: 'chatty' };
      const sink = {
        append: (text: string) => {
          appends++;
          delivered += text.split('\n').length - 1;
        },
      };
      const log = new LogSession(engine, storePods(store, project), logTarget(target), sink, { tail: LINES + 1, timestamps: false }, systemClock);
      await eventually('every line delivered', async () => (delivered >= LINES + 1 ? true : undefined), 60_000);
      const ms = performance.now() - started;
      log.dispose();
      return { ms };
    });

    const ratio = Math.round((session.result.ms / raw.result.ms) * 100) / 100;
    return {
      title: `log session: ${LINES} lines`,
      rows: [
        {
          name: `logs ${LINES} lines: engine adapter alone`,
          value: Math.round(raw.result.ms),
          unit: 'ms',
          note: `${raw.result.lines} lines, worst event-loop stall ${raw.worstStallMs.toFixed(0)} ms`,
        },
        {
          name: `logs ${LINES} lines: log session (editor)`,
          value: Math.round(session.result.ms),
          unit: 'ms',
          baseline: `adapter ${Math.round(raw.result.ms)} ms`,
          ratio,
          note: `${delivered} lines in ${appends} appends, worst stall ${session.worstStallMs.toFixed(0)} ms`,
        },
      ],
      json: {
        log_session: {
          lines: LINES,
          adapter_ms: Math.round(raw.result.ms),
          session_ms: Math.round(session.result.ms),
          appends,
          adapter_stall_ms: Math.round(raw.worstStallMs),
          session_stall_ms: Math.round(session.worstStallMs),
        },
      },
    };
  } finally {
    await cleanupProject(project);
  }
}

if (require.main === module) {
  run().then(
    (result) => result.rows.forEach((row) => console.log(`${row.name} | ${row.value} ${row.unit} | ${row.note ?? ''}`)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
