// The packaged extension in a real VS Code: the workbench loads the example workspace, trust is
// granted through the startup dialog, and the extension activates and reports it.
import assert from 'node:assert/strict';
import { useShopEditor } from './fixture';

describe('e2e: workbench with the packaged extension', function () {
  const editor = useShopEditor({ trust: true });

  it('loads the trusted example workspace and activates Flotilla (activation line in the "Flotilla" output channel)', async function () {
    const { workbench } = editor.session;
    await editor.session.screenshot('01-workbench-loaded');
    const text = await workbench.waitForOutput('Flotilla', /Flotilla activated in [\d.]+ ms/, 60_000);
    const ms = Number(/Flotilla activated in ([\d.]+) ms/.exec(text)?.[1]);
    assert.ok(Number.isFinite(ms) && ms >= 0, `activation time is a number of ms: ${text}`);
    // Restricted mode shows a "Restricted Mode" entry in the status bar; trusted, it is absent.
    assert.equal(await editor.session.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).count(), 0, 'the workspace is trusted');
    console.log(`      activation reported: ${ms} ms`);
  });
});
