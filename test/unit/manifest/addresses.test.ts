// Host addresses: every form of a non-loopback address needs allow: [public-ports], in expose
// and in ports; loopback in any form does not; text that is no address is an error. And the
// timing settings that contradict each other are warned about on the field to change.
import assert from 'node:assert/strict';
import { formatDiagnostic } from '../../../src/core/model/diagnostics';
import { isLoopback, isWildcard, parseHostAddress } from '../../../src/core/manifest/addresses';
import { loadManifest } from '../../../src/core/manifest/load';

function problems(text: string): string[] {
  const loaded = loadManifest(text, { manifestDir: '/projects/shop', workspaceDir: '/projects/shop', defaultProject: 'shop' });
  return loaded.diagnostics.map((d) => formatDiagnostic('f.yaml', d));
}

const exposed = (hostIp: string) => `version: 1\nservices:\n  web:\n    expose: { port: 80, hostPort: 18080, hostIp: "${hostIp}" }\n    containers:\n      app: { image: x:1 }\n`;
const published = (hostIp: string) => `version: 1\nservices:\n  web:\n    containers:\n      app:\n        image: x:1\n        ports: [ { port: 80, hostIp: "${hostIp}" } ]\n`;

const PUBLIC = [
  '0.0.0.0',
  '::',
  '0:0:0:0:0:0:0:0',
  '192.168.1.10',
  '10.0.0.1',
  '172.17.0.1',
  '8.8.8.8',
  'fe80::1',
  '2001:db8::1',
  '::ffff:192.168.0.1',
  '::ffff:0.0.0.0',
  '::127.0.0.1',
];
const LOOPBACK = ['127.0.0.1', '127.0.0.2', '127.255.255.254', '::1', '0:0:0:0:0:0:0:1', '0000::0001', '::ffff:127.0.0.1'];
const NOT_ADDRESSES = ['localhost', '[::1]', '256.0.0.1', '1.2.3', '01.2.3.4', '1::2::3', '1:2:3:4:5:6:7:8:9', ':1', 'fe80::1%eth0', ''];

describe('host addresses', () => {
  it('parses IPv4 and IPv6 forms, and tells loopback and wildcards', () => {
    for (const text of [...PUBLIC, ...LOOPBACK]) assert.ok(parseHostAddress(text), text);
    for (const text of NOT_ADDRESSES) assert.equal(parseHostAddress(text), undefined, text);
    for (const text of LOOPBACK) assert.equal(isLoopback(parseHostAddress(text)!), true, text);
    for (const text of PUBLIC) assert.equal(isLoopback(parseHostAddress(text)!), false, text);
    assert.deepEqual(
      ['0.0.0.0', '::', '0:0:0:0:0:0:0:0', '::ffff:0.0.0.0', '127.0.0.1', '::1'].map((t) => isWildcard(parseHostAddress(t)!)),
      [true, true, true, true, false, false],
    );
    assert.deepEqual(parseHostAddress('2001:db8::ff00:42:8329')?.bytes, [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0xff, 0x00, 0x00, 0x42, 0x83, 0x29]);
  });

  for (const hostIp of PUBLIC) {
    it(`needs allow: [public-ports] for ${hostIp} in expose and in ports`, () => {
      const [onExpose] = problems(exposed(hostIp));
      assert.match(onExpose ?? '', new RegExp(`^f\\.yaml:4:50: warning: web's port is reachable from other machines on ${hostIp.replace(/\./g, '\\.')};`));
      const [onPort] = problems(published(hostIp));
      assert.match(onPort ?? '', /^f\.yaml:7:38: warning: port 80 of app is reachable from other machines on /);
      assert.deepEqual(problems(`${exposed(hostIp)}allow: [public-ports]\n`), []);
      assert.deepEqual(problems(`${published(hostIp)}allow: [public-ports]\n`), []);
    });
  }

  it('accepts every loopback form without allow', () => {
    for (const hostIp of LOOPBACK) {
      assert.deepEqual(problems(exposed(hostIp)), [], hostIp);
      assert.deepEqual(problems(published(hostIp)), [], hostIp);
    }
  });

  it('refuses text that is no address, on the value', () => {
    assert.deepEqual(problems(exposed('localhost')), ['f.yaml:4:50: error: hostIp "localhost" is not an IPv4 or IPv6 address (like 127.0.0.1 or ::1); use 127.0.0.1']);
    assert.deepEqual(problems(published('[::1]')), ['f.yaml:7:38: error: hostIp "[::1]" is not an IPv4 or IPv6 address (like 127.0.0.1 or ::1); write it without brackets (::1)']);
  });

  it('sees a port on :: clash with the same port on 127.0.0.1', () => {
    const text = `version: 1\nservices:\n  a:\n    expose: { port: 80, hostPort: 18080, hostIp: "::" }\n    containers: { app: { image: x:1 } }\n  b:\n    expose: { port: 80, hostPort: 18080 }\n    containers: { app: { image: x:1 } }\nallow: [public-ports]\n`;
    assert.deepEqual(problems(text), ['f.yaml:7:35: error: Host port 18080 is already used by service a (services.a.expose.hostPort)']);
  });
});

describe('timing lints', () => {
  const health = (body: string, deploy = '') =>
    `version: 1\nservices:\n  web:\n    containers:\n      app: { image: x:1 }\n    health:\n      http: { port: 80 }\n${body}${deploy}`;

  it('warns when the probe timeout is not shorter than its interval, on the field that was set', () => {
    assert.deepEqual(problems(health('      interval: 5s\n      timeout: 5s\n')), [
      "f.yaml:9:16: warning: The probe's timeout (5s) is not shorter than its interval (5s): a probe that hangs is still running when the next one is due, so failures are seen late; make timeout shorter than interval",
    ]);
    assert.deepEqual(problems(health('      timeout: 30s\n')), [
      "f.yaml:8:16: warning: The probe's timeout (30s) is not shorter than its interval (10s, the default): a probe that hangs is still running when the next one is due, so failures are seen late; make timeout shorter than interval",
    ]);
    assert.deepEqual(problems(health('      interval: 500ms\n')), [
      "f.yaml:8:17: warning: The probe's timeout (1s, the default) is not shorter than its interval (500ms): a probe that hangs is still running when the next one is due, so failures are seen late; make timeout shorter than interval",
    ]);
    assert.deepEqual(problems(health('      interval: 5s\n      timeout: 4s\n')), []);
  });

  it('warns when startPeriod is longer than deploy.healthyDeadline', () => {
    assert.deepEqual(problems(health('      startPeriod: 3m\n')), [
      "f.yaml:8:20: warning: startPeriod (3m) is longer than deploy.healthyDeadline (2m, the default): a deploy is judged before a new pod's failed probes even count, and a slow start is rolled back; make startPeriod shorter than healthyDeadline",
    ]);
    const [shortDeadline, ...others] = problems(health('      startPeriod: 30s\n', '    deploy: { healthyDeadline: 20s }\n'));
    assert.match(shortDeadline ?? '', /^f\.yaml:8:20: warning: startPeriod \(30s\) is longer than deploy\.healthyDeadline \(20s\):/);
    assert.deepEqual(others, []);
    assert.deepEqual(problems(health('      startPeriod: 30s\n', '    deploy: { healthyDeadline: 30s }\n')), []);
  });
});
