import assert from 'node:assert/strict';
import { deathsNewerThan, overlayObserved } from '../../../../src/core/supervise/observed-overlay';
import { observed, observedContainer } from '../../observed';

describe('overlayObserved', () => {
  const listing = () =>
    observed('shop', [
      observedContainer('api-1', 'server', { id: 'a', state: 'running' }),
      observedContainer('web-1', 'server', { id: 'w', state: 'running' }),
      observedContainer('job-1', 'server', { id: 'j', state: 'exited', exitCode: 0 }),
    ]);

  it('lays deaths, stops and probe health over a copy, leaving the listing as the engine said', () => {
    const engineSaid = listing();
    const before = structuredClone(engineSaid);
    const seen = overlayObserved(engineSaid, {
      died: new Map([
        ['a', 137],
        ['j', 1],
      ]),
      gone: new Set(['w']),
      health: (id) => (id === 'w' ? { status: 'healthy', since: 5, failingStreak: 0, passingStreak: 1 } : undefined),
    });
    assert.deepEqual(engineSaid, before);
    const byId = new Map(seen.pods.flatMap((p) => p.containers).map((c) => [c.id, c]));
    assert.deepEqual([byId.get('a')?.state, byId.get('a')?.exitCode, byId.get('a')?.status], ['exited', 137, 'Exited (reported by its die event)']);
    assert.equal(byId.get('w')?.state, 'exited');
    assert.equal(byId.get('w')?.health?.status, 'healthy');
    assert.deepEqual([byId.get('j')?.state, byId.get('j')?.exitCode], ['exited', 0], 'a death the listing already shows changes nothing');
  });

  it('keeps only the deaths a fresh listing still shows running', () => {
    const died = new Map<string, number | undefined>([
      ['a', 137],
      ['j', 1],
      ['gone-from-list', 2],
    ]);
    assert.deepEqual([...deathsNewerThan(listing(), died)], [['a', 137]]);
    assert.equal(died.size, 3, 'the map given is not changed');
  });
});
