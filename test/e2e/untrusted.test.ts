// Workspace Trust: in a workspace the user did not trust, Flotilla shows but starts nothing.
import assert from 'node:assert/strict';
import { labelledObjects, useShopEditor } from './fixture';

describe('e2e: untrusted workspace', function () {
  const editor = useShopEditor({ trust: false });

  it('"Flotilla: Up" refuses with a warning that says "untrusted", and nothing is created on the engine', async function () {
    const { workbench, page } = editor.session;
    assert.equal(await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).count(), 1, 'the workspace opened in Restricted Mode');
    await workbench.runCommand('Flotilla: Up');
    const warning = await workbench.waitForNotification(/untrusted/i, 30_000);
    await editor.session.screenshot('07-untrusted-refusal');
    // Give a wrongly started Up time to show itself on the engine before concluding nothing was created.
    await page.waitForTimeout(3_000);
    assert.deepEqual(await labelledObjects(editor.workspace.project), [], `nothing created after: ${warning}`);
  });
});
