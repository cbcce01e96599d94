// The "Get started with Flotilla" walkthrough in a real editor, as a new user goes through it:
// each step's button runs the real command, and the step is ticked off only once its effect is
// seen: the manifest found, Up done, a pod healthy, a killed pod healed, a deploy and a rollback
// recorded. The engine is checked at each step too; on the way, Open in Browser opens web's
// service port in a new tab.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { docker } from '../docker/helpers';
import { LABEL } from '../../src/core/model/labels';
import { useShopEditor } from './fixture';
import { RUNNING, waitUntil } from './workbench';

const STEP = (id: string) => `flotilla-dev.flotilla#getStarted#${id}`;

async function stepDone(page: Page, id: string): Promise<boolean> {
  return (
    (await page
      .locator(`.getting-started-step[data-step-id="${STEP(id)}"]`)
      .first()
      .getAttribute('aria-checked')) === 'true'
  );
}

async function waitForStep(page: Page, id: string, timeoutMs: number): Promise<void> {
  await waitUntil(`walkthrough step "${id}" to be ticked off`, async () => ((await stepDone(page, id)) ? true : undefined), timeoutMs);
}

/** Opens a step and presses its button (a link to a command, rendered as a button). */
async function pressStepButton(page: Page, id: string, label: string): Promise<void> {
  const step = page.locator(`.getting-started-step[data-step-id="${STEP(id)}"]`).first();
  await step.click();
  await step.locator('.monaco-button', { hasText: label }).first().click();
}

describe('e2e: the Get started walkthrough', function () {
  const editor = useShopEditor({ trust: true });

  it('ticks off each step when its effect is seen: manifest, Up, healthy, healed, deploy, rollback', async function () {
    const { workbench, page } = editor.session;
    const { project, manifestPath, expectedContainers } = editor.workspace;
    await workbench.runCommand('Welcome: Open Walkthrough...');
    await workbench.pickQuickItem('Get started with Flotilla');
    for (const id of ['manifest', 'up', 'healthy', 'healed', 'deploy', 'rollback']) assert.equal(await stepDone(page, id), false, `${id} is open before anything ran`);
    await editor.session.screenshot('10-walkthrough');

    await pressStepButton(page, 'manifest', 'Open Manifest');
    await page.locator('.part.editor .tab[aria-label^="flotilla.yaml"]').first().waitFor({ state: 'visible', timeout: 15_000 });
    await workbench.runCommand('Welcome: Open Walkthrough...');
    await workbench.pickQuickItem('Get started with Flotilla');
    await waitForStep(page, 'manifest', 15_000);

    await pressStepButton(page, 'up', 'Up');
    await waitForStep(page, 'up', 120_000);
    const running = await docker.listContainers({ filters: JSON.stringify({ label: [`${LABEL.project}=${project}`] }) });
    assert.equal(running.length, expectedContainers.length, 'Up started every container of the example');
    await waitForStep(page, 'healthy', 60_000);

    assert.equal(await stepDone(page, 'healed'), false, 'nothing was healed yet');

    const pod = { label: [`${LABEL.project}=${project}`, `${LABEL.pod}=web-1`, `${LABEL.container}=app`] };
    const [victim] = await docker.listContainers({ filters: JSON.stringify(pod) });
    assert.ok(victim, 'web-1/app runs');
    await docker.getContainer(victim.Id).kill();
    await waitForStep(page, 'healed', 60_000);

    // A changed env value is a new spec: Deploy rolls it out by web's strategy.
    writeFileSync(manifestPath, readFileSync(manifestPath, 'utf8').replace('env: { API_URL: "http://api:9000/" }', 'env: { API_URL: "http://api:9000/", RELEASE: "2" }'));
    await pressStepButton(page, 'deploy', 'Deploy');
    await waitForStep(page, 'deploy', 120_000);
    assert.equal(await stepDone(page, 'rollback'), false, 'no rollback yet');

    // From the palette: the walkthrough page re-renders as steps complete and may take the focus
    // from a quick pick its own button opened (the step button is the same command).
    await workbench.runCommand('Flotilla: Rollback');
    await workbench.pickQuickItem('web');
    await workbench.pickQuickItem('Revision 1');
    await waitForStep(page, 'rollback', 120_000);
    await editor.session.screenshot('11-walkthrough-done');
    await workbench.openViewContainer('Flotilla');
    await workbench.waitForTreeItem('Services', 'web/web-1/app', RUNNING, 60_000);

    // Last, since the new tab takes the window's focus: web's service port, served by this
    // window's supervisor, opened by Open in Browser.
    const opened = page.context().waitForEvent('page', { timeout: 20_000 });
    await workbench.runCommand('Flotilla: Open in Browser');
    await workbench.pickQuickItem('web');
    const tab = await opened;
    await tab.waitForLoadState('domcontentloaded');
    // code-server maps a localhost URL to its own port proxy (the browser may be on another machine).
    assert.match(tab.url(), /^http:\/\/127\.0\.0\.1:(18080\/|\d+\/proxy\/18080\/)$/);
    assert.match(await tab.content(), /Flotilla shop/, "the page is the web service's");
    await tab.close();
  });
});
