// `flotilla up` on broken manifests from the battery (one per kind of problem, and every
// security kind without allow:): exit 1, the problem printed with its place, nothing created.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildCli, flotilla, projectObjects, workspace } from './cli-harness';
import { cleanupProject, uniqueProject } from './helpers';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'bad');

const CASES = [
  'malformed-yaml',
  'non-utf8',
  'wrong-types',
  'unknown-keys',
  'duplicate-services-across-documents',
  'host-port-clash',
  'undeclared-volume',
  'unknown-service',
  'negative-replicas',
  'replicas-and-bounds',
  'huge-numbers',
  'memory-units',
  'alias-bomb',
  'rollout-stuck',
  'env-names',
  'mount-paths',
  'autoscale-schedule',
  'security-privileged',
  'security-host-network',
  'security-host-pid',
  'security-cap-add',
  'security-devices',
  'security-docker-socket',
  'security-host-paths',
  'security-public-ports',
  'security-partly-allowed',
];

describe('flotilla up on the bad-input battery (real engine)', () => {
  before(() => buildCli());

  for (const name of CASES) {
    it(`${name}: exit 1, first problem with file:line:column, nothing created`, async () => {
      const project = uniqueProject('battery');
      // The fixture's project line names this test's own project, so the check below is exact.
      const bytes = readFileSync(path.join(FIXTURES, `${name}.yaml`));
      const text = Buffer.from(bytes.toString('latin1').replace('project: PROJECT', `project: ${project}`), 'latin1');
      const expected = JSON.parse(readFileSync(path.join(FIXTURES, `${name}.expected.json`), 'utf8')) as { line: number; severity: string; message: string }[];
      const ws = workspace('');
      try {
        writeFileSync(path.join(ws.dir, 'flotilla.yaml'), text);
        const result = flotilla(ws.dir, ['up']);
        assert.equal(result.code, 1, `${result.stdout}\n${result.stderr}`);
        const first = expected[0]!;
        // Line 2 carries the longer project name: columns and byte offsets after it differ.
        const message = (text: string) => text.replace(/byte offset \d+/, 'byte offset N');
        assert.ok(result.stderr.includes(`flotilla.yaml:${first.line}:`) && message(result.stderr).includes(`${first.severity}: ${message(first.message)}`), result.stderr);
        assert.match(result.stderr, /nothing was started|Refusing to start/);
        const left = await projectObjects(project);
        assert.deepEqual([...left.containers.map((c) => c.Names[0]), ...left.networks.map((n) => n.Name), ...left.volumes.map((v) => v.Name)], []);
      } finally {
        ws.dispose();
        await cleanupProject(project);
      }
    });
  }
});
