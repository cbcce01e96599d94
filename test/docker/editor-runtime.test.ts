// The editor's runtime without the editor: store, refresh manager, supervisor and log session
// (everything under src/vscode that has no vscode import) against the real engine. The views and
// commands on top of them are driven in a real editor by the e2e suite.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadManifest } from '../../src/core/manifest/load';
import type { DesiredState } from '../../src/core/model/state';
import { FlotillaStore } from '../../src/core/status/store';
import { up } from '../../src/core/reconcile/up';
import { createDockerEngine } from '../../src/engine/index';
import { EngineConnection } from '../../src/vscode/connection';
import { LogSession } from '../../src/app/log-session';
import { systemClock } from '../../src/core/ports/clock';
import { storePods } from '../../src/vscode/logs';
import { RefreshManager } from '../../src/vscode/refresh';
import { Supervisors } from '../../src/vscode/supervision';
import { buildServicesTree } from '../../src/vscode/views/model';
import { testManifest } from './cli-up-down.test';
import { cleanupProject, docker, eventually, uniqueProject } from './helpers';

function desiredOf(project: string): DesiredState {
  const loaded = loadManifest(testManifest(project, { webReplicas: 1 }), { manifestDir: tmpdir(), defaultProject: project });
  if (!loaded.desired) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
  return loaded.desired;
}

describe('editor runtime (real engine)', () => {
  const project = uniqueProject('editor');
  const stateHome = mkdtempSync(path.join(tmpdir(), 'flotilla-state-'));
  const savedStateHome = process.env.XDG_STATE_HOME;
  const engine = createDockerEngine();
  const store = new FlotillaStore();
  const supervisors = new Supervisors(store, () => undefined);
  let lists = 0;
  const refresh = new RefreshManager(
    store,
    {
      get: async () => ({ ...bind(engine), listProject: (p: string, s?: AbortSignal) => (lists++, engine.listProject(p, s)) }),
      noteFailure: () => undefined,
      // Events are hints the engine drops for slow readers (this machine is shared and loaded): a
      // short fallback resync keeps the test bounded when one is lost.
      // As in the editor: a project this window supervises is listed and watched by its supervisor only.
    },
    { resyncMs: 5000, supervisedHere: (p) => supervisors.isSupervising(p) },
  );
  supervisors.onDidChange(() => refresh.supervisionChanged());
  const appended: string[] = [];
  let session: LogSession | undefined;

  before(() => (process.env.XDG_STATE_HOME = stateHome));
  after(async () => {
    session?.dispose();
    refresh.dispose();
    await supervisors.stopAll();
    await cleanupProject(project);
    if (savedStateHome === undefined) delete process.env.XDG_STATE_HOME;
    else process.env.XDG_STATE_HOME = savedStateHome;
    rmSync(stateHome, { recursive: true, force: true });
  });

  it('shows a killed pod die, heal and count a restart, and keeps its logs following the new container', async () => {
    const desired = desiredOf(project);
    await up(desired, engine);
    refresh.setProjects([project]);
    refresh.setArmed(true);
    assert.equal(supervisors.start(desired, engine), 'editor');
    // A crash before the supervisor follows events would wait for its resync.
    await supervisors.watching(project);
    await eventually('the first listing', async () => store.project(project)?.observed?.pods.length === 2 || undefined);
    const tree = () =>
      buildServicesTree({ manifests: [{ path: '/ws/flotilla.yaml', desired, errorCount: 0 }], snapshot: (p) => store.project(p), engine: store.engineStatus(), now: Date.now() });
    assert.deepEqual(
      tree().map((n) => n.description?.split(' · ')[0]),
      ['1/1 running', '1/1 running'],
    );

    session = new LogSession(engine, storePods(store, project), { service: 'web' }, { append: (text) => appended.push(text) }, { tail: 5, timestamps: false }, systemClock);
    await eventually('ticker lines in the log session', async () => (appended.join('').includes('[web-1/ticker] tick') ? true : undefined));

    const killed = store.project(project)!.observed!.pods.find((p) => p.name === 'web-1')!.containers[0]!;
    const listsBefore = lists;
    await docker.getContainer(killed.id).kill({ signal: 'SIGKILL' });
    await eventually(
      'web-1 healed, with one restart counted',
      async () => {
        const snapshot = store.project(project);
        const pod = snapshot?.observed?.pods.find((p) => p.name === 'web-1');
        const running = pod && pod.containers.length === 2 && pod.containers.every((c) => c.state === 'running' && c.id !== killed.id);
        return running && snapshot?.restarts.get('web-1') === 1 ? true : undefined;
      },
      45_000,
    ).catch((error: Error) => {
      const snapshot = store.project(project);
      const pods = snapshot?.observed?.pods.map((p) => `${p.name} rev ${p.revision}: ${p.containers.map((c) => `${c.container} ${c.state} ${c.id.slice(0, 8)}`).join(', ')}`);
      throw new Error(
        `${error.message}; pods: ${pods?.join('; ')}; restarts: ${JSON.stringify([...(snapshot?.restarts ?? [])])}; events: ${store
          .events(project)
          .map((e) => e.message)
          .join(' | ')}`,
      );
    });
    const messages = store.events(project).map((e) => e.message);
    assert.ok(messages.includes('web-1/app died (exit 137)'), messages.join('\n'));
    assert.ok(messages.includes('web-1 restarted (restart 1)'), messages.join('\n'));
    assert.ok(
      messages.some((m) => /^web-1: restarting: its first container app exited with code 137/.test(m)),
      messages.join('\n'),
    );
    assert.equal(tree()[0]?.children[0]?.description?.replace(/ · up .*?( ·|$)/, '$1'), 'running · rev 1 · 1 restart');
    assert.equal(lists, listsBefore, 'the refresh listed nothing: the supervisor lists the project it supervises');
    assert.equal(messages.filter((m) => m === 'web-1/app died (exit 137)').length, 1, 'the death recorded once');

    // The new ticker starts counting from 1 again; its lines follow the marker.
    await eventually(
      'the log session to follow the replacement',
      async () => (/\[web-1\/ticker\] --- following the new container [0-9a-f]{12} ---\n\[web-1\/ticker\] tick 1\n/.test(appended.join('')) ? true : undefined),
      15_000,
    );
  });

  it('reports an unreachable engine through the store, for the message nodes', async () => {
    const offline = new FlotillaStore();
    const connection = new EngineConnection(offline, () => 'unix:///nonexistent/flotilla-test.sock');
    const manager = new RefreshManager(offline, connection);
    manager.setProjects([project]);
    await manager.refresh(project);
    manager.dispose();
    const status = offline.engineStatus();
    assert.equal(status.state, 'unreachable');
    assert.match(status.state === 'unreachable' ? status.message : '', /Cannot reach the Docker engine at unix:\/\/\/nonexistent\/flotilla-test.sock/);
    const nodes = buildServicesTree({ manifests: [], snapshot: () => undefined, engine: status, now: Date.now() });
    assert.deepEqual(nodes.map((n) => n.label).slice(-1), ['Retry']);
  });
});

/** The engine's methods bound to it, so one can be wrapped without subclassing. */
function bind(engine: ReturnType<typeof createDockerEngine>) {
  return {
    node: engine.node,
    listProject: engine.listProject.bind(engine),
    imageExists: engine.imageExists.bind(engine),
    createNetwork: engine.createNetwork.bind(engine),
    removeNetwork: engine.removeNetwork.bind(engine),
    createVolume: engine.createVolume.bind(engine),
    removeVolume: engine.removeVolume.bind(engine),
    createPod: engine.createPod.bind(engine),
    startContainers: engine.startContainers.bind(engine),
    removePod: engine.removePod.bind(engine),
    watchEvents: engine.watchEvents.bind(engine),
  };
}
