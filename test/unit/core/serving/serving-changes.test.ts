// A supervisor's service ports follow its desired state: a service that leaves the manifest (or
// its host port) has its port closed, and a changed host port is served on the new address.
// The router over a recording port host; no sockets.
import assert from 'node:assert/strict';
import { ServiceRouter, type ServicePortHost, type ServingNote } from '../../../../src/core/serving/router';
import type { DesiredService } from '../../../../src/core/model/state';
import { desiredFrom } from '../../manifests';

class RecordingHost implements ServicePortHost {
  listening = new Map<string, number>();
  log: string[] = [];
  async openService(service: DesiredService): Promise<{ host: string; port: number }> {
    const port = service.expose?.hostPort ?? 0;
    if (this.listening.has(service.name)) return { host: '127.0.0.1', port: this.listening.get(service.name) as number };
    this.listening.set(service.name, port);
    this.log.push(`open ${service.name}:${port}`);
    return { host: '127.0.0.1', port };
  }
  async closeService(service: string): Promise<void> {
    if (this.listening.delete(service)) this.log.push(`close ${service}`);
  }
  route(): void {}
  routed(): string[] {
    return [];
  }
  openConnections(): Map<string, number> {
    return new Map();
  }
  async drain(): Promise<{ cut: number }> {
    return { cut: 0 };
  }
  async close(): Promise<void> {
    this.listening.clear();
  }
}

function manifest(services: string): ReturnType<typeof desiredFrom> {
  return desiredFrom(`version: 1
project: p
services:
${services}`);
}

const web = (hostPort: number) => `  web:
    containers: { app: { image: i } }
    expose: { port: 8080, hostPort: ${hostPort} }
`;
const admin = `  admin:
    containers: { app: { image: i } }
    expose: { port: 9000, hostPort: 19000 }
`;

describe('service ports follow the desired state', () => {
  it('closes the port of a removed service and leaves the others open', async () => {
    const host = new RecordingHost();
    const notes: ServingNote[] = [];
    const router = new ServiceRouter(host, (n) => notes.push(n));
    await router.open(manifest(web(18080) + admin));
    await router.open(manifest(web(18080)));
    assert.deepEqual([...host.listening.keys()], ['web']);
    assert.deepEqual(host.log, ['open web:18080', 'open admin:19000', 'close admin']);
    assert.deepEqual(notes.at(-1), { kind: 'port-closed', service: 'admin', url: 'http://127.0.0.1:19000', reason: 'removed from the manifest' });
    // Nothing changes on the next pass.
    await router.open(manifest(web(18080)));
    assert.equal(host.log.length, 3);
  });

  it('closes a changed host port and opens the new one; closes one no longer exposed', async () => {
    const host = new RecordingHost();
    const notes: ServingNote[] = [];
    const router = new ServiceRouter(host, (n) => notes.push(n));
    await router.open(manifest(web(18080)));
    await router.open(manifest(web(18081)));
    assert.deepEqual(host.log, ['open web:18080', 'close web', 'open web:18081']);
    assert.deepEqual(router.served(), [{ service: 'web', url: 'http://127.0.0.1:18081' }]);
    assert.deepEqual(
      notes.find((n) => n.kind === 'port-closed'),
      { kind: 'port-closed', service: 'web', url: 'http://127.0.0.1:18080', reason: 'its host address changed' },
    );
    await router.open(
      manifest(`  web:
    containers: { app: { image: i } }
`),
    );
    assert.deepEqual(host.listening.size, 0);
    assert.match(JSON.stringify(notes.at(-1)), /no longer exposed on a host port/);
  });

  it('opens one at a time when a handover and a pass ask together', async () => {
    const host = new RecordingHost();
    const router = new ServiceRouter(host, () => undefined);
    await router.open(manifest(web(18080)));
    await Promise.all([router.open(manifest(web(18081))), router.open(manifest(web(18081)))]);
    assert.deepEqual(host.log, ['open web:18080', 'close web', 'open web:18081']);
  });
});
