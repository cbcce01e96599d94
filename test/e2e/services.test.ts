// The example shop run from the editor: Up from the palette fills the Services tree with every
// container running, Show Logs streams a service's containers into its output channel, Down
// empties the tree and the engine. Everything is checked against the real engine too.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { docker } from '../docker/helpers';
import { LABEL } from '../../src/core/model/labels';
import { labelledObjects, useShopEditor, type EditorFixture } from './fixture';
import { RUNNING, treePaths, waitUntil } from './workbench';

const SERVICES_VIEW = 'Services';
const UP_TIMEOUT_MS = 120_000;

async function upFromPalette(editor: EditorFixture): Promise<void> {
  const { workbench } = editor.session;
  await workbench.openViewContainer('Flotilla');
  await workbench.runCommand('Flotilla: Up');
  try {
    for (const container of editor.workspace.expectedContainers) {
      await workbench.waitForTreeItem(SERVICES_VIEW, container, RUNNING, UP_TIMEOUT_MS);
    }
  } catch (error) {
    // Up's own error (e.g. the engine refused) is in a notification: say it with the timeout.
    const notifications = await workbench.allNotifications().catch((reason: Error) => [`(could not read: ${reason.message})`]);
    throw new Error(`${(error as Error).message}\nnotifications: ${JSON.stringify(notifications)}`, { cause: error });
  }
}

function replicasOf(manifestPath: string): Record<string, number> {
  const manifest = parse(readFileSync(manifestPath, 'utf8')) as { services: Record<string, { replicas?: number }> };
  return Object.fromEntries(Object.entries(manifest.services).map(([name, spec]) => [name, spec.replicas ?? 1]));
}

async function projectContainers(project: string) {
  return docker.listContainers({ all: true, filters: JSON.stringify({ label: [`${LABEL.project}=${project}`] }) });
}

describe('e2e: running the example from the editor', function () {
  const editor = useShopEditor({ trust: true });

  it('Up from the palette shows every container running in the Services tree; Down empties the tree and the engine', async function () {
    const { workbench } = editor.session;
    const { project, expectedContainers, manifestPath } = editor.workspace;
    await upFromPalette(editor);

    // Each service node counts its pods: "N/N running", or "N/N healthy" once its probes pass.
    for (const [service, replicas] of Object.entries(replicasOf(manifestPath))) {
      await workbench.waitForTreeItem(SERVICES_VIEW, service, new RegExp(`^${replicas}/${replicas} (running|healthy)`), 60_000);
    }
    await editor.session.screenshot('02-tree-running');

    // The tree shows what the engine runs: the same containers, all running.
    const running = await projectContainers(project);
    assert.equal(running.length, expectedContainers.length, `containers on the engine: ${running.map((c) => c.Names[0]).join(', ')}`);
    assert.ok(
      running.every((c) => c.State === 'running'),
      running.map((c) => `${c.Names[0]}=${c.State}`).join(', '),
    );

    // A save is not a deploy: the edited service is marked in the tree, the log says nothing was
    // replaced, and the engine keeps the very same containers; undoing the edit clears the mark.
    const original = readFileSync(manifestPath, 'utf8');
    const apiResources = '        resources: { cpus: 0.25, memory: 64Mi }\n';
    assert.equal(original.split(apiResources).length, 2, 'the example manifest has one api resources line to edit');
    writeFileSync(manifestPath, original.replace(apiResources, '        resources: { cpus: 0.25, memory: 96Mi }\n'));
    try {
      await workbench.waitForTreeItem(SERVICES_VIEW, 'api', /· not applied$/, 30_000);
      await workbench.waitForOutput('Flotilla', /The manifest of \S+ changed \(api\); nothing was replaced/);
      await editor.session.screenshot('02b-manifest-changed');
      assert.deepEqual((await projectContainers(project)).map((c) => c.Id).sort(), running.map((c) => c.Id).sort(), 'a save replaced no container');
    } finally {
      writeFileSync(manifestPath, original);
    }
    await workbench.waitForTreeItem(SERVICES_VIEW, 'api', /^1\/1 (running|healthy) · shop\/api:1$/, 30_000);

    await workbench.runCommand('Flotilla: Down');
    // The tree keeps the manifest's services, each at 0/N with no pod under it.
    const services = editor.workspace.services;
    await waitUntil(
      'the Services tree to show the services with no pods after Down',
      async () => {
        const rows = treePaths(await workbench.readTree(SERVICES_VIEW));
        const serviceRows = rows.filter((row) => row.level === 1 && services.includes(row.label));
        const podRows = rows.filter((row) => row.level > 1);
        return serviceRows.length === services.length && serviceRows.every((row) => row.description.startsWith('0/')) && podRows.length === 0 ? rows : undefined;
      },
      60_000,
    );
    // Down removes containers and the network; named volumes are kept (data), as `flotilla down` does without --volumes.
    const left = await waitUntil(
      'no container or network of the project on the engine',
      async () => {
        const objects = await labelledObjects(project);
        return objects.some((name) => !name.startsWith('volume ')) ? undefined : objects;
      },
      60_000,
    );
    assert.ok(
      left.every((name) => name.startsWith(`volume flotilla-${project}-`)),
      `left after Down: ${left.join(', ')}`,
    );
    await editor.session.screenshot('06-after-down');
  });

  it('Show Logs on a service (picked by name) opens "Flotilla Logs: <service>" with lines from its containers', async function () {
    const { workbench } = editor.session;
    const { project } = editor.workspace;
    await upFromPalette(editor);

    // The web pods' log drain prints lines from the app's log file every 2 s.
    await workbench.runCommand('Flotilla: Show Logs');
    await workbench.pickQuickItem('web');
    await workbench.acceptFollowUpQuickPicks(); // e.g. "Follow, last 200 lines"
    const channelText = await workbench.waitForOutput('Flotilla Logs: web', /^\[web-\d+\/[a-z-]+\] \S/m, 60_000);
    await editor.session.screenshot('03-logs');

    // Every prefixed line names a web container, and the text after the prefix is what that
    // container wrote (checked against the engine's own log of that container).
    const lines = channelText.split('\n').filter((line) => line.startsWith('['));
    assert.ok(lines.length > 0, `no prefixed lines in:\n${channelText}`);
    const sample = /^\[(web-\d+)\/([a-z-]+)\] (.*)$/.exec(lines[0]!);
    assert.ok(sample, `line with a [pod/container] prefix: ${lines[0]}`);
    const [, pod, container, text] = sample;
    const [match] = await docker.listContainers({
      all: true,
      filters: JSON.stringify({ label: [`${LABEL.project}=${project}`, `${LABEL.pod}=${pod}`, `${LABEL.container}=${container}`] }),
    });
    assert.ok(match, `the engine has ${pod}/${container} of ${project}`);
    const engineLog = (await docker.getContainer(match.Id).logs({ stdout: true, stderr: true, follow: false })).toString('utf8');
    assert.ok(engineLog.includes(text!.trim()), `"${text}" is in ${pod}/${container}'s log on the engine:\n${engineLog.slice(0, 500)}`);
  });
});
