// Open in Browser's address: the service port while served, else a running replica's own port.
import assert from 'node:assert/strict';
import { serviceLink } from '../../../src/app/service-link';
import type { DesiredService } from '../../../src/core/model/state';
import { desiredFrom, SHOP } from '../manifests';
import { observed, observedContainer } from '../observed';

const web = desiredFrom(SHOP).services.find((s) => s.name === 'web') as DesiredService;
const api = desiredFrom(SHOP).services.find((s) => s.name === 'api') as DesiredService;
const published = (hostPort: number, hostIp = '127.0.0.1') => [{ containerPort: web.expose!.port, hostIp, hostPort, protocol: 'tcp' as const }];
const pods = observed('shop', [
  observedContainer('web-2', 'app', { ports: published(32770) }),
  observedContainer('web-1', 'app', { ports: published(32769) }),
  observedContainer('web-1', 'log-drain'),
]).pods;

describe('serviceLink', () => {
  it('opens the service port while a supervisor serves it', () => {
    assert.ok(web.expose?.hostPort, 'the shop exposes web on a host port');
    assert.deepEqual(serviceLink(web, pods, true), { url: `http://127.0.0.1:${web.expose.hostPort}/`, via: 'service-port' });
    const everywhere = { ...web, expose: { ...web.expose, hostIp: '0.0.0.0' } };
    assert.equal((serviceLink(everywhere, pods, true) as { url: string }).url, `http://127.0.0.1:${web.expose.hostPort}/`, 'a wildcard is reached on loopback');
    const v6 = { ...web, expose: { ...web.expose, hostIp: '::1' } };
    assert.equal((serviceLink(v6, pods, true) as { url: string }).url, `http://[::1]:${web.expose.hostPort}/`);
  });

  it("opens the first running replica's published port when nothing serves the service port, and says why", () => {
    assert.deepEqual(serviceLink(web, pods, false), {
      url: 'http://127.0.0.1:32769/',
      via: 'pod',
      pod: 'web-1',
      why: `no supervisor serves port ${web.expose!.hostPort} (Up starts one)`,
    });
    const noHostPort = { ...web, expose: { ...web.expose!, hostPort: undefined } };
    assert.deepEqual(serviceLink(noHostPort, pods, true), { url: 'http://127.0.0.1:32769/', via: 'pod', pod: 'web-1', why: 'web has no hostPort' });
    const firstDown = observed('shop', [
      observedContainer('web-1', 'app', { ports: published(32769), state: 'exited' }),
      observedContainer('web-2', 'app', { ports: published(32770, '0.0.0.0') }),
    ]).pods;
    assert.equal((serviceLink(web, firstDown, false) as { url: string }).url, 'http://127.0.0.1:32770/', 'a stopped replica is skipped');
  });

  it('refuses a service that exposes nothing, or has no running replica', () => {
    assert.deepEqual(serviceLink(api, pods, true), { refused: 'api exposes no port: add "expose: { port: N, hostPort: N }" to it in the manifest.' });
    assert.match((serviceLink(web, [], false) as { refused: string }).refused, /^web has no running pod that publishes port 8080: run "Flotilla: Up" first\.$/);
  });
});
