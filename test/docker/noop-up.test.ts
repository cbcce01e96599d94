// A no-op re-apply on the real engine: one engine call (the container list), which shows the
// project's network and named volume through the containers attached to them.
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import type Docker from 'dockerode';
import { networkName, volumeEngineName } from '../../src/core/model/labels';
import { loadManifest } from '../../src/core/manifest/load';
import { up } from '../../src/core/reconcile/up';
import { createDockerEngine } from '../../src/engine';
import { cleanupProject, TEST_IMAGE, uniqueProject } from './helpers';

describe('no-op up (real engine)', () => {
  let project: string;
  afterEach(async () => cleanupProject(project));

  it('re-applies an unchanged project with one engine call, and knows its network and volume exist', async () => {
    project = uniqueProject('noop');
    const text = `version: 1
project: ${project}
services:
  web:
    replicas: 2
    containers:
      app: { image: ${TEST_IMAGE}, command: [sleep, "3600"], volumes: [ { name: data, path: /data } ] }
      side: { image: ${TEST_IMAGE}, command: [sleep, "3600"] }
volumes:
  data: {}
`;
    const desired = loadManifest(text, { manifestDir: tmpdir(), defaultProject: 'x' }).desired;
    assert.ok(desired);
    const engine = createDockerEngine();
    const modem = engine.docker.modem as Docker['modem'] & { dial: (options: { method?: string; path?: string }, callback: unknown) => unknown };
    const dial = modem.dial.bind(modem);
    const requests: string[] = [];
    modem.dial = (options, callback) => {
      requests.push(`${options.method ?? ''} ${(options.path ?? '').split('?')[0] ?? ''}`);
      return dial(options, callback);
    };

    assert.equal((await up(desired, engine, { settleMs: 0 })).applied, 4);
    requests.length = 0;
    const again = await up(desired, engine, { settleMs: 0 });
    assert.equal(again.applied, 0);
    assert.deepEqual(requests, ['GET /containers/json']);
    assert.deepEqual(again.observed.networks, [networkName(project)]);
    assert.deepEqual(again.observed.volumes, [volumeEngineName(project, 'data')]);
  });
});
