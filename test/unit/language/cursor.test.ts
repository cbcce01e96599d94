import assert from 'node:assert/strict';
import { cursorContext } from '../../../src/core/manifest/language';
import { atCursor, SERVICE_HEAD } from './cursor-text';

function where(marked: string) {
  const { text, offset } = atCursor(marked);
  const context = cursorContext(text, offset);
  return context && { path: context.path, on: context.on, prefix: context.prefix, present: context.presentKeys };
}

describe('language: cursor path', () => {
  it('finds the object a key is typed into, with the keys it already has', () => {
    assert.deepEqual(where(`${SERVICE_HEAD}    replicas: 2\n    rest|\n    containers:\n      app: {}\n`), {
      path: ['services', 'web'],
      on: 'key',
      prefix: 'rest',
      present: ['replicas', 'containers'],
    });
  });

  it('finds a value, its key and what is typed of it', () => {
    assert.deepEqual(where(`${SERVICE_HEAD}    deploy:\n      strategy: blu|e`), {
      path: ['services', 'web', 'deploy', 'strategy'],
      on: 'value',
      prefix: 'blu',
      present: [],
    });
  });

  it('counts sequence items, with the dash on the same column as the key or deeper', () => {
    const volumes = `${SERVICE_HEAD}    containers:\n      app:\n        volumes:\n`;
    assert.deepEqual(where(`${volumes}        - name: a\n          path: /a\n        - name: b\n          |`)?.path, ['services', 'web', 'containers', 'app', 'volumes', 1]);
    assert.deepEqual(where(`${volumes}          - name: a\n          - name: b\n          - |`)?.path, ['services', 'web', 'containers', 'app', 'volumes', 2]);
  });

  it('reads a flow mapping on the cursor line up to the cursor', () => {
    assert.deepEqual(where(`${SERVICE_HEAD}    containers:\n      app:\n        resources: { cpus: 0.5, reserve: { mem| } }`), {
      path: ['services', 'web', 'containers', 'app', 'resources', 'reserve'],
      on: 'key',
      prefix: 'mem',
      present: [],
    });
    assert.deepEqual(where('allow: [privileged, |]'), { path: ['allow', 1], on: 'value', prefix: '', present: [] });
  });

  it('survives a half-typed document: a key without its colon above, a broken line below', () => {
    assert.deepEqual(where(`${SERVICE_HEAD}    replic\n    health:\n      |\n  api: [unclosed\n`)?.path, ['services', 'web', 'health']);
  });

  it('reads nothing inside comments and block scalars, or under a key that has its value', () => {
    assert.equal(where(`${SERVICE_HEAD}    # rest|`), undefined);
    assert.equal(where(`${SERVICE_HEAD}    notes: >\n      some text\n      rest|`), undefined);
    assert.equal(where(`${SERVICE_HEAD}    replicas: 2\n      |`), undefined);
  });

  it('reads CRLF line ends', () => {
    assert.deepEqual(where('version: 1\r\nservices:\r\n  web:\r\n    |\r\n')?.path, ['services', 'web']);
  });
});
