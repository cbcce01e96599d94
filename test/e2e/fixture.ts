// Per-test editor fixture: a fresh copy of the shop example and a fresh editor session before
// each test; after it a screenshot if it failed, the editor and browser stopped, the project's
// Docker objects removed by label and checked gone.
import assert from 'node:assert/strict';
import { renameSync } from 'node:fs';
import { cleanupProject, docker } from '../docker/helpers';
import { LABEL } from '../../src/core/model/labels';
import { e2eRun } from './run-state';
import { EditorSession } from './session';
import { shopWorkspace, type ShopWorkspace } from './workspace';

export interface EditorFixture {
  session: EditorSession;
  workspace: ShopWorkspace;
}

/**
 * Registers beforeEach/afterEach in the calling describe; read `.session` and `.workspace` inside
 * tests. `manifestAtStart: false` opens the editor on the workspace with its flotilla.yaml moved
 * aside (to flotilla.yaml.later), so a test can create the manifest after the window opened.
 */
export function useShopEditor(options: { trust: boolean; manifestAtStart?: boolean }): EditorFixture {
  let session: EditorSession | undefined;
  let workspace: ShopWorkspace | undefined;
  beforeEach(async function () {
    this.timeout(90_000);
    session = undefined;
    workspace = shopWorkspace(
      this.currentTest?.title
        .slice(0, 12)
        .replace(/[^a-z0-9]+/gi, '-')
        .toLowerCase() || 'e2e',
    );
    if (options.manifestAtStart === false) renameSync(workspace.manifestPath, `${workspace.manifestPath}.later`);
    session = await EditorSession.start({ extensionsDir: e2eRun.extensionsDir, folder: workspace.dir, trust: options.trust });
  });
  afterEach(async function () {
    this.timeout(60_000);
    const title = this.currentTest?.fullTitle() ?? 'test';
    if (this.currentTest?.state === 'failed' && session) {
      await session.screenshot(`failed-${title}`).catch(() => undefined);
      session.saveServerLog(`failed-${title}`);
    }
    await session?.stop();
    if (workspace) {
      await cleanupProject(workspace.project);
      assert.deepEqual(await labelledObjects(workspace.project), [], 'the project left Docker objects behind');
      workspace.dispose();
    }
  });
  return {
    get session() {
      if (!session) throw new Error('no editor session: beforeEach failed');
      return session;
    },
    get workspace() {
      if (!workspace) throw new Error('no workspace: beforeEach failed');
      return workspace;
    },
  };
}

/** Names of every container, network and volume labelled with the project. */
export async function labelledObjects(project: string): Promise<string[]> {
  const filters = JSON.stringify({ label: [`${LABEL.project}=${project}`] });
  const containers = await docker.listContainers({ all: true, filters });
  const networks = await docker.listNetworks({ filters });
  const { Volumes: volumes } = await docker.listVolumes({ filters });
  return [...containers.map((c) => `container ${c.Names[0]}`), ...networks.map((n) => `network ${n.Name}`), ...(volumes ?? []).map((v) => `volume ${v.Name}`)];
}
