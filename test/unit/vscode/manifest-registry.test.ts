// The editor's one list of manifests, read by commands and views alike: a command run while the
// manifests are scanned, while a save is read, or while a rescan runs finds the manifest the
// views show, and the list the views read is never empty or partial meanwhile. The workspace is
// in memory (workspace-standin.ts); reads and searches are held in flight by the test.
import assert from 'node:assert/strict';
import { flushPromises, StandInWorkspace } from './workspace-standin';
import { pickManifest } from '../../../src/vscode/commands/pick';
import type { Ctx } from '../../../src/vscode/ctx';
import { ManifestRegistry } from '../../../src/vscode/manifests';

const GLOB = '**/{flotilla.yaml,*.flotilla.yaml}';

function manifest(replicas: number): string {
  return `version: 1
project: shop
services:
  web:
    replicas: ${replicas}
    containers: { app: { image: shop/web:1 } }
`;
}

/** What a command sees: pickManifest is every manifest command's lookup (Up, Deploy, Show Logs...). */
function runCommandLookup(manifests: ManifestRegistry) {
  return pickManifest({ manifests } as unknown as Ctx);
}

describe("the editor's manifest registry", () => {
  let workspace: StandInWorkspace;
  let registry: ManifestRegistry;
  /** Lengths of the list each time the registry said it changed (what the views render). */
  let shown: number[];

  beforeEach(() => {
    workspace = new StandInWorkspace();
    registry = new ManifestRegistry(GLOB);
    shown = [];
    registry.onDidChange(() => shown.push(registry.list().length));
  });
  afterEach(() => {
    registry.dispose();
    workspace.dispose();
  });

  it('a command run while the first scan after activation is in flight waits for it and finds the manifest', async () => {
    workspace.write('flotilla.yaml', manifest(2));
    workspace.searches.held = true;
    const scanned = registry.scan();
    const lookup = runCommandLookup(registry);
    await flushPromises();
    workspace.searches.release();
    const found = await lookup;
    await scanned;
    assert.equal(found?.desired.project, 'shop');
    assert.deepEqual(shown, [1]);
  });

  it('a command run while a save is read and a rescan runs finds the saved manifest; the list never empties meanwhile', async () => {
    workspace.write('flotilla.yaml', manifest(2));
    await registry.scan();
    assert.equal(registry.list().length, 1);

    // A save: the watcher reports it and its read is in flight; a settings change rescans; a
    // command runs meanwhile.
    workspace.reads.held = true;
    workspace.write('flotilla.yaml', manifest(3));
    const rescanned = registry.scan();
    await flushPromises();
    assert.ok(workspace.reads.waiting > 0, 'a read of the saved manifest is in flight');
    const lookup = runCommandLookup(registry);
    lookup.catch(() => undefined); // awaited below, after the reads are released
    await flushPromises();
    const listedInFlight = registry.list().map((m) => m.desired?.services[0]?.replicas);

    workspace.reads.release();
    const found = await lookup;
    await rescanned;
    assert.equal(found?.desired.services[0]?.replicas, 3, 'the command works on the manifest as saved');
    assert.deepEqual(listedInFlight, [2], 'while the save and the rescan were in flight the views listed the manifest as it was');
    assert.ok(
      shown.every((length) => length === 1),
      `the list the views render changed to lengths ${shown.join(', ')}`,
    );
  });

  it('keeps a manifest whose read fails while its file is still there (mid-save), and reads the save when the watcher reports it', async () => {
    workspace.write('flotilla.yaml', manifest(2));
    await registry.scan();

    workspace.failingReads = 1;
    workspace.write('flotilla.yaml', manifest(3));
    const found = await runCommandLookup(registry);
    assert.equal(found?.desired.project, 'shop', 'the command still finds the manifest');
    assert.ok(
      shown.every((length) => length === 1),
      `the list the views render changed to lengths ${shown.join(', ')}`,
    );

    workspace.write('flotilla.yaml', manifest(4));
    assert.equal((await runCommandLookup(registry))?.desired.services[0]?.replicas, 4);
  });

  it('an earlier read that finishes late does not overwrite a later one', async () => {
    workspace.write('flotilla.yaml', manifest(2));
    await registry.scan();

    workspace.reads.held = true;
    workspace.write('flotilla.yaml', manifest(3)); // this read takes the file as it is now and is slow
    await flushPromises();
    workspace.reads.held = false;
    workspace.write('flotilla.yaml', manifest(4));
    await flushPromises();
    workspace.reads.release();
    await flushPromises();
    assert.equal(registry.list()[0]?.desired?.services[0]?.replicas, 4);
  });

  it('drops a deleted manifest, and keeps one that was deleted and created again by a save', async () => {
    workspace.write('flotilla.yaml', manifest(2));
    workspace.write('other.flotilla.yaml', manifest(1).replace('project: shop', 'project: other'));
    await registry.scan();
    assert.deepEqual(
      registry.list().map((m) => m.project),
      ['shop', 'other'],
    );

    workspace.remove('other.flotilla.yaml');
    workspace.reads.held = true;
    workspace.remove('flotilla.yaml');
    workspace.write('flotilla.yaml', manifest(5));
    workspace.reads.release();
    await flushPromises();
    assert.deepEqual(
      registry.list().map((m) => [m.project, m.desired?.services[0]?.replicas]),
      [['shop', 5]],
    );
    assert.ok(
      shown.every((length) => length >= 1),
      `the list the views render changed to lengths ${shown.join(', ')}`,
    );
  });

  it('refuses a command when the workspace has no manifest, once the scan has settled', async () => {
    const scanned = registry.scan();
    await assert.rejects(runCommandLookup(registry), /No flotilla\.yaml in this workspace/);
    await scanned;
  });
});
