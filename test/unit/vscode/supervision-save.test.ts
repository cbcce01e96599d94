// The editor's supervisor and a saved manifest: a save replaces nothing (the supervisor keeps the
// state of the last Up or Deploy and the output says what differs, once); Up hands the state
// over in process and the supervisor rolls it out; Scale overrides hold until the manifest's own
// count changes. The engine is the in-memory fake, the clock real (short waits).
import assert from 'node:assert/strict';
import type { DesiredState } from '../../../src/core/model/state';
import { FlotillaStore } from '../../../src/core/status/store';
import { differingServices, Supervisors, withReplicas } from '../../../src/vscode/supervision';
import { QuietEngine } from '../fake-engine';
import { desiredFrom } from '../manifests';
import { useTempStateHome } from '../state-home';

function manifest(image: string, replicas = 1): DesiredState {
  return desiredFrom(`version: 1
project: saves
services:
  web:
    replicas: ${replicas}
    containers: { app: { image: ${image} } }
    deploy: { strategy: rolling, minHealthyTime: 0s }
`);
}

async function until<T>(what: string, check: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("the editor's supervisor and a saved manifest", () => {
  useTempStateHome('saves');

  it('replaces nothing on a save, tells the difference once, and rolls it out when handed over', async () => {
    const log: string[] = [];
    const supervisors = new Supervisors(new FlotillaStore(), (line) => log.push(line));
    const engine = new QuietEngine(['web:1', 'web:2']);
    const v1 = manifest('web:1');
    const v2 = manifest('web:2');
    supervisors.start(v1, engine);
    try {
      await until('web-1 created', () => (engine.containers.some((c) => c.image === 'web:1' && c.state === 'running') ? true : undefined));
      const createsBefore = engine.calls.filter((c) => c.startsWith('create-pod')).length;

      supervisors.manifestChanged(v2);
      supervisors.manifestChanged(v2);
      // Several debounced passes' worth of time: a restarted or handed-over supervisor would have started v2 by now.
      await new Promise((resolve) => setTimeout(resolve, 600));
      assert.equal(engine.calls.filter((c) => c.startsWith('create-pod')).length, createsBefore, 'a save created nothing');
      assert.equal(supervisors.kept('saves')?.services[0]?.specHash, v1.services[0]?.specHash, 'the supervisor keeps the applied state');
      const told = log.filter((line) => line.startsWith('The manifest of saves changed'));
      assert.deepEqual(told, ["The manifest of saves changed (web); nothing was replaced. Up or Deploy rolls the change out by each service's deploy strategy."]);
      // Scale and Restart work from what runs, not from the saved edit.
      assert.equal(supervisors.applied(v2).services[0]?.specHash, v1.services[0]?.specHash);
      assert.equal(withReplicas(supervisors.applied(v2), 'web', 3).services[0]?.replicas, 3);

      supervisors.handOver(v2);
      assert.equal(supervisors.kept('saves')?.services[0]?.specHash, v2.services[0]?.specHash);
      await until('web rolled out to web:2', () => {
        const web = engine.containers.filter((c) => c.service === 'web');
        return web.length === 1 && web.every((c) => c.image === 'web:2' && c.state === 'running') ? true : undefined;
      });
      assert.ok(
        log.some((line) => /^web: deployed \(revision 2\)\.$/.test(line)),
        log.join('\n'),
      );
    } finally {
      await supervisors.stopAll();
    }
  });

  it('holds a Scale count until the manifest changes that count', () => {
    const supervisors = new Supervisors(new FlotillaStore(), () => undefined);
    assert.equal(supervisors.applied(manifest('web:2')).services[0]?.containers[0]?.image, 'web:2', 'unsupervised: the manifest is what applies');
    supervisors.setReplicas('saves', 'web', 3, 1);
    assert.equal(supervisors.effective(manifest('web:2', 1)).services[0]?.replicas, 3, 'another edit keeps the scale');
    assert.equal(supervisors.effective(manifest('web:1', 4)).services[0]?.replicas, 4, "the manifest's new count wins");
  });

  it('names the services whose spec, count or port differ', () => {
    assert.deepEqual(differingServices(manifest('web:1'), manifest('web:1')), []);
    assert.deepEqual(differingServices(manifest('web:1'), manifest('web:2')), ['web']);
    assert.deepEqual(differingServices(manifest('web:1'), manifest('web:1', 2)), ['web']);
  });
});
