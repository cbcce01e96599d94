// The Kubernetes objects the export writes, typed with kubernetes-models (types only: nothing of
// it is bundled), so a misspelt field is a compile error.

export type { IDeployment as Deployment } from 'kubernetes-models/apps/v1/Deployment';
export type { IService as Service } from 'kubernetes-models/v1/Service';
export type { IPersistentVolumeClaim as PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
export type { IHorizontalPodAutoscaler as HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
export type { IIoK8sApiCoreV1Container as Container } from 'kubernetes-models/v1/Container';
export type { IIoK8sApiCoreV1Probe as Probe } from 'kubernetes-models/v1/Probe';
export type { IIoK8sApiCoreV1Volume as Volume } from 'kubernetes-models/v1/Volume';

/** Something the manifest says that Kubernetes has no equivalent for, or that changed on the way. */
export interface ExportNote {
  /** Dotted manifest path: "services.web.placement". */
  at: string;
  message: string;
}

/** DNS-1123 label: lower case letters, digits and '-', starting and ending alphanumeric, at most 63. */
export const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function dnsName(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return cleaned || 'x';
}
