// The walkthrough: its contribution names real commands, context keys the code sets and media
// that ship; and each step completes only when its effect is seen in the projects' state.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import './vscode-stub';
import { emptyRevisions, recordRevision, setResult, type RevisionsFile } from '../../../src/core/rollout/revisions';
import type { ContainerHealth } from '../../../src/core/model/state';
import type { ProjectSnapshot } from '../../../src/core/status/store';
import { COMMAND, VIEW, WALKTHROUGH_CONTEXT } from '../../../src/vscode/contract';
import type { TreeInput } from '../../../src/vscode/views/model';
import { walkthroughProgress } from '../../../src/vscode/walkthrough';
import { desiredFrom, SHOP } from '../manifests';
import { observed, observedContainer } from '../observed';

interface Step {
  id: string;
  description: string;
  media: { markdown?: string };
  completionEvents: string[];
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const NOW = 1_000_000;

function snapshot(extra: Partial<ProjectSnapshot> = {}): ProjectSnapshot {
  return { project: 'shop', health: new Map(), backoff: new Map(), restarts: new Map(), healing: new Set(), lastExit: new Map(), supervision: { mode: 'none' }, ...extra };
}

function input(project: ProjectSnapshot | undefined, revisions?: RevisionsFile): TreeInput {
  return {
    manifests: [{ path: '/w/flotilla.yaml', desired: desiredFrom(SHOP), errorCount: 0 }],
    snapshot: () => project,
    engine: { state: 'unknown' },
    now: NOW,
    revisions: () => revisions,
  };
}

describe('walkthrough', () => {
  it('contributes steps that run contributed commands and complete on keys the code sets, with shipped media', () => {
    const [walkthrough] = pkg.contributes.walkthroughs as { id: string; steps: Step[] }[];
    assert.ok(walkthrough);
    const commands = new Set<string>([...Object.values(COMMAND), `${VIEW.services}.focus`]);
    const keys = new Set<string>(Object.values(WALKTHROUGH_CONTEXT));
    const completing = new Set<string>();
    for (const step of walkthrough.steps) {
      const linked = [...step.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]!);
      assert.ok(linked.length > 0, `${step.id} has a button`);
      for (const command of linked) assert.ok(commands.has(command), `${step.id} links unknown command ${command}`);
      for (const event of step.completionEvents) {
        const key = /^onContext:([\w.]+)$/.exec(event)?.[1];
        assert.ok(key && keys.has(key), `${step.id} completes on ${event}, which nothing sets`);
        completing.add(key);
      }
      assert.ok(step.media.markdown && existsSync(step.media.markdown), `${step.id}: media ${step.media.markdown}`);
    }
    assert.deepEqual([...completing].sort(), [...keys].sort(), 'every key the code sets completes a step');
  });

  it('completes nothing before anything ran', () => {
    assert.deepEqual([...walkthroughProgress(input(undefined))], []);
    const created = observed('shop', [observedContainer('web-1', 'app', { state: 'created' })]);
    assert.deepEqual([...walkthroughProgress(input(snapshot({ observed: created })))], []);
  });

  it('sees Up done, a healthy pod and a healed one', () => {
    const running = observed('shop', [observedContainer('web-1', 'app'), observedContainer('web-1', 'log-drain')]);
    assert.deepEqual([...walkthroughProgress(input(snapshot({ observed: running })))], ['up']);
    const healthy: ContainerHealth = { status: 'healthy', failingStreak: 0 };
    const unhealthy: ContainerHealth = { status: 'unhealthy', failingStreak: 3 };
    assert.deepEqual([...walkthroughProgress(input(snapshot({ observed: running, health: new Map([['a', unhealthy]]) })))], ['up']);
    assert.deepEqual([...walkthroughProgress(input(snapshot({ observed: running, health: new Map([['a', healthy]]), restarts: new Map([['web-1', 1]]) })))].sort(), [
      'healed',
      'healthy',
      'up',
    ]);
  });

  it('sees a deploy and a rollback only once recorded as deployed', () => {
    const web = desiredFrom(SHOP).services[0]!;
    let file = recordRevision(emptyRevisions('shop'), web, NOW).file;
    file = setResult(file, 'web', 1, 'deployed', NOW);
    assert.deepEqual([...walkthroughProgress(input(undefined, file))], [], 'the first revision is no deploy');
    const second = recordRevision(file, { ...web, specHash: 'v2' }, NOW);
    assert.deepEqual([...walkthroughProgress(input(undefined, second.file))], [], 'a deploy in progress is not done');
    file = setResult(second.file, 'web', second.revision.number, 'deployed', NOW);
    assert.deepEqual([...walkthroughProgress(input(undefined, file))], ['deployed']);
    const back = recordRevision(file, web, NOW, { rollbackOf: 1 });
    file = setResult(back.file, 'web', back.revision.number, 'deployed', NOW);
    assert.deepEqual([...walkthroughProgress(input(undefined, file))].sort(), ['deployed', 'rolledBack']);
  });
});
