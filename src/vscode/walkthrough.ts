// The "Get started with Flotilla" walkthrough completes its steps when their effect is seen, not
// when a button is pressed: a manifest shown in an editor, Up done (a pod running), a pod healthy
// by its probe, a killed pod healed, a deploy recorded, a rollback recorded. Each is a context key
// the walkthrough's completionEvents name (package.json); VS Code remembers a completed step, so
// keys only turn on. (A key already true when VS Code registers the walkthrough never completes
// its step, as seen in VS Code 1.100: so no step waits on flotilla.hasManifest, set at startup.)

import * as vscode from 'vscode';
import type { RevisionsFile } from '../core/rollout/revisions';
import { WALKTHROUGH_CONTEXT } from './contract';
import type { TreeInput } from './views/model';

export type WalkthroughStep = keyof typeof WALKTHROUGH_CONTEXT;
/** Steps seen in the projects' state; the manifest step is seen in the editor instead. */
type StateStep = Exclude<WalkthroughStep, 'manifest'>;

/** Which steps' effects can be seen now, in any of the workspace's projects. */
export function walkthroughProgress(input: TreeInput): Set<StateStep> {
  const seen = new Set<StateStep>();
  for (const manifest of input.manifests) {
    const project = manifest.desired?.project;
    if (!project) continue;
    const snapshot = input.snapshot(project);
    const pods = snapshot?.observed?.pods ?? [];
    if (pods.some((pod) => pod.containers.length > 0 && pod.containers.every((c) => c.state === 'running'))) seen.add('up');
    if ([...(snapshot?.health.values() ?? [])].some((health) => health.status === 'healthy')) seen.add('healthy');
    if ([...(snapshot?.restarts.values() ?? [])].some((count) => count > 0)) seen.add('healed');
    const revisions = input.revisions?.(project);
    if (revisions && deployed(revisions).some((r) => r.rollbackOf === undefined && r.number > 1)) seen.add('deployed');
    if (revisions && deployed(revisions).some((r) => r.rollbackOf !== undefined)) seen.add('rolledBack');
  }
  return seen;
}

function deployed(file: RevisionsFile) {
  return Object.values(file.services).flatMap((history) => history.revisions.filter((r) => r.result === 'deployed'));
}

/** Sets each step's context key once its effect is seen. */
export class WalkthroughContext {
  private readonly done = new Set<WalkthroughStep>();

  constructor(private readonly input: () => TreeInput) {}

  update(): void {
    for (const step of walkthroughProgress(this.input())) this.complete(step);
  }

  /** A manifest is shown in an editor: the first step (describe your services) is done. */
  manifestShown(): void {
    this.complete('manifest');
  }

  private complete(step: WalkthroughStep): void {
    if (this.done.has(step)) return;
    this.done.add(step);
    void vscode.commands.executeCommand('setContext', WALKTHROUGH_CONTEXT[step], true);
  }
}
