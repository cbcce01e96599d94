// Plan steps in words: the infinitive for logs and `flotilla plan`, the present participle for
// progress ("creating web-2").

import type { Plan, PlanAction } from '../reconcile/plan';

export function describeAction(action: PlanAction): string {
  switch (action.kind) {
    case 'create-network':
      return `create network ${action.network}`;
    case 'create-volume':
      return `create volume ${action.volume}`;
    case 'remove-pod':
      return `remove pod ${action.pod}`;
    case 'create-pod':
      return `create pod ${action.pod} (revision ${action.revision})`;
    case 'start-containers':
      return `start ${action.containers.join(', ')} in pod ${action.pod}`;
    case 'remove-network':
      return `remove network ${action.network}`;
    case 'remove-volume':
      return `remove volume ${action.engineName}`;
  }
}

/** Short present-tense words for a progress line or notification: "creating web-2". */
export function progressText(action: PlanAction): string {
  switch (action.kind) {
    case 'create-network':
      return `creating network ${action.network}`;
    case 'create-volume':
      return `creating volume ${action.volume}`;
    case 'remove-pod':
      return `removing ${action.pod}`;
    case 'create-pod':
      return `creating ${action.pod}`;
    case 'start-containers':
      return `starting ${action.containers.join(', ')} in ${action.pod}`;
    case 'remove-network':
      return `removing network ${action.network}`;
    case 'remove-volume':
      return `removing volume ${action.engineName}`;
  }
}

/** `flotilla plan`: one line per step, + for what is made, - for what goes. */
export function formatPlan(plan: Plan): string[] {
  return plan.steps.map((s) => `${s.action.kind.startsWith('remove') ? '-' : '+'} ${describeAction(s.action)}: ${s.reason}`);
}
