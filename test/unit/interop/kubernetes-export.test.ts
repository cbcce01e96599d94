// `flotilla export kubernetes`: every object validated with kubernetes-models (Kubernetes 1.33
// schemas) plus what those schemas do not check: unknown keys, DNS-1123 names, selectors that
// match the template, maxSurge/maxUnavailable not both 0.
import assert from 'node:assert/strict';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Service } from 'kubernetes-models/v1/Service';
import { loadManifest } from '../../../src/core/manifest/load';
import { exportKubernetes, type KubernetesObject } from '../../../src/interop/kubernetes/index';
import { DNS_1123_LABEL } from '../../../src/interop/kubernetes/types';
import { importFixture } from './compose-fixtures';

const MODELS = { Deployment, Service, HorizontalPodAutoscaler, PersistentVolumeClaim } as const;

/** Keys the exporter may write, per object path shape (the schemas accept unknown keys silently). */
const KNOWN = new Set([
  'apiVersion',
  'kind',
  'metadata',
  'spec',
  'name',
  'labels',
  'replicas',
  'selector',
  'matchLabels',
  'template',
  'containers',
  'volumes',
  'terminationGracePeriodSeconds',
  'hostNetwork',
  'hostPID',
  'strategy',
  'type',
  'rollingUpdate',
  'maxSurge',
  'maxUnavailable',
  'minReadySeconds',
  'progressDeadlineSeconds',
  'revisionHistoryLimit',
  'image',
  'command',
  'args',
  'workingDir',
  'env',
  'value',
  'ports',
  'containerPort',
  'protocol',
  'resources',
  'limits',
  'requests',
  'cpu',
  'memory',
  'storage',
  'livenessProbe',
  'readinessProbe',
  'startupProbe',
  'httpGet',
  'path',
  'port',
  'tcpSocket',
  'exec',
  'periodSeconds',
  'timeoutSeconds',
  'failureThreshold',
  'successThreshold',
  'securityContext',
  'privileged',
  'capabilities',
  'add',
  'runAsUser',
  'runAsGroup',
  'volumeMounts',
  'mountPath',
  'readOnly',
  'persistentVolumeClaim',
  'claimName',
  'hostPath',
  'targetPort',
  'scaleTargetRef',
  'minReplicas',
  'maxReplicas',
  'metrics',
  'resource',
  'target',
  'averageUtilization',
  'accessModes',
]);

function unknownKeys(value: unknown, where: string, found: string[], labelsHere = false): void {
  if (Array.isArray(value)) value.forEach((item, i) => unknownKeys(item, `${where}[${i}]`, found));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (!labelsHere && !KNOWN.has(key)) found.push(`${where}.${key}`);
      unknownKeys(item, `${where}.${key}`, found, ['labels', 'matchLabels', 'limits', 'requests', 'selector'].includes(key));
    }
  }
}

function check(objects: KubernetesObject[]): void {
  for (const object of objects) {
    const Model = MODELS[object.kind as keyof typeof MODELS];
    assert.ok(Model, `unexpected kind ${object.kind}`);
    new Model(object as never).validate();
    const found: string[] = [];
    unknownKeys(object, object.kind, found);
    assert.deepEqual(found, [], 'unknown keys');
    assert.match(object.metadata?.name ?? '', DNS_1123_LABEL);
    if (object.kind === 'Deployment') {
      const spec = object.spec!;
      const labels = spec.template.metadata?.labels ?? {};
      for (const [key, value] of Object.entries(spec.selector.matchLabels ?? {})) assert.equal(labels[key], value, `selector ${key} matches the template`);
      for (const c of spec.template.spec?.containers ?? []) assert.match(c.name, DNS_1123_LABEL);
      const rolling = spec.strategy?.rollingUpdate;
      assert.ok(!(String(rolling?.maxSurge).match(/^0%?$/) && String(rolling?.maxUnavailable).match(/^0%?$/)), 'maxSurge and maxUnavailable not both 0');
    }
  }
}

function exported(manifest: string) {
  const loaded = loadManifest(manifest, { manifestDir: '/srv/app', defaultProject: 'app' });
  assert.ok(loaded.doc && loaded.desired, JSON.stringify(loaded.diagnostics));
  return exportKubernetes(loaded.doc, loaded.desired.project, '/srv/app');
}

describe('export kubernetes', () => {
  const result = exported(`version: 1
project: Shop_2
services:
  web:
    replicas: 2
    containers:
      app:
        image: shop/web:2
        command: [httpd, -f, -p, "8080"]
        entrypoint: [/bin/busybox]
        user: "1000:1000"
        env: { API_URL: "http://api:9000", DEBUG: true }
        resources: { cpus: 0.5, memory: 128Mi, reserve: { cpus: 250m, memory: 64Mi } }
        volumes: [ { name: uploads, path: /srv/uploads }, { hostPath: ./conf, path: /etc/app, readOnly: true } ]
      log_drain:
        image: shop/drain:1
        capAdd: [NET_ADMIN]
        health: { exec: [test, -f, /tmp/ok], interval: 5s, timeout: 2s, failureThreshold: 4, startPeriod: 20s }
    expose: { port: 8080, hostPort: 18080 }
    health: { http: { path: /healthz, port: 8080 }, interval: 3s }
    stopGracePeriod: 45s
    deploy: { maxSurge: 1, maxUnavailable: 0, minHealthyTime: 10s, healthyDeadline: 5m, history: 3 }
    autoscale: { min: 2, max: 8, cpu: "70%", schedule: [ { cron: "0 9 * * 1-5", min: 4 } ] }
    placement: binpack
  api:
    containers:
      server: { image: shop/api:1, health: { tcp: { port: 9000 } } }
    deploy: { strategy: blue-green }
volumes:
  uploads: {}
allow: [cap-add]
`);
  const objects = result.files.flatMap((file) => file.objects);
  const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata?.name === 'web') as import('kubernetes-models/apps/v1/Deployment').IDeployment;

  it('writes valid objects: a Deployment, Service and HPA per service as needed, a claim per volume', () => {
    check(objects);
    assert.deepEqual(
      objects.map((o) => `${o.kind}/${o.metadata?.name}`),
      ['Deployment/web', 'Service/web', 'HorizontalPodAutoscaler/web', 'Deployment/api', 'PersistentVolumeClaim/uploads'],
    );
    assert.deepEqual(
      result.files.map((f) => f.name),
      ['web', 'api', 'volumes'],
    );
  });

  it("puts all the pod's containers in one template, command as args and entrypoint as command", () => {
    const [app, drain] = deployment.spec!.template.spec!.containers;
    assert.equal(drain?.name, 'log-drain');
    assert.deepEqual(app?.command, ['/bin/busybox']);
    assert.deepEqual(app?.args, ['httpd', '-f', '-p', '8080']);
    assert.deepEqual(app?.env, [
      { name: 'API_URL', value: 'http://api:9000' },
      { name: 'DEBUG', value: 'true' },
    ]);
    assert.deepEqual(app?.resources, { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '250m', memory: '64Mi' } });
    assert.deepEqual(app?.securityContext, { runAsUser: 1000, runAsGroup: 1000 });
    assert.deepEqual(drain?.securityContext, { capabilities: { add: ['NET_ADMIN'] } });
    assert.deepEqual(app?.ports, [{ containerPort: 8080, protocol: 'TCP' }]);
  });

  it('keeps probe timing: http for the pod, exec with a startup probe for its start period', () => {
    const [app, drain] = deployment.spec!.template.spec!.containers;
    assert.deepEqual(app?.livenessProbe, { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 3, timeoutSeconds: 1, failureThreshold: 3 });
    assert.deepEqual(app?.readinessProbe, { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 3, timeoutSeconds: 1, failureThreshold: 3, successThreshold: 1 });
    assert.deepEqual(drain?.livenessProbe, { exec: { command: ['test', '-f', '/tmp/ok'] }, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 4 });
    assert.deepEqual(drain?.startupProbe, { exec: { command: ['test', '-f', '/tmp/ok'] }, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 8 });
    const api = objects.find((o) => o.kind === 'Deployment' && o.metadata?.name === 'api') as typeof deployment;
    assert.deepEqual(api.spec!.template.spec!.containers[0]?.livenessProbe?.tcpSocket, { port: 9000 });
  });

  it('carries the rolling strategy, grace period, volumes and the Service port', () => {
    const spec = deployment.spec!;
    assert.deepEqual(spec.strategy, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    assert.equal(spec.minReadySeconds, 10);
    assert.equal(spec.progressDeadlineSeconds, 300);
    assert.equal(spec.revisionHistoryLimit, 3);
    assert.equal(spec.template.spec!.terminationGracePeriodSeconds, 45);
    assert.deepEqual(spec.template.spec!.volumes, [
      { name: 'uploads', persistentVolumeClaim: { claimName: 'uploads' } },
      { name: 'host-conf', hostPath: { path: '/srv/app/conf' } },
    ]);
    const service = objects.find((o) => o.kind === 'Service') as import('kubernetes-models/v1/Service').IService;
    assert.deepEqual(service.spec?.ports, [{ name: 'main', port: 18080, targetPort: 8080, protocol: 'TCP' }]);
    assert.deepEqual(service.spec?.selector, deployment.spec!.selector.matchLabels);
    assert.equal(deployment.metadata?.labels?.['app.kubernetes.io/part-of'], 'shop-2');
  });

  it('scales with an autoscaling/v2 HPA and reports what has no equivalent', () => {
    const hpa = objects.find((o) => o.kind === 'HorizontalPodAutoscaler') as import('kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler').IHorizontalPodAutoscaler;
    assert.deepEqual(hpa.spec, {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 2,
      maxReplicas: 8,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    });
    const at = result.notes.map((n) => n.at);
    for (const place of ['services.web.placement', 'services.web.autoscale.schedule', 'services.api.deploy.strategy', 'services.web.containers.app.volumes', 'volumes', 'allow'])
      assert.ok(at.includes(place), `${place} not reported`);
  });

  it('exports blue-green as a surge of the whole set, never maxSurge and maxUnavailable both 0', () => {
    const api = objects.find((o) => o.kind === 'Deployment' && o.metadata?.name === 'api') as typeof deployment;
    assert.deepEqual(api.spec?.strategy?.rollingUpdate, { maxSurge: '100%', maxUnavailable: 0 });
    // Flotilla's loader refuses this too; the export keeps its own guard.
    const zero = exportKubernetes({ version: 1, services: { w: { containers: { c: { image: 'x' } }, deploy: { maxSurge: 0, maxUnavailable: '0%' } } } }, 'p', '/srv');
    const w = zero.files[0]?.objects[0] as typeof deployment;
    assert.deepEqual(w.spec?.strategy?.rollingUpdate, { maxSurge: 1, maxUnavailable: '0%' });
    check(zero.files.flatMap((f) => f.objects));
  });

  it('exports every imported compose fixture to valid objects (import, then export)', () => {
    for (const name of ['web-db', 'nginx-proxy', 'sidecars', 'rolling']) {
      const imported = importFixture(name);
      assert.ok(imported.loaded.doc && imported.loaded.desired);
      check(exportKubernetes(imported.loaded.doc, imported.loaded.desired.project, '/srv').files.flatMap((f) => f.objects));
    }
  });
});
