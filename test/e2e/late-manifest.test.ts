// A manifest created after the window opened: the workspace had none at startup, so nothing
// activated Flotilla then; opening the new flotilla.yaml (a YAML file) does, and its problems
// show in the Problems panel without a reload. Or Up from the palette activates it, and finds
// the manifest although Flotilla has only started looking for manifests.
import assert from 'node:assert/strict';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { docker } from '../docker/helpers';
import { LABEL } from '../../src/core/model/labels';
import { useShopEditor } from './fixture';
import { waitUntil } from './workbench';
import { lineOf } from './workspace';

describe('e2e: a flotilla.yaml created after the window opened', function () {
  const editor = useShopEditor({ trust: true, manifestAtStart: false });

  it('is validated once opened: its error shows in the Problems panel at its line', async function () {
    const { manifestPath } = editor.workspace;
    const { workbench } = editor.session;
    const text = readFileSync(`${manifestPath}.later`, 'utf8').replace(/^( {4}replicas: )\d+/m, '$1-1');
    assert.notEqual(text, readFileSync(`${manifestPath}.later`, 'utf8'), 'the example has a service replicas line to break');
    writeFileSync(manifestPath, text);
    const line = lineOf(manifestPath, /^ {4}replicas: -1/);
    await workbench.openFile('flotilla.yaml');
    const problem = await workbench.waitForProblem(/replicas|minimum|>= ?0|at least/i, 60_000);
    assert.match(problem, new RegExp(`Ln ${line}\\b`), `the problem is placed on line ${line}: ${problem}`);
    await editor.session.screenshot('09-late-manifest');
  });

  it('Up from the palette as the first action (which activates Flotilla) waits for the manifest scan and brings the project up', async function () {
    const { manifestPath, project, expectedContainers } = editor.workspace;
    const { workbench } = editor.session;
    renameSync(`${manifestPath}.later`, manifestPath);
    // The command activates the extension and runs as soon as activate() returns, while the
    // manifest scan it started is still in flight.
    await workbench.runCommand('Flotilla: Up');
    const filters = JSON.stringify({ label: [`${LABEL.project}=${project}`], status: ['running'] });
    await waitUntil(
      () => `${expectedContainers.length} running containers of ${project}`,
      async () => {
        const refused = (await workbench.notifications()).find((text) => /No flotilla\.yaml/.test(text));
        if (refused) throw Object.assign(new Error(`Up refused: ${refused}`), { name: 'StopWaiting' });
        return (await docker.listContainers({ filters })).length === expectedContainers.length ? true : undefined;
      },
      120_000,
    );
    await editor.session.screenshot('09b-up-at-activation');
  });
});
