// Amazon ECS: a task definition imported as one pod, and a manifest exported as task
// definitions and services (typed with @aws-sdk/client-ecs), then imported back.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { loadManifest } from '../../../src/core/manifest/load';
import type { ManifestDoc } from '../../../src/core/manifest/types';
import { exportEcs } from '../../../src/interop/ecs/export';
import { importEcs } from '../../../src/interop/ecs/import';

const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures', 'ecs');

function load(manifest: string) {
  const loaded = loadManifest(manifest, { manifestDir: '/srv/app', defaultProject: 'app' });
  assert.deepEqual(
    loaded.diagnostics.filter((d) => d.severity === 'error'),
    [],
    manifest,
  );
  return loaded;
}

describe('import ecs', () => {
  const result = importEcs(readFileSync(path.join(FIXTURES, 'webapp.json'), 'utf8'), 'webapp.json');
  const doc = parse(result.manifest ?? '') as ManifestDoc;
  const service = doc.services.webapp!;

  it('makes one pod of the task, essential container first, and the manifest loads', () => {
    const loaded = load(result.manifest ?? '');
    assert.deepEqual(loaded.diagnostics, []);
    assert.equal(doc.project, 'webapp');
    assert.deepEqual(Object.keys(service.containers), ['web', 'log-router']);
  });

  it('carries command, entrypoint, user, env, resources and the health check with its timing', () => {
    const web = service.containers.web!;
    assert.deepEqual(web.command, ['gunicorn', '-b', '0.0.0.0:8000', 'app:app']);
    assert.deepEqual(web.entrypoint, ['/docker-entrypoint.sh']);
    assert.equal(web.user, '1000');
    assert.equal(web.workingDir, '/app');
    assert.deepEqual(web.env, { APP_ENV: 'production', WORKERS: '4' });
    assert.deepEqual(web.resources, { memory: '512Mi', reserve: { memory: '256Mi', cpus: 0.25 } });
    assert.deepEqual(web.health, {
      exec: ['/bin/sh', '-c', 'curl -f http://localhost:8000/health || exit 1'],
      interval: '15s',
      timeout: '5s',
      failureThreshold: 4,
      startPeriod: '30s',
    });
    assert.equal(service.stopGracePeriod, '20s');
  });

  it('exposes the first port mapping, publishes the others, and maps mount points to volumes and host paths', () => {
    assert.deepEqual(service.expose, { port: 8000 });
    assert.deepEqual(service.containers.web!.ports, [{ port: 9102 }]);
    assert.deepEqual(service.containers.web!.volumes, [
      { name: 'cache', path: '/app/cache' },
      { hostPath: '/etc/ssl/certs', path: '/etc/ssl/certs', readOnly: true },
    ]);
    assert.deepEqual(doc.volumes, { cache: {} });
    assert.deepEqual(doc.allow, ['cap-add', 'host-paths']);
  });

  it('reports what it does not carry: dependsOn, firelens, log configuration, task size, roles', () => {
    const noted = result.notes.map((n) => `${n.kind} ${n.from}`);
    for (const from of [
      'not-carried containerDefinitions.web.dependsOn',
      'not-carried containerDefinitions.log-router.firelensConfiguration',
      'not-carried containerDefinitions.web.logConfiguration',
      'not-carried containerDefinitions.web.linuxParameters.initProcessEnabled',
      'not-carried cpu',
      'not-carried executionRoleArn',
      'warning containerDefinitions.web.linuxParameters',
    ]) {
      assert.ok(noted.includes(from), `${from} not reported: ${noted.join(', ')}`);
    }
    assert.match(result.manifest ?? '', /# not carried: containerDefinitions\.web\.dependsOn: dependsOn \(log-router START\)/);
  });

  it('refuses what is not a task definition, with the place', () => {
    const bad = importEcs(readFileSync(path.join(FIXTURES, 'no-image.json'), 'utf8'), 'no-image.json');
    assert.equal(bad.manifest, undefined);
    assert.match(bad.diagnostics[0]?.message ?? '', /Container web has no image/);
    assert.equal(bad.diagnostics[0]?.range.start.line, 0);
    assert.equal(importEcs('{ "family": ', 'x.json').manifest, undefined);
    assert.match(importEcs('{ "family": "x" }', 'x.json').diagnostics[0]?.message ?? '', /needs a non-empty "containerDefinitions"/);
  });
});

describe('export ecs', () => {
  const loaded = load(`version: 1
project: shop
services:
  web:
    replicas: 4
    containers:
      app:
        image: shop/web:2
        command: [httpd, -f, -p, "8080"]
        env: { MODE: prod, WORKERS: 2 }
        resources: { cpus: 0.5, memory: 128Mi, reserve: { memory: 64Mi } }
        volumes: [ { name: data, path: /data } ]
      drain: { image: shop/drain:1, capAdd: [NET_ADMIN] }
    expose: { port: 8080 }
    health: { http: { path: /healthz, port: 8080 }, interval: 15s, timeout: 3s }
    stopGracePeriod: 30s
    deploy: { maxSurge: 1, maxUnavailable: 0, autoRollback: false }
    placement: binpack
  api:
    containers: { server: { image: shop/api:1, health: { exec: ["true"] } } }
    deploy: { strategy: blue-green }
volumes:
  data: {}
allow: [cap-add]
`);
  const exported = exportEcs(loaded.doc!, 'shop');
  const [web, api] = exported.services;

  it("writes an awsvpc task definition with the pod's containers, the first essential", () => {
    const task = web!.taskDefinition;
    assert.equal(task.family, 'shop-web');
    assert.equal(task.networkMode, 'awsvpc');
    const [app, drain] = task.containerDefinitions!;
    assert.deepEqual(
      { ...app, healthCheck: undefined },
      {
        name: 'app',
        image: 'shop/web:2',
        essential: true,
        command: ['httpd', '-f', '-p', '8080'],
        environment: [
          { name: 'MODE', value: 'prod' },
          { name: 'WORKERS', value: '2' },
        ],
        portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
        memory: 128,
        memoryReservation: 64,
        cpu: 512,
        healthCheck: undefined,
        stopTimeout: 30,
        mountPoints: [{ sourceVolume: 'data', containerPath: '/data', readOnly: false }],
      },
    );
    assert.deepEqual(app?.healthCheck, {
      command: ['CMD-SHELL', 'wget -q -O /dev/null http://localhost:8080/healthz || exit 1'],
      interval: 15,
      timeout: 3,
      retries: 3,
      startPeriod: 0,
    });
    assert.deepEqual(drain?.linuxParameters, { capabilities: { add: ['NET_ADMIN'] } });
    assert.equal(drain?.essential, false);
    assert.deepEqual(task.volumes, [{ name: 'data', dockerVolumeConfiguration: { scope: 'shared', autoprovision: true, driver: 'local' } }]);
  });

  it('writes the service: desiredCount, percentages from the rolling settings, circuit breaker, placement', () => {
    assert.equal(web!.service.desiredCount, 4);
    assert.deepEqual(web!.service.deploymentConfiguration, { maximumPercent: 125, minimumHealthyPercent: 100, deploymentCircuitBreaker: { enable: true, rollback: false } });
    assert.deepEqual(web!.service.placementStrategy, [{ type: 'binpack', field: 'memory' }]);
    assert.deepEqual(api!.service.deploymentConfiguration, { maximumPercent: 200, minimumHealthyPercent: 100, deploymentCircuitBreaker: { enable: true, rollback: true } });
    assert.equal(api!.service.placementStrategy?.[0]?.type, 'spread');
    assert.deepEqual(api!.taskDefinition.containerDefinitions?.[0]?.healthCheck?.command, ['CMD', 'true']);
    const at = exported.notes.map((n) => n.at);
    for (const place of ['services.web.expose', 'services.web.containers.app.health', 'services.api.deploy.strategy', 'services'])
      assert.ok(at.includes(place), `${place} not reported`);
  });

  it('imports its own task definition back to the same pod (export, then import)', () => {
    const again = importEcs(JSON.stringify(web!.taskDefinition), 'shop-web.json');
    const doc = parse(again.manifest ?? '') as ManifestDoc;
    load(again.manifest ?? '');
    const pod = doc.services['shop-web']!;
    assert.deepEqual(Object.keys(pod.containers), ['app', 'drain']);
    assert.deepEqual(pod.containers.app!.command, ['httpd', '-f', '-p', '8080']);
    assert.deepEqual(pod.containers.app!.env, { MODE: 'prod', WORKERS: '2' });
    assert.deepEqual(pod.expose, { port: 8080 });
    assert.deepEqual(pod.containers.drain!.capAdd, ['NET_ADMIN']);
  });
});

describe('compose, then ECS, then back', () => {
  it("keeps every pod's containers, images, commands, env and ports through import, export and re-import", async () => {
    const { importFixture } = await import('./compose-fixtures');
    for (const name of ['web-db', 'sidecars', 'nginx-proxy']) {
      const imported = importFixture(name);
      const { services } = exportEcs(imported.loaded.doc!, imported.loaded.desired!.project);
      for (const exported of services) {
        const original = imported.doc.services[exported.name]!;
        const again = parse(importEcs(JSON.stringify(exported.taskDefinition), 'task.json').manifest ?? '') as ManifestDoc;
        const pod = Object.values(again.services)[0]!;
        assert.deepEqual(Object.keys(pod.containers), Object.keys(original.containers), `${name}/${exported.name}`);
        for (const [containerName, container] of Object.entries(original.containers)) {
          const back = pod.containers[containerName]!;
          assert.equal(back.image, container.image);
          assert.deepEqual(back.command, container.command);
          assert.deepEqual(back.env, container.env ? Object.fromEntries(Object.entries(container.env).map(([k, v]) => [k, String(v)])) : undefined);
        }
        assert.equal(pod.expose?.port, original.expose?.port, `${name}/${exported.name} expose`);
      }
    }
  });
});
