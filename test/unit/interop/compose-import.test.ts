// `flotilla import compose` on a corpus of compose files written the way real projects write
// them: each imported, checked field by field, and loaded by Flotilla's own manifest loader.
import assert from 'node:assert/strict';
import type { ContainerDoc, ServiceDoc } from '../../../src/core/manifest/types';
import { importBad, importFixture, importRaw, type Imported } from './compose-fixtures';

const ENVIRONMENT = { FROM_SHELL: 'shell-value', REGION: 'us-east-2', HOME: '/home/me' };

function container(imported: Imported, service: string, name = service): ContainerDoc {
  const found = imported.doc.services[service]?.containers[name];
  assert.ok(found, `no container ${service}/${name} in\n${imported.manifest}`);
  return found;
}

function service(imported: Imported, name: string): ServiceDoc {
  const found = imported.doc.services[name];
  assert.ok(found, `no service ${name}`);
  return found;
}

function assertLoads(imported: Imported): void {
  const errors = imported.loaded.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors, [], `Flotilla's loader rejects the import:\n${imported.manifest}`);
  assert.ok(imported.loaded.desired, 'no desired state');
}

describe('import compose: a web app and its database', () => {
  const imported = importFixture('web-db', { environment: ENVIRONMENT });

  it('loads with no problem at all and keeps the folder name as project', () => {
    assert.deepEqual(imported.loaded.diagnostics, []);
    assert.equal(imported.doc.project, 'web-db');
  });

  it('carries images, environment maps, the named volume and resources', () => {
    assert.equal(container(imported, 'db').image, 'postgres:16-alpine');
    assert.deepEqual(container(imported, 'db').env, { POSTGRES_USER: 'shop', POSTGRES_PASSWORD: 'shop', POSTGRES_DB: 'shop' });
    assert.deepEqual(container(imported, 'db').volumes, [{ name: 'pgdata', path: '/var/lib/postgresql/data' }]);
    assert.deepEqual(imported.doc.volumes, { pgdata: {} });
    assert.deepEqual(container(imported, 'db').resources, { cpus: 1.5, memory: '1Gi', reserve: { memory: '256Mi' } });
  });

  it('turns healthchecks into exec probes with the same timing (and docker defaults written out)', () => {
    assert.deepEqual(container(imported, 'app').health, {
      exec: ['wget', '-q', '-O-', 'http://localhost:8000/health'],
      interval: '10s',
      timeout: '3s',
      failureThreshold: 3,
      startPeriod: '20s',
    });
    assert.deepEqual(container(imported, 'db').health, { exec: ['/bin/sh', '-c', 'pg_isready -U shop -d shop'], interval: '5s', timeout: '5s', failureThreshold: 10 });
  });

  it('publishes the app port as a balanced expose and maps restart policies', () => {
    assert.deepEqual(service(imported, 'app').expose, { port: 8000, hostPort: 8000 });
    assert.equal(service(imported, 'app').restart, 'always');
    assert.equal(service(imported, 'db').restart, 'always');
    assert.ok(imported.noted.includes('changed services.app.restart'), 'unless-stopped is reported as changed');
  });

  it('reports depends_on (not carried yet) in the output and as a comment at the container', () => {
    assert.ok(imported.noted.includes('not-carried services.app.depends_on'));
    assert.match(imported.manifest ?? '', /# not carried: services\.app\.depends_on: .*service_healthy.*\n\s+app:\n\s+image/);
  });
});

describe('import compose: nginx in front of an api', () => {
  const imported = importFixture('nginx-proxy');

  it('loads, with bind mounts relative to the manifest and read-only kept', () => {
    assertLoads(imported);
    assert.deepEqual(container(imported, 'proxy').volumes, [
      { hostPath: './nginx/default.conf', path: '/etc/nginx/conf.d/default.conf', readOnly: true },
      { hostPath: './static', path: '/usr/share/nginx/html', readOnly: true },
    ]);
  });

  it('exposes the first published port and publishes the second from the container', () => {
    assert.deepEqual(service(imported, 'proxy').expose, { port: 80, hostPort: 80 });
    assert.deepEqual(container(imported, 'proxy').ports, [{ port: 443, hostPort: 8443, hostIp: '127.0.0.1' }]);
  });

  it('keeps replicas and the command list; compose default restart "no" becomes never', () => {
    assert.equal(service(imported, 'api').replicas, 3);
    assert.deepEqual(container(imported, 'api').command, ['gunicorn', '--bind', '0.0.0.0:9000', 'app:app']);
    assert.equal(service(imported, 'api').restart, 'never');
  });

  it('lists every field it cannot carry: container_name, networks, logging, expose', () => {
    for (const from of ['services.proxy.container_name', 'services.proxy.networks', 'services.proxy.logging', 'networks']) {
      assert.ok(imported.noted.includes(`not-carried ${from}`), `${from} not reported: ${imported.noted.join(', ')}`);
    }
    assert.ok(imported.noted.includes('changed services.api.expose'));
    assert.ok(!importFixture('web-db').noted.some((n) => n.includes('networks')), 'no network noted where compose uses only its default one');
    assert.match(imported.manifest ?? '', /# not carried: networks: top-level networks \(front, back\)/);
  });
});

describe('import compose: sidecars sharing a network namespace', () => {
  const imported = importFixture('sidecars');

  it("makes network_mode: service:x containers of x's pod, following chains, first container first", () => {
    assertLoads(imported);
    assert.deepEqual(Object.keys(imported.doc.services), ['app', 'writer']);
    assert.deepEqual(Object.keys(service(imported, 'app').containers), ['app', 'log-shipper', 'metrics']);
  });

  it('takes the project from name:, splits string commands and entrypoints without a shell', () => {
    assert.equal(imported.doc.project, 'telemetry');
    assert.deepEqual(container(imported, 'app').command, ['./server', '--port', '8080']);
    assert.deepEqual(container(imported, 'app').entrypoint, ['/usr/local/bin/entry.sh']);
    assert.deepEqual(container(imported, 'app', 'metrics').command, ['--listen', ':9100', '--label', 'env prod']);
    assert.equal(container(imported, 'app').user, '1000:1000');
    assert.equal(container(imported, 'app').workingDir, '/srv');
  });

  it('carries udp ports, stop_grace_period and volume labels', () => {
    assert.deepEqual(service(imported, 'app').expose, { port: 8080, hostPort: 9090 });
    assert.deepEqual(container(imported, 'app').ports, [{ port: 9091, protocol: 'udp', hostPort: 9091 }]);
    assert.equal(service(imported, 'app').stopGracePeriod, '90s');
    assert.deepEqual(imported.doc.volumes, { applogs: { labels: { team: 'telemetry' } } });
    assert.deepEqual(container(imported, 'app', 'log-shipper').volumes, [{ name: 'applogs', path: '/var/log/app', readOnly: true }]);
  });
});

describe('import compose: env files and interpolation', () => {
  const imported = importFixture('env-interp', { environment: ENVIRONMENT });

  it('interpolates ${VAR:-default}, ${VAR-default}, ${VAR:?}, ${VAR:+} and $$ from the environment and .env', () => {
    assertLoads(imported);
    assert.equal(container(imported, 'worker').image, 'example/worker:4.2');
    assert.deepEqual(container(imported, 'worker').command, ['run', '--concurrency', '']);
    assert.equal(container(imported, 'rabbit').env?.RABBITMQ_DEFAULT_USER, 'guest');
    assert.equal(container(imported, 'rabbit').env?.RABBITMQ_NODENAME, '');
  });

  it('merges env_file under environment (list form); the environment wins over .env', () => {
    assert.deepEqual(container(imported, 'worker').env, {
      API_KEY: 'abc def',
      LOG_LEVEL: 'debug',
      REGION: 'us-east-2',
      QUEUE_URL: 'amqp://rabbit:5672',
      PRICE: '$5',
      FROM_SHELL: 'shell-value',
    });
  });

  it('warns about an unset variable at its place, once', () => {
    const warnings = imported.diagnostics.filter((d) => d.code === 'compose/variable');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]?.message ?? '', /UNSET_VAR is not set/);
    assert.equal(warnings[0]?.range.start.line, 17);
  });

  it('fails with a located error when a ${VAR:?} variable is empty (the environment wins over .env)', () => {
    const result = importRaw('env-interp', { MQ_USER: '' });
    assert.equal(result.manifest, undefined);
    const error = result.diagnostics.find((d) => d.severity === 'error');
    assert.equal(error?.message, 'MQ_USER is required: set MQ_USER in .env');
    assert.deepEqual(error?.path, ['services', 'rabbit', 'environment', 'RABBITMQ_DEFAULT_USER']);
    assert.equal(error?.range.start.line, 15);
  });
});

describe('import compose: rolling updates', () => {
  const imported = importFixture('rolling');

  it('maps update_config start-first to surge and stop-first to unavailable', () => {
    assertLoads(imported);
    assert.deepEqual(service(imported, 'web').deploy, { strategy: 'rolling', maxSurge: 2, maxUnavailable: 0, minHealthyTime: '30s', autoRollback: true });
    assert.deepEqual(service(imported, 'queue').deploy, { strategy: 'rolling', maxSurge: 0, maxUnavailable: 1, autoRollback: false });
    assert.deepEqual(service(imported, 'batch').deploy, { strategy: 'rolling', maxSurge: 0, maxUnavailable: '100%' });
  });

  it('carries replicas and restart_policy, and reports delay, placement and retry limits', () => {
    assert.equal(service(imported, 'web').replicas, 4);
    assert.equal(service(imported, 'web').restart, 'on-failure');
    assert.equal(service(imported, 'batch').restart, 'on-failure');
    assert.equal(service(imported, 'web').stopGracePeriod, '20s');
    for (const from of ['services.web.deploy.update_config.delay', 'services.web.deploy.placement', 'services.web.deploy.restart_policy.max_attempts', 'services.batch.restart']) {
      assert.ok(imported.noted.includes(`not-carried ${from}`), `${from} not reported`);
    }
  });
});

describe('import compose: host powers', () => {
  const imported = importFixture('powers');

  it('carries cap_add, devices, privileged and pid: host into allow: with a warning each', () => {
    assertLoads(imported);
    assert.deepEqual(container(imported, 'vpn').capAdd, ['NET_ADMIN', 'SYS_MODULE']);
    assert.equal(container(imported, 'agent').privileged, true);
    assert.equal(service(imported, 'agent').hostPid, true);
    assert.deepEqual(imported.doc.allow, ['privileged', 'host-pid', 'cap-add', 'devices', 'docker-socket', 'host-paths']);
    assert.ok(
      imported.loaded.diagnostics.every((d) => !d.code.startsWith('security/')),
      'every power is allowed',
    );
    for (const from of ['services.vpn.cap_add', 'services.agent.privileged', 'services.agent.pid', 'services.agent.volumes']) {
      assert.ok(imported.noted.includes(`warning ${from}`), `${from} not warned about`);
    }
    assert.match(imported.manifest ?? '', /# WARNING: services\.vpn\.cap_add/);
  });

  it('keeps ports on 127.0.0.1 and says so, and reports sysctls and profiles', () => {
    assert.deepEqual(container(imported, 'vpn').ports, [{ port: 51820, protocol: 'udp', hostPort: 51820 }]);
    assert.ok(imported.noted.includes('changed services.vpn.ports'));
    assert.ok(imported.noted.includes('not-carried services.vpn.sysctls'));
    assert.ok(imported.noted.includes('not-carried services.agent.profiles'));
  });
});

describe('import compose: bad input gets a located error and no manifest', () => {
  const cases: [string, RegExp, number][] = [
    ['not-yaml.yml', /Flow sequence/, 3],
    ['wrong-version.yml', /version "1\.0" is not supported/, 0],
    ['unknown-depends-on.yml', /depends_on names service "cache"/, 3],
    ['unknown-network-service.yml', /network_mode names service "webb".*did you mean "web"/, 5],
    ['unknown-key.yml', /unknown key "porst"/, 3],
    ['service-name.yml', /Service name "_worker" must start with a letter or digit/, 4],
  ];
  for (const [file, message, line] of cases) {
    it(file, () => {
      const result = importBad(file);
      assert.equal(result.manifest, undefined);
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      assert.ok(errors.length > 0);
      assert.match(errors[0]?.message ?? '', message);
      assert.equal(errors[0]?.range.start.line, line, JSON.stringify(errors[0]));
    });
  }
});
