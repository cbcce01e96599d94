// A compose web app and its database, imported and supervised: both turn healthy with the
// timing of their healthchecks, the app reaches the database by its service name, and the
// app's published port balances across its replicas, as with compose.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LABEL } from '../../src/core/model/labels';
import { getOnce } from '../net';
import { buildCli, containerId, execIn, flotilla, projectContainers } from './cli-harness';
import { cleanupProject, TEST_IMAGE, uniqueProject } from './helpers';
import { freePort } from './load';
import { startWatch } from './watch-harness';

function composeFile(project: string, appPort: number): string {
  return `name: ${project}
services:
  app:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "mkdir -p /w && hostname > /w/index.html && exec httpd -f -p 8000 -h /w"]
    ports: ["${appPort}:8000"]
    restart: always
    environment: [DATABASE=db:5432]
    depends_on:
      db: { condition: service_healthy }
    deploy:
      replicas: 2
      update_config: { parallelism: 1, order: start-first }
    healthcheck:
      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8000/"]
      interval: 1s
      timeout: 2s
      retries: 2
    stop_grace_period: 1s
  db:
    image: ${TEST_IMAGE}
    command: nc -ll -p 5432 -e echo ready
    restart: always
    volumes: [dbdata:/var/lib/db]
    healthcheck:
      test: ["CMD-SHELL", "echo | nc -w 1 127.0.0.1 5432 | grep -q ready"]
      interval: 1s
      timeout: 2s
    stop_grace_period: 1s
volumes:
  dbdata:
`;
}

describe('flotilla import compose: web and database (real engine)', () => {
  let project: string;
  let dir: string;
  let stateHome: string;

  before(() => buildCli());
  beforeEach(() => {
    project = uniqueProject('compose-db');
    dir = mkdtempSync(path.join(tmpdir(), 'flotilla-test-'));
    stateHome = mkdtempSync(path.join(tmpdir(), 'flotilla-state-'));
  });
  afterEach(async () => {
    await cleanupProject(project);
    rmSync(dir, { recursive: true, force: true });
    rmSync(stateHome, { recursive: true, force: true });
  });

  it('supervises the imported pair: both healthy, the database reached by name, the port balanced across replicas', async () => {
    const appPort = await freePort();
    writeFileSync(path.join(dir, 'compose.yaml'), composeFile(project, appPort));
    const imported = flotilla(dir, ['import', 'compose']);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /not carried: services\.app\.depends_on/);
    assert.match(readFileSync(path.join(dir, 'flotilla.yaml'), 'utf8'), /maxSurge: 1\n\s+maxUnavailable: 0/);

    const watch = startWatch(dir, stateHome);
    try {
      await watch.waitOutput('db healthy', /health db-1\/db: starting -> healthy/, 60_000);
      await watch.waitOutput('both app replicas healthy', /health app-2\/app: starting -> healthy/, 60_000);
      await watch.waitOutput('the app port', `app: http://127.0.0.1:${appPort} -> 2 pods`, 60_000);
      const containers = await projectContainers(project);
      const app = containerId(containers, 'app-1', 'app');
      assert.equal(execIn(app, ['sh', '-c', 'echo | nc -w 2 db 5432']).output.trim(), 'ready');
      const hostnames = new Map(containers.filter((c) => c.Labels[LABEL.container] === 'app').map((c) => [c.Id.slice(0, 12), c.Labels[LABEL.pod]]));
      const answered = new Set<string | undefined>();
      for (let i = 0; i < 8; i++) answered.add(hostnames.get((await getOnce(appPort)).body));
      assert.deepEqual([...answered].sort(), ['app-1', 'app-2']);
    } finally {
      await watch.stop();
    }
    assert.equal(flotilla(dir, ['down'], { XDG_STATE_HOME: stateHome }).code, 0);
  });
});
