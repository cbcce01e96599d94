// The editor's supervisors keep a project's service port open while the supervisor is paused
// for a converge, a restart or a new manifest, and close it when supervision stops. Real
// sockets on a free 127.0.0.1 port; the engine is the in-memory fake (no pods needed).
import assert from 'node:assert/strict';
import { FlotillaStore } from '../../../src/core/status/store';
import { Supervisors } from '../../../src/vscode/supervision';
import { QuietEngine } from '../fake-engine';
import { desiredFrom } from '../manifests';
import { acceptsConnections, freePort } from '../../net';
import { useTempStateHome } from '../state-home';

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("the editor's supervisors and service ports", () => {
  useTempStateHome('ports');

  it('keeps the port open across a paused supervisor and closes it when supervision stops', async () => {
    const port = await freePort();
    const desired = desiredFrom(`version: 1
project: ports
services:
  web:
    containers: { app: { image: i } }
    expose: { port: 8080, hostPort: ${port} }
`);
    const supervisors = new Supervisors(new FlotillaStore(), () => undefined);
    const engine = new QuietEngine(['i']);
    supervisors.start(desired, engine);
    await until('the port to open', () => acceptsConnections(port));
    await supervisors.stop('ports', { keepPorts: true });
    assert.equal(await acceptsConnections(port), true, 'still open while paused');
    supervisors.start(desired, engine);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(await acceptsConnections(port), true);
    await supervisors.stop('ports');
    assert.equal(await acceptsConnections(port), false, 'closed when supervision stops');
  });
});
