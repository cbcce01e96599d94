// Following a handover (src/app/follow-handover.ts) over an in-memory listing and revision file:
// progress lines as they change, the outcome once recorded, and an end (not a wait until the
// limit) when the supervisor stops or the user cancels.
import assert from 'node:assert/strict';
import { emptyRevisions, recordRevision, setResult, type RevisionsFile } from '../../../src/core/rollout/revisions';
import type { DesiredService, DesiredState, ObservedState } from '../../../src/core/model/state';
import { upThroughSupervisor } from '../../../src/app/follow-handover';
import { desiredFrom } from '../manifests';
import { observed, observedContainer } from '../observed';

function manifest(image: string): DesiredState {
  return desiredFrom(`version: 1
project: shop
services:
  web:
    containers: { app: { image: ${image} } }
`);
}

const web = (d: DesiredState) => d.services[0] as DesiredService;
const runningAt = (d: DesiredState, pod = 'web-1'): ObservedState => observed('shop', [observedContainer(pod, 'app', { specHash: web(d).specHash })]);

function fixture(listing: ObservedState, supervised = () => true) {
  const state = { listing, file: emptyRevisions('shop') as RevisionsFile, handed: [] as DesiredState[], reports: [] as string[] };
  const target = {
    engine: { listProject: async () => state.listing },
    readRevisions: async () => state.file,
    handOver: (d: DesiredState) => state.handed.push(d),
    supervised,
  };
  return { state, target, options: { report: (line: string) => state.reports.push(line), pollMs: 5 } };
}

/** Bounded wait until the follower has reported the line. */
async function reported(reports: string[], line: string): Promise<void> {
  for (let i = 0; i < 400 && !reports.includes(line); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.ok(reports.includes(line), `never reported "${line}": ${reports.join(' | ')}`);
}

describe('following a handover to the supervisor', () => {
  const v1 = manifest('web:1');
  const v2 = manifest('web:2');

  it('hands over once, reports each new line once, and returns the recorded outcome', async () => {
    const { state, target, options } = fixture(runningAt(v1));
    const following = upThroughSupervisor(v2, target, options);
    await reported(state.reports, 'web: waiting for the supervisor to start the rollout (rolling)');
    const { file, revision } = recordRevision(state.file, web(v2), 0);
    state.file = file;
    await reported(state.reports, 'web: rolling out revision 1 (rolling)');
    state.file = setResult(state.file, 'web', revision.number, 'deployed', 0);
    state.listing = runningAt(v2, 'web-2');
    const result = await following;
    assert.equal(state.handed.length, 1);
    assert.deepEqual(state.reports, ['web: rolling to web:2', 'web: waiting for the supervisor to start the rollout (rolling)', 'web: rolling out revision 1 (rolling)']);
    assert.deepEqual(result.outcomes, [{ service: 'web', ok: true, text: 'web: deployed revision 1' }]);
    assert.deepEqual(result.pending, []);
  });

  it('stops following when the supervisor stops, and when cancelled', async () => {
    let alive = true;
    const stopped = fixture(runningAt(v1), () => alive);
    const following = upThroughSupervisor(v2, stopped.target, stopped.options);
    await reported(stopped.state.reports, 'web: waiting for the supervisor to start the rollout (rolling)');
    alive = false;
    const result = await following;
    assert.deepEqual(result.pending, ['web: waiting for the supervisor to start the rollout (rolling)', 'the supervisor stopped before this finished; run Up again']);

    const cancelled = fixture(runningAt(v1));
    const abort = new AbortController();
    const pending = upThroughSupervisor(v2, cancelled.target, { ...cancelled.options, signal: abort.signal });
    await reported(cancelled.state.reports, 'web: waiting for the supervisor to start the rollout (rolling)');
    abort.abort();
    assert.deepEqual((await pending).pending, ['web: waiting for the supervisor to start the rollout (rolling)']);
  });
});
