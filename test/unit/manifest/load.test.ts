import assert from 'node:assert/strict';
import { formatDiagnostic, type Diagnostic } from '../../../src/core/model/diagnostics';
import { loadManifest, projectNameFromFolder } from '../../../src/core/manifest/load';
import { decodeManifestBytes } from '../../../src/core/manifest/source';
import { desiredFrom, SHOP } from '../manifests';

function problems(text: string, workspaceDir = '/projects/shop'): string[] {
  const loaded = loadManifest(text, { manifestDir: '/projects/shop', workspaceDir, defaultProject: 'shop' });
  return loaded.diagnostics.map((d: Diagnostic) => formatDiagnostic('f.yaml', d));
}

const base = (services: string, rest = '') => `version: 1\nservices:\n${services}${rest}`;
const oneService = (body: string) => base(`  web:\n    containers:\n      app:\n        image: x:1\n${body}`);

describe('loadManifest', () => {
  it('accepts the shop manifest with no diagnostics', () => {
    assert.deepEqual(problems(SHOP), []);
  });

  it('places an unknown key on the key, with a suggestion', () => {
    assert.deepEqual(problems(oneService('    replica: 2\n')), ['f.yaml:7:5: error: Unknown key "replica" in services.web (did you mean "replicas"?)']);
  });

  it('explains types, enums and units at the value', () => {
    assert.deepEqual(problems(oneService('    replicas: two\n    restart: sometimes\n    stopGracePeriod: 10 seconds\n')), [
      'f.yaml:7:15: error: services.web.replicas must be a whole number (got "two")',
      'f.yaml:8:14: error: services.web.restart must be one of "always", "on-failure", "never" (got "sometimes")',
      'f.yaml:9:22: error: services.web.stopGracePeriod must be a duration like "10s", "500ms" or "2m" (got "10 seconds")',
    ]);
  });

  it('hints at the right memory unit', () => {
    const [problem] = problems(oneService('').replace('image: x:1', 'image: x:1\n        resources: { memory: 128MB }'));
    assert.match(problem!, /^f\.yaml:7:30: error: services\.web\.containers\.app\.resources\.memory must be .*"128Mi".*"128M"/);
  });

  it('rejects negative replicas and a missing image', () => {
    assert.deepEqual(problems(base('  web:\n    replicas: -1\n    containers:\n      app: {}\n')), [
      'f.yaml:4:15: error: services.web.replicas must be at least 0 (got -1)',
      'f.yaml:6:7: error: services.web.containers.app is missing "image"',
    ]);
  });

  it('reports YAML syntax errors and duplicate keys with their place', () => {
    const [syntax] = problems('version: 1\nservices:\n  web: [unclosed\n');
    assert.match(syntax!, /^f\.yaml:\d+:\d+: error: /);
    const [duplicate] = problems(oneService('').replace('    containers:', '    replicas: 1\n    replicas: 2\n    containers:'));
    assert.match(duplicate!, /^f\.yaml:5:5: error: Map keys must be unique/);
  });

  it('stops alias bombs instead of expanding them', () => {
    const bomb =
      'a: &a [x, x, x, x, x, x, x, x, x, x]\n' +
      Array.from(
        { length: 9 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
      ).join('\n');
    const [problem] = problems(bomb);
    assert.match(problem!, /aliases may expand to at most 100 copies/);
  });

  it('finds undeclared and unused volumes, duplicate host ports and fixed ports with replicas', () => {
    const text = `version: 1
services:
  web:
    replicas: 2
    expose: { port: 80, hostPort: 8080 }
    containers:
      app:
        image: x:1
        volumes: [ { name: uplods, path: /srv } ]
        ports: [ { port: 81, hostPort: 8080 } ]
volumes:
  uploads: {}
`;
    assert.deepEqual(problems(text), [
      'f.yaml:9:28: error: Volume "uplods" is not declared under the top-level volumes (did you mean "uploads"?); add "uplods: {}" there',
      'f.yaml:10:40: error: Host port 8080 is fixed but web can run 2 replicas, and only one can bind it; use "expose" for a load-balanced port, or leave hostPort out for an ephemeral one',
      'f.yaml:10:40: error: Host port 8080 is already used by service web (services.web.expose.hostPort)',
      'f.yaml:12:3: warning: Volume "uploads" is declared but no container mounts it',
    ]);
  });

  it('checks reservations against limits and replicas against autoscale bounds', () => {
    const text = oneService('    replicas: 9\n    autoscale: { min: 3, max: 2 }\n').replace(
      'image: x:1',
      'image: x:1\n        resources: { memory: 64Mi, reserve: { memory: 128Mi } }',
    );
    assert.deepEqual(problems(text), [
      'f.yaml:7:55: error: Reserved memory 128Mi is above the limit 64Mi',
      'f.yaml:8:15: error: replicas (9) is outside the autoscale bounds 3..2',
      'f.yaml:9:16: warning: autoscale is not applied yet by this version of Flotilla: the service keeps its replicas (default: autoscale.min) and is not scaled on usage or schedules',
      'f.yaml:9:23: error: autoscale.min (3) is above autoscale.max (2)',
    ]);
  });

  it('rejects env values that name a misspelt service', () => {
    const text = SHOP.replace('http://api:9000', 'http://apii:9000');
    assert.deepEqual(problems(text), ['f.yaml:10:25: error: API_URL names host "apii", which is not a service of this project (did you mean "api"?)']);
  });

  it('flags host-level powers unless allowed', () => {
    const risky = oneService('    hostNetwork: true\n').replace(
      'image: x:1',
      'image: x:1\n        privileged: true\n        volumes: [ { hostPath: /var/run/docker.sock, path: /var/run/docker.sock }, { hostPath: ../outside, path: /o } ]',
    );
    const found = problems(risky);
    assert.equal(found.length, 4, found.join('\n'));
    assert.ok(found.every((p) => /warning: .*Flotilla will not start it unless the manifest says "allow: \[[a-z-]+\]"$/.test(p)));
    assert.deepEqual(problems(`${risky}allow: [privileged, host-network, docker-socket, host-paths]\n`), []);
    assert.deepEqual(problems(oneService('').replace('image: x:1', 'image: x:1\n        volumes: [ { hostPath: ./data, path: /d } ]')), []);
  });

  it('names the project after the folder unless the manifest names it', () => {
    assert.equal(projectNameFromFolder('My Shop!'), 'my-shop-');
    const loaded = loadManifest(oneService(''), { manifestDir: '/w/My Shop', defaultProject: 'My Shop' });
    assert.equal(loaded.desired?.project, 'my-shop');
  });

  it('expands defaults, units and the ports probes need', () => {
    const desired = desiredFrom(SHOP);
    const web = desired.services.find((s) => s.name === 'web')!;
    assert.equal(web.replicas, 2);
    assert.equal(web.restart, 'always');
    assert.equal(web.stopGraceMs, 10_000);
    assert.deepEqual(web.deploy, {
      strategy: 'rolling',
      maxSurge: '25%',
      maxUnavailable: '25%',
      minHealthyTimeMs: 5000,
      healthyDeadlineMs: 120_000,
      drainTimeoutMs: 10_000,
      autoRollback: true,
      history: 10,
    });
    const app = web.containers[0]!;
    assert.equal(app.nanoCpus, 0.5e9);
    assert.equal(app.memoryBytes, 128 * 1024 ** 2);
    assert.equal(app.reserveMemoryBytes, 64 * 1024 ** 2);
    assert.deepEqual(app.ports, [{ port: 8080, hostIp: '127.0.0.1', protocol: 'tcp' }]);
    assert.deepEqual(app.probe, {
      check: { kind: 'http', path: '/healthz', port: 8080 },
      intervalMs: 10_000,
      timeoutMs: 1000,
      failureThreshold: 3,
      successThreshold: 1,
      startPeriodMs: 0,
    });
    assert.equal(web.containers[1]!.probe, undefined);
    assert.deepEqual(app.mounts, [{ kind: 'volume', volume: 'logs', engineName: 'flotilla-shop-logs', target: '/var/log/app', readOnly: false }]);
    assert.equal(desired.network, 'flotilla-shop');
  });

  it('keeps the spec hash stable across key order, and changes it only with container specs', () => {
    const hash = (text: string) => desiredFrom(text).services.find((s) => s.name === 'web')!.specHash;
    const reordered = SHOP.replace(
      '        command: [httpd, -f, -p, "8080"]\n        env: { API_URL: "http://api:9000" }',
      '        env: { API_URL: "http://api:9000" }\n        command: [httpd, -f, -p, "8080"]',
    );
    assert.notEqual(reordered, SHOP);
    assert.equal(hash(reordered), hash(SHOP));
    assert.equal(hash(SHOP.replace('replicas: 2', 'replicas: 5')), hash(SHOP));
    assert.notEqual(hash(SHOP.replace('shop/web:1', 'shop/web:2')), hash(SHOP));
  });
});

describe('decodeManifestBytes', () => {
  it('points at the first byte that is not UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('version: 1\nproject: caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    const result = decodeManifestBytes(bytes);
    assert.ok('error' in result);
    assert.equal(formatDiagnostic('f.yaml', result.error), 'f.yaml:2:13: error: The manifest is not valid UTF-8 (byte 0xe9 at byte offset 23); save it as UTF-8.');
    assert.deepEqual(decodeManifestBytes(Buffer.from('ok: é')), { text: 'ok: é' });
  });
});
