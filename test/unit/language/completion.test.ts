import assert from 'node:assert/strict';
import { completeAt, type CompletionEntry } from '../../../src/core/manifest/language';
import { atCursor, SERVICE_HEAD } from './cursor-text';

function complete(marked: string): CompletionEntry[] {
  const { text, offset } = atCursor(marked);
  return completeAt(text, offset);
}
const labels = (marked: string) => complete(marked).map((entry) => entry.label);

const CONTAINER_HEAD = `${SERVICE_HEAD}    containers:\n      app:\n        image: shop/web:1\n`;

describe('language: completion', () => {
  it('offers the top-level keys not yet written', () => {
    assert.deepEqual(labels('version: 1\n|\nvolumes: {}\n'), ['services', 'project', 'nodes', 'allow']);
    assert.deepEqual(labels('|'), ['version', 'services', 'project', 'nodes', 'volumes', 'allow']); // required first
  });

  it('inside a service: its keys with types, descriptions, defaults and snippets', () => {
    const entries = complete(`${SERVICE_HEAD}    containers:\n      app: { image: x }\n    |`);
    assert.deepEqual(
      entries.map((entry) => entry.label),
      ['replicas', 'expose', 'health', 'restart', 'stopGracePeriod', 'hostNetwork', 'hostPid', 'deploy', 'autoscale', 'placement'],
    );
    const replicas = entries.find((entry) => entry.label === 'replicas')!;
    assert.equal(replicas.snippet, 'replicas: $0');
    assert.equal(replicas.detail, 'integer');
    assert.match(replicas.documentation, /^How many pods to keep running\..*\n\nDefault: `1`/s);
    assert.equal(entries.find((entry) => entry.label === 'restart')!.snippet, 'restart: ${1|always,on-failure,never|}');
    assert.equal(entries.find((entry) => entry.label === 'health')!.snippet, 'health:\n  $0');
    assert.equal(entries.find((entry) => entry.label === 'stopGracePeriod')!.detail, 'duration');
  });

  it('inside a container, and lists of objects open a dash', () => {
    const entries = complete(`${CONTAINER_HEAD}        |`);
    assert.deepEqual(
      entries.map((entry) => entry.label),
      ['command', 'entrypoint', 'workingDir', 'user', 'env', 'ports', 'resources', 'volumes', 'health', 'privileged', 'capAdd', 'devices', 'stopSignal'],
    );
    assert.equal(entries.find((entry) => entry.label === 'volumes')!.snippet, 'volumes:\n  - $0');
    assert.equal(entries.find((entry) => entry.label === 'command')!.snippet, 'command: [$0]');
  });

  it('inside health: one check only, then the timing keys', () => {
    assert.deepEqual(labels(`${SERVICE_HEAD}    health:\n      |`), ['http', 'tcp', 'exec', 'interval', 'timeout', 'failureThreshold', 'successThreshold', 'startPeriod']);
    assert.deepEqual(labels(`${SERVICE_HEAD}    health:\n      tcp: { port: 5432 }\n      |`), ['interval', 'timeout', 'failureThreshold', 'successThreshold', 'startPeriod']);
    assert.deepEqual(labels(`${CONTAINER_HEAD}        health:\n          http:\n            |`), ['port', 'path'], 'required first');
  });

  it('offers enum values for restart, deploy strategy and placement, default first', () => {
    assert.deepEqual(labels(`${SERVICE_HEAD}    restart: |`), ['always', 'on-failure', 'never']);
    assert.deepEqual(labels(`${SERVICE_HEAD}    deploy:\n      strategy: |`), ['rolling', 'blue-green']);
    assert.deepEqual(labels(`${SERVICE_HEAD}    placement: b|`), ['binpack']);
    const [spread] = complete(`${SERVICE_HEAD}    placement: |`);
    assert.equal(spread!.detail, 'default');
  });

  it('offers booleans, sequence enums and the one version there is', () => {
    assert.deepEqual(labels(`${CONTAINER_HEAD}        privileged: |`), ['false', 'true']);
    assert.deepEqual(labels('allow:\n  - docker-socket\n  - host-|'), ['host-network', 'host-pid', 'host-paths']);
    assert.deepEqual(labels('version: |'), ['1']);
  });

  it('replaces the whole word, and adds the space after a bare colon', () => {
    const { text, offset } = atCursor(`${SERVICE_HEAD}    restart:|`);
    const [entry] = completeAt(text, offset);
    assert.equal(entry!.snippet, ' always');
    assert.equal(entry!.replaceStart, offset);
    const [renamed] = complete(`${SERVICE_HEAD}    repl|icas: 2`);
    assert.equal(renamed!.snippet, 'replicas'); // the colon is there already
    assert.equal(renamed!.replaceEnd - renamed!.replaceStart, 'replicas'.length);
  });

  it('keeps insertions on the line inside a flow mapping', () => {
    assert.deepEqual(
      complete(`${CONTAINER_HEAD}        resources: { memory: 64Mi, | }`).map((entry) => entry.snippet),
      ['cpus: $0', 'reserve: { $0 }'],
    );
  });

  it('offers the other mount keys of the shape already chosen', () => {
    const mounts = `${CONTAINER_HEAD}        volumes:\n          - name: logs\n            |`;
    assert.deepEqual(labels(mounts), ['path', 'readOnly']);
    assert.deepEqual(labels(`${CONTAINER_HEAD}        volumes:\n          - |`), ['name', 'path', 'hostPath', 'readOnly']);
  });

  it('offers nothing bogus on a half-typed line', () => {
    assert.deepEqual(labels(`${SERVICE_HEAD.replace('  web:\n', '')}  we|`), [], "service names are the user's");
    assert.deepEqual(labels(`${SERVICE_HEAD}    containers:\n      |`), [], "container names are the user's");
    assert.deepEqual(labels(`${CONTAINER_HEAD}        env:\n          |`), [], "env names are the user's");
    assert.deepEqual(labels(`${CONTAINER_HEAD}        image: shop/web:|`), [], 'free text has no fixed values');
    assert.deepEqual(labels(`${SERVICE_HEAD}    replicas: 2 |`), [], 'numbers have no fixed values');
    assert.deepEqual(labels(`${SERVICE_HEAD}    restart: always # |`), [], 'comments are not completed');
    assert.deepEqual(labels(`${SERVICE_HEAD}    bogus:\n      |`), [], 'an unknown key has no schema');
    assert.deepEqual(labels(`${SERVICE_HEAD}    restart always |`), [], 'a key and value without colon');
    assert.deepEqual(labels(`${SERVICE_HEAD}    xyz|`), [], 'no key matches what is typed');
    assert.deepEqual(labels(`${SERVICE_HEAD}    rs|`), ['replicas', 'restart'], 'typed letters in order, as the editor filters');
  });
});

describe('language: completion of declared names', () => {
  const mount = `${CONTAINER_HEAD}        volumes:\n          - path: /data\n            name: |\n`;
  it('offers the top-level volumes for a mount name, block or flow, even declared below a broken line', () => {
    assert.deepEqual(labels(`${mount}volumes:\n  logs: {}\n  # cache: {}\n  uploads:\n    labels: { team: shop }\n`), ['logs', 'uploads']);
    assert.deepEqual(labels(`${mount}volumes: { logs: {}, data: {} }\n`), ['logs', 'data']);
    assert.deepEqual(labels(`${CONTAINER_HEAD}        volumes: [{ name: l|, path: /x }]\n  api: [broken\nvolumes:\n  logs: {}\n  data: {}\n`), ['logs']);
  });

  it('offers nothing when no volume is declared', () => {
    assert.deepEqual(labels(mount), []);
  });
});
