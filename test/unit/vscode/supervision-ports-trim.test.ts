// The editor keeps a project's service ports open across a paused supervisor (Restart Service);
// when it resumes with a desired state that no longer exposes a service, that port is closed,
// and a handover in process that drops a service closes its port too. Real sockets on free
// 127.0.0.1 ports; the engine is the in-memory fake (no pods needed).
import assert from 'node:assert/strict';
import { FlotillaStore } from '../../../src/core/status/store';
import { Supervisors } from '../../../src/vscode/supervision';
import { acceptsConnections, freePort } from '../../net';
import { QuietEngine } from '../fake-engine';
import { desiredFrom } from '../manifests';
import { useTempStateHome } from '../state-home';

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 150; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function manifest(webPort: number, adminPort?: number) {
  return desiredFrom(`version: 1
project: trim
services:
  web:
    containers: { app: { image: i } }
    expose: { port: 8080, hostPort: ${webPort} }
${adminPort === undefined ? '' : `  admin:\n    containers: { app: { image: i } }\n    expose: { port: 9000, hostPort: ${adminPort} }\n`}`);
}

describe("the editor's service ports when services leave", () => {
  useTempStateHome('trim');

  it('closes a kept port when the supervisor resumes without that service', async () => {
    const [webPort, adminPort] = [await freePort(), await freePort()];
    const supervisors = new Supervisors(new FlotillaStore(), () => undefined);
    const engine = new QuietEngine(['i']);
    try {
      supervisors.start(manifest(webPort, adminPort), engine);
      await until('both ports open', async () => (await acceptsConnections(webPort)) && (await acceptsConnections(adminPort)));
      await supervisors.stop('trim', { keepPorts: true });
      supervisors.start(manifest(webPort), engine);
      await until('the admin port closed', async () => !(await acceptsConnections(adminPort)));
      assert.equal(await acceptsConnections(webPort), true, 'web stays served');
    } finally {
      await supervisors.stopAll();
    }
  });

  it('closes the port of a service a handover drops, and moves a changed one', async () => {
    const [webPort, adminPort, movedPort] = [await freePort(), await freePort(), await freePort()];
    const log: string[] = [];
    const supervisors = new Supervisors(new FlotillaStore(), (line) => log.push(line));
    const engine = new QuietEngine(['i']);
    try {
      supervisors.start(manifest(webPort, adminPort), engine);
      await until('both ports open', async () => (await acceptsConnections(webPort)) && (await acceptsConnections(adminPort)));
      supervisors.handOver(manifest(movedPort));
      await until(
        'admin closed and web moved',
        async () => !(await acceptsConnections(adminPort)) && !(await acceptsConnections(webPort)) && (await acceptsConnections(movedPort)),
      );
      assert.ok(log.includes(`admin: stopped serving http://127.0.0.1:${adminPort} (removed from the manifest)`), log.join('\n'));
    } finally {
      await supervisors.stopAll();
    }
  });
});
