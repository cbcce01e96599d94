// `flotilla export kubernetes`, the pure part: a validated manifest in, Kubernetes objects and
// notes out. Per service: a Deployment (the pod's containers in one template), a Service for
// its exposed port, an autoscaling/v2 HorizontalPodAutoscaler from autoscale; per named volume
// a PersistentVolumeClaim. What Kubernetes has no counterpart for is reported, not dropped.

import type { DeployDoc, ManifestDoc, ServiceDoc } from '../../core/manifest/types';
import { parseDuration, parsePercent } from '../../core/model/units';
import { podContainers } from './pod';
import { type Deployment, dnsName, type ExportNote, type HorizontalPodAutoscaler, type PersistentVolumeClaim, type Service } from './types';

export type KubernetesObject = Deployment | Service | HorizontalPodAutoscaler | PersistentVolumeClaim;

export interface KubernetesExport {
  /** Objects by file: one file per service, plus "volumes" for the claims. */
  files: { name: string; objects: KubernetesObject[] }[];
  notes: ExportNote[];
}

/** Size of each claim: Flotilla's local volumes have none, Kubernetes needs one. */
export const CLAIM_SIZE = '1Gi';

export function exportKubernetes(doc: ManifestDoc, project: string, manifestDir: string): KubernetesExport {
  const notes: ExportNote[] = [];
  const files: KubernetesExport['files'] = [];
  for (const [name, service] of Object.entries(doc.services)) files.push({ name: dnsName(name), objects: serviceObjects(name, service, project, manifestDir, notes) });
  const claims = Object.entries(doc.volumes ?? {}).map(([name, volume]): PersistentVolumeClaim => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: dnsName(name), labels: { ...partOf(project), ...(volume.labels ?? {}) } },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: CLAIM_SIZE } } },
  }));
  if (claims.length > 0) {
    files.push({ name: 'volumes', objects: claims });
    notes.push({ at: 'volumes', message: `each volume became a ReadWriteOnce claim of ${CLAIM_SIZE} (Flotilla's volumes have no size): adjust to your storage class` });
  }
  if (doc.nodes && doc.nodes.length > 0) notes.push({ at: 'nodes', message: 'nodes are not exported: the cluster schedules pods on its own nodes' });
  if (doc.allow?.length) notes.push({ at: 'allow', message: `allow: ${doc.allow.join(', ')} has no Kubernetes object: the cluster's Pod Security admission decides` });
  return { files, notes };
}

function partOf(project: string): Record<string, string> {
  return { 'app.kubernetes.io/part-of': dnsName(project), 'app.kubernetes.io/managed-by': 'flotilla' };
}

function serviceObjects(name: string, service: ServiceDoc, project: string, manifestDir: string, notes: ExportNote[]) {
  const at = `services.${name}`;
  const id = dnsName(name);
  const selector = { 'app.kubernetes.io/name': id, 'app.kubernetes.io/part-of': dnsName(project) };
  const labels = { ...partOf(project), ...selector };
  const { containers, volumes } = podContainers(name, service, notes, manifestDir);
  const replicas = service.replicas ?? service.autoscale?.min ?? 1;
  const deployment: Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: id, labels },
    spec: {
      replicas,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels },
        spec: {
          containers,
          ...(volumes.length ? { volumes } : {}),
          terminationGracePeriodSeconds: Math.round((parseDuration(service.stopGracePeriod ?? '10s') ?? 10_000) / 1000),
          ...(service.hostNetwork ? { hostNetwork: true } : {}),
          ...(service.hostPid ? { hostPID: true } : {}),
        },
      },
      ...rollout(service.deploy ?? {}, at, notes),
    },
  };
  const objects: KubernetesObject[] = [deployment];
  if (service.restart && service.restart !== 'always')
    notes.push({ at: `${at}.restart`, message: `restart: ${service.restart} has no Deployment equivalent (its pods always restart); a Job runs to completion instead` });
  if (service.expose) {
    objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: id, labels },
      spec: { selector, ports: [{ name: 'main', port: service.expose.hostPort ?? service.expose.port, targetPort: service.expose.port, protocol: 'TCP' }] },
    });
    if (service.expose.balance === 'least-connections')
      notes.push({ at: `${at}.expose.balance`, message: 'least-connections balancing is not a Service setting (kube-proxy picks at random or round robin)' });
  }
  if (service.autoscale) objects.push(autoscaler(id, labels, service, at, notes));
  if (service.placement === 'binpack')
    notes.push({ at: `${at}.placement`, message: 'binpack has no Deployment setting: it is a scheduler profile (MostAllocated scoring) of the cluster' });
  return objects;
}

/** Rolling settings carry over; blue-green becomes a rolling update that starts the whole new set first. */
function rollout(deploy: DeployDoc, at: string, notes: ExportNote[]): Partial<NonNullable<Deployment['spec']>> {
  let maxSurge: number | string = deploy.maxSurge ?? '25%';
  let maxUnavailable: number | string = deploy.maxUnavailable ?? '25%';
  if (deploy.strategy === 'blue-green') {
    maxSurge = '100%';
    maxUnavailable = 0;
    notes.push({
      at: `${at}.deploy.strategy`,
      message:
        'blue-green became a rolling update with maxSurge 100% and maxUnavailable 0: the whole new set starts before old pods stop, but traffic moves pod by pod as they turn ready; for an atomic switch use an Argo Rollouts Rollout with strategy.blueGreen',
    });
  }
  if (isZero(maxSurge) && isZero(maxUnavailable)) {
    maxSurge = 1;
    notes.push({ at: `${at}.deploy`, message: 'maxSurge and maxUnavailable are both 0, which Kubernetes refuses: maxSurge 1 is written' });
  }
  if (deploy.autoRollback !== false)
    notes.push({
      at: `${at}.deploy.autoRollback`,
      message: 'a Deployment does not roll back by itself: a failed rollout stops at progressDeadlineSeconds (kubectl rollout undo, or Argo Rollouts, rolls back)',
    });
  if (deploy.drainTimeout)
    notes.push({ at: `${at}.deploy.drainTimeout`, message: 'drainTimeout is not exported: terminationGracePeriodSeconds and a preStop hook play that part' });
  return {
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } },
    minReadySeconds: Math.round((parseDuration(deploy.minHealthyTime ?? '5s') ?? 5000) / 1000),
    progressDeadlineSeconds: Math.max(1, Math.round((parseDuration(deploy.healthyDeadline ?? '2m') ?? 120_000) / 1000)),
    revisionHistoryLimit: deploy.history ?? 10,
  };
}

function isZero(value: number | string): boolean {
  return value === 0 || (typeof value === 'string' && parseFloat(value) === 0);
}

function autoscaler(id: string, labels: Record<string, string>, service: ServiceDoc, at: string, notes: ExportNote[]): HorizontalPodAutoscaler {
  const autoscale = service.autoscale as NonNullable<ServiceDoc['autoscale']>;
  const metrics: NonNullable<NonNullable<HorizontalPodAutoscaler['spec']>['metrics']> = [];
  for (const resource of ['cpu', 'memory'] as const) {
    const target = autoscale[resource];
    if (target === undefined) continue;
    metrics.push({ type: 'Resource', resource: { name: resource, target: { type: 'Utilization', averageUtilization: Math.round((parsePercent(target) ?? 0.8) * 100) } } });
    const measured = Object.values(service.containers).some(
      (c) => (resource === 'cpu' ? (c.resources?.reserve?.cpus ?? c.resources?.cpus) : (c.resources?.reserve?.memory ?? c.resources?.memory)) !== undefined,
    );
    if (!measured)
      notes.push({
        at: `${at}.autoscale.${resource}`,
        message: `${resource} utilization is measured against requests, and no container sets a ${resource} reservation or limit: the autoscaler cannot compute it`,
      });
  }
  if (autoscale.min < 1) notes.push({ at: `${at}.autoscale.min`, message: 'min 0 became minReplicas 1: scaling to zero needs the HPAScaleToZero feature gate or KEDA' });
  if (autoscale.schedule?.length) notes.push({ at: `${at}.autoscale.schedule`, message: "scheduled windows have no HorizontalPodAutoscaler field: use KEDA's cron scaler" });
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: id, labels },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: id },
      minReplicas: Math.max(1, autoscale.min),
      maxReplicas: autoscale.max,
      ...(metrics.length ? { metrics } : {}),
    },
  };
}
