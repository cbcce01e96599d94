// A manifest created after the window opened: the workspace had none at startup, so nothing
// activated Flotilla then; opening the new flotilla.yaml (a YAML file) does, and its problems
// show in the Problems panel without a reload.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { useShopEditor } from './fixture';
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
});
