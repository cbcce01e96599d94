import assert from 'node:assert/strict';
import { emptyRevisions, recordRevision, setResult } from '../../../src/core/rollout/revisions';
import type { DesiredService } from '../../../src/core/model/state';
import { FlotillaStore } from '../../../src/core/status/store';
import { buildServicesTree, indexNodes, type ViewNode } from '../../../src/vscode/views/model';
import { desiredFrom, SHOP } from '../manifests';

const AT = Date.UTC(2026, 10, 26, 9, 12);

describe('services view: Rollouts', () => {
  const desired = desiredFrom(SHOP);
  const web = desired.services.find((s) => s.name === 'web') as DesiredService;
  const webV2: DesiredService = { ...web, specHash: 'v2hash', containers: web.containers.map((c, i) => (i === 0 ? { ...c, image: 'shop/web:2' } : c)) };
  let file = emptyRevisions('shop');
  const add = (spec: DesiredService, at: number, result: Parameters<typeof setResult>[3] | undefined) => {
    const recorded = recordRevision(file, spec, at);
    file = result ? setResult(recorded.file, 'web', recorded.revision.number, result, at + 60_000) : recorded.file;
  };
  add(web, AT, 'deployed');
  add(webV2, AT + 3_600_000, 'rolled back: pod web-2 crash-looped');
  add(webV2, AT + 7_200_000, undefined);

  const tree = (revisions = file) => {
    const store = new FlotillaStore();
    const roots = buildServicesTree({
      manifests: [{ path: '/w/flotilla.yaml', desired, errorCount: 0 }],
      snapshot: (p) => store.project(p),
      engine: store.engineStatus(),
      now: AT,
      revisions: (p) => (p === 'shop' ? revisions : undefined),
    });
    return indexNodes(roots);
  };

  it("lists a service's revisions newest first with time, images and result", () => {
    const rollouts = tree().get('rollouts:shop/web')?.node as ViewNode;
    assert.equal(rollouts.label, 'Rollouts');
    assert.equal(rollouts.description, 'revision 3 in progress');
    assert.equal(rollouts.collapsed, true);
    assert.deepEqual(
      rollouts.children.map((r) => [r.label, r.description]),
      [
        ['Revision 3', '2026-11-26 11:12 · shop/web:2, shop/logdrain:1 · in progress'],
        ['Revision 2', '2026-11-26 10:12 · shop/web:2, shop/logdrain:1 · rolled back: pod web-2 crash-looped'],
        ['Revision 1', '2026-11-26 09:12 · shop/web:1, shop/logdrain:1 · deployed (current)'],
      ],
    );
    assert.equal(rollouts.children[2]?.contextValue, 'flotilla.revision current');
  });

  it('adds nothing for services without revisions, nor when no file is known', () => {
    assert.equal(tree().get('rollouts:shop/api'), undefined);
    assert.equal(tree(emptyRevisions('shop')).get('rollouts:shop/web'), undefined);
    const web = tree(emptyRevisions('shop')).get('service:shop/web')?.node as ViewNode;
    assert.ok(web.children.every((c) => c.kind === 'pod'));
  });
});
