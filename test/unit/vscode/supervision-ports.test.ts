// The editor's supervisors keep a project's service port open while the supervisor is paused
// for a converge, a restart or a new manifest, and close it when supervision stops. Real
// sockets on a free 127.0.0.1 port; the engine is the in-memory fake (no pods needed).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { EngineEvents, EventStreamStatus, ProbeResult } from '../../../src/core/ports';
import { FlotillaStore } from '../../../src/core/store';
import { Supervisors } from '../../../src/vscode/supervision';
import { FakeEngine } from '../fake-engine';
import { desiredFrom } from '../manifests';
import { freePort } from '../../net';

class QuietEngine extends FakeEngine implements EngineEvents {
  watchEvents(_project: string, _onEvent: unknown, onStatus: (s: EventStreamStatus) => void): void {
    onStatus({ state: 'connected' });
  }
  async runProbe(): Promise<ProbeResult> {
    return { ok: true, latencyMs: 0, output: '' };
  }
}


function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("the editor's supervisors and service ports", () => {
  const saved = process.env.XDG_STATE_HOME;
  let home: string;
  beforeEach(() => {
    home = mkdtempSync(path.join(tmpdir(), 'flotilla-ports-'));
    process.env.XDG_STATE_HOME = home;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.XDG_STATE_HOME;
    else process.env.XDG_STATE_HOME = saved;
    rmSync(home, { recursive: true, force: true });
  });

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
    await until('the port to open', () => listening(port));
    await supervisors.stop('ports', { keepPorts: true });
    assert.equal(await listening(port), true, 'still open while paused');
    supervisors.start(desired, engine);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(await listening(port), true);
    await supervisors.stop('ports');
    assert.equal(await listening(port), false, 'closed when supervision stops');
  });
});
