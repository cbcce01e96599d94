// Bad input starts nothing, says what is wrong in one sentence with a location, exits non-zero,
// and leaves no half-created object behind.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { buildCli, flotilla, projectObjects, workspace } from './cli-harness';
import { cleanupProject, TEST_IMAGE, uniqueProject } from './helpers';

function manifest(project: string, services: string): string {
  return `version: 1\nproject: ${project}\nservices:\n${services}`;
}

const sleeper = (name: string, extra = '') => `  ${name}:
    stopGracePeriod: 1s
    containers:
      main:
        image: ${TEST_IMAGE}
        command: [sleep, "3600"]
${extra}`;

describe('flotilla on bad input (real engine)', () => {
  let project: string;
  const disposers: (() => void)[] = [];

  before(() => buildCli());
  beforeEach(() => {
    project = uniqueProject('bad');
  });
  afterEach(async () => {
    await cleanupProject(project);
    disposers.splice(0).forEach((d) => d());
  });

  async function assertNothingCreated(): Promise<void> {
    const left = await projectObjects(project);
    assert.deepEqual([...left.containers.map((c) => c.Names[0]), ...left.networks.map((n) => n.Name), ...left.volumes.map((v) => v.Name)], []);
  }

  function run(text: string, args = ['up'], env: NodeJS.ProcessEnv = {}) {
    const ws = workspace(text);
    disposers.push(ws.dispose);
    return flotilla(ws.dir, args, env);
  }

  it('an invalid manifest: every problem with file:line:column, exit 1, nothing started', async () => {
    const result = run(
      manifest(
        project,
        `  web:
    replica: 2
    restart: sometimes
    stopGracePeriod: 10 seconds
    containers:
      app:
        image: ${TEST_IMAGE}
        volumes: [ { name: uploads, path: /srv } ]
`,
      ),
    );
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^flotilla\.yaml:5:5: error: Unknown key "replica" in services\.web \(did you mean "replicas"\?\)$/m);
    assert.match(result.stderr, /^flotilla\.yaml:6:14: error: services\.web\.restart must be one of "always", "on-failure", "never" \(got "sometimes"\)$/m);
    assert.match(result.stderr, /^flotilla\.yaml:7:22: error: services\.web\.stopGracePeriod must be a duration like "10s", "500ms" or "2m" \(got "10 seconds"\)$/m);
    assert.match(result.stderr, /flotilla up: flotilla\.yaml has 3 errors; nothing was started\./);
    await assertNothingCreated();

    const validate = run(manifest(project, sleeper('web', '        volumes: [ { name: uploads, path: /srv } ]\n')), ['validate']);
    assert.equal(validate.code, 1);
    assert.match(validate.stderr, /^flotilla\.yaml:10:28: error: Volume "uploads" is not declared under the top-level volumes; add "uploads: \{\}" there$/m);
  });

  it('malformed YAML: the parser error with its location', async () => {
    const result = run(`version: 1\nproject: ${project}\nservices:\n  web: [unclosed\n`);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^flotilla\.yaml:\d+:\d+: error: .+/m);
    await assertNothingCreated();
  });

  it('an image that does not exist: one sentence naming it, nothing created', async () => {
    const result = run(manifest(project, sleeper('web') + sleeper('db').replace(TEST_IMAGE, 'flotilla-test/does-not-exist:1')));
    assert.equal(result.code, 1);
    assert.match(result.stderr, /Image "flotilla-test\/does-not-exist:1" is not on the engine: build or pull it first; nothing was started\./);
    await assertNothingCreated();
  });

  it('a host port already in use: says which, and rolls back what this up created', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    disposers.push(() => server.close());
    const port = (server.address() as { port: number }).port;
    const result = run(manifest(project, sleeper('first') + sleeper('web', `        ports: [ { port: 8080, hostPort: ${port} } ]\n`)));
    assert.equal(result.code, 1, result.stdout);
    assert.match(result.stderr, new RegExp(`127\\.0\\.0\\.1:${port}.*(in use|allocated)`));
    assert.match(result.stderr, /rolling back what this run created/);
    await assertNothingCreated();
  });

  it('a container that exits right after start: its exit code and output, rolled back', async () => {
    const crashing = sleeper('web').replace('[sleep, "3600"]', '[sh, -c, "echo missing config >&2; exit 3"]');
    const result = run(manifest(project, crashing));
    assert.equal(result.code, 1);
    assert.match(result.stderr, /web-1\/main exited with code 3 right after it started; check its command and image\. Its last output:\n\s+missing config/);
    await assertNothingCreated();
  });

  it('host-level powers without allow: refused with the warning location, nothing created', async () => {
    const result = run(manifest(project, sleeper('web', '        privileged: true\n')));
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /^flotilla\.yaml:10:21: warning: main runs privileged, with full access to the host; Flotilla will not start it unless the manifest says "allow: \[privileged\]"$/m,
    );
    assert.match(result.stderr, /Refusing to start/);
    await assertNothingCreated();
  });

  it('no engine running: one sentence with the endpoint and what to do', () => {
    const result = run(manifest(project, sleeper('web')), ['up'], { DOCKER_HOST: 'unix:///tmp/flotilla-no-engine.sock' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /Cannot reach the Docker engine at unix:\/\/\/tmp\/flotilla-no-engine\.sock .*Start Docker/);
    assert.doesNotMatch(result.stderr, /at .*\.js:\d+/, 'no stack trace for a user error');
  });
});
