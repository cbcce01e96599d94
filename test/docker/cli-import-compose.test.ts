// `flotilla import compose` with the built CLI, then the imported project brought up on the
// real engine: the same services answer on the same ports as compose publishes them.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LABEL } from '../../src/core/model/labels';
import { getOnce } from '../net';
import { buildCli, containerId, execIn, flotilla, projectContainers, projectObjects, waitFor } from './cli-harness';
import { cleanupProject, TEST_IMAGE, uniqueProject } from './helpers';
import { freePort } from './load';
import { startWatch } from './watch-harness';

function composeFile(project: string): string {
  return `name: ${project}
services:
  web:
    image: ${TEST_IMAGE}
    command: httpd -f -p 8080 -h /www
    volumes: ["./www:/www:ro"]
    ports: ["\${WEB_PORT}:8080", "127.0.0.1:\${SIDECAR_PORT}:8081"]
    healthcheck:
      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/"]
      interval: 1s
      timeout: 2s
      retries: 3
    stop_grace_period: 1s
  sidecar:
    image: ${TEST_IMAGE}
    network_mode: service:web
    command: ["sh", "-c", "mkdir -p /s && echo sidecar > /s/index.html && exec httpd -f -p 8081 -h /s"]
    container_name: not-carried
  worker:
    image: flotilla-test/busybox:\${TAG:-1}
    environment:
      GREETING: "hello \${WHO:-nobody}"
    volumes: [data:/data]
    command: sh -c "echo $$GREETING > /data/greeting && exec sleep 3600"
    stop_grace_period: 1s
volumes:
  data:
`;
}

describe('flotilla import compose, then up (real engine)', () => {
  let project: string;
  let dir: string;
  let stateHome: string;

  before(() => buildCli());
  beforeEach(() => {
    project = uniqueProject('compose');
    dir = mkdtempSync(path.join(tmpdir(), 'flotilla-test-'));
    stateHome = mkdtempSync(path.join(tmpdir(), 'flotilla-state-'));
    mkdirSync(path.join(dir, 'www'));
    writeFileSync(path.join(dir, 'www', 'index.html'), 'hello from the bind mount\n');
    writeFileSync(path.join(dir, 'docker-compose.yml'), composeFile(project));
    writeFileSync(path.join(dir, '.env'), 'WHO=compose\n');
  });
  afterEach(async () => {
    await cleanupProject(project);
    rmSync(dir, { recursive: true, force: true });
    rmSync(stateHome, { recursive: true, force: true });
  });

  it('imports, refuses to overwrite, and runs the pods with the ports, mounts and env compose gives them', async () => {
    const [webPort, sidecarPort] = [await freePort(), await freePort()];
    const env = { WEB_PORT: String(webPort), SIDECAR_PORT: String(sidecarPort), XDG_STATE_HOME: stateHome };
    const imported = flotilla(dir, ['import', 'compose'], env);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /not carried: services\.sidecar\.container_name/);
    assert.match(imported.stdout, /flotilla\.yaml: written from docker-compose\.yml, project .*, 2 service\(s\)/);
    const manifest = readFileSync(path.join(dir, 'flotilla.yaml'), 'utf8');
    assert.match(manifest, /# not carried: services\.sidecar\.container_name/);

    writeFileSync(path.join(dir, 'flotilla.yaml'), `${manifest}# edited\n`);
    const again = flotilla(dir, ['import', 'compose'], env);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /flotilla\.yaml already exists; nothing was written/);
    assert.match(readFileSync(path.join(dir, 'flotilla.yaml'), 'utf8'), /# edited\n$/);
    assert.equal(flotilla(dir, ['import', 'compose', '--force'], env).code, 0);
    assert.equal(readFileSync(path.join(dir, 'flotilla.yaml'), 'utf8'), manifest);

    const up = flotilla(dir, ['up'], env);
    assert.equal(up.code, 0, `${up.stdout}\n${up.stderr}`);
    const containers = await projectContainers(project);
    assert.deepEqual(containers.map((c) => `${c.Labels[LABEL.pod]}/${c.Labels[LABEL.container]}`).sort(), ['web-1/sidecar', 'web-1/web', 'worker-1/worker']);
    // The sidecar shares web's localhost: its port is published by web's pod, as compose does.
    const sidecar = await waitFor('the sidecar port', async () => (await getOnce(sidecarPort).catch(() => undefined))?.body);
    assert.equal(sidecar, 'sidecar');
    assert.equal(execIn(containerId(containers, 'web-1', 'sidecar'), ['wget', '-q', '-O-', 'http://127.0.0.1:8080/']).output.trim(), 'hello from the bind mount');
    const worker = containerId(containers, 'worker-1', 'worker');
    assert.equal(await waitFor('the greeting', async () => execIn(worker, ['cat', '/data/greeting']).output.trim() || undefined), 'hello compose');
    assert.ok((await projectObjects(project)).volumes.some((v) => v.Name === `flotilla-${project}-data`));

    // web's first published port is its service port, served while a supervisor runs.
    const watch = startWatch(dir, stateHome, env);
    try {
      await watch.waitOutput('the service port', `web: http://127.0.0.1:${webPort}`, 60_000);
      const served = await waitFor('web on its compose port', async () => {
        const response = await getOnce(webPort).catch(() => undefined);
        return response?.status === 200 ? response.body : undefined;
      });
      assert.equal(served, 'hello from the bind mount');
    } finally {
      await watch.stop();
    }
    const down = flotilla(dir, ['down'], env);
    assert.equal(down.code, 0, down.stderr);
    assert.equal((await projectContainers(project)).length, 0);
  });

  it('exports the imported manifest to Kubernetes: a file per service and the volume claims', () => {
    const env = { WEB_PORT: '18080', SIDECAR_PORT: '18081' };
    assert.equal(flotilla(dir, ['import', 'compose'], env).code, 0);
    const exported = flotilla(dir, ['export', 'kubernetes', '-o', 'k8s']);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stderr, /3 Kubernetes file\(s\) in k8s \(web\.yaml, worker\.yaml, volumes\.yaml\)/);
    assert.match(exported.stderr, /not exported as is: services\.web\.restart: restart: never has no Deployment equivalent/);
    assert.deepEqual(readdirSync(path.join(dir, 'k8s')).sort(), ['volumes.yaml', 'web.yaml', 'worker.yaml']);
    const web = parseAllDocuments(readFileSync(path.join(dir, 'k8s', 'web.yaml'), 'utf8')).map((d) => d.toJS());
    assert.deepEqual(
      web.map((o) => o.kind),
      ['Deployment', 'Service'],
    );
    assert.deepEqual(
      web[0].spec.template.spec.containers.map((c: { name: string }) => c.name),
      ['web', 'sidecar'],
    );
    assert.equal(web[1].spec.ports[0].port, 18080);
    const stdout = flotilla(dir, ['export', 'kubernetes']);
    assert.equal(parseAllDocuments(stdout.stdout).length, 4);
  });

  it('imports an ECS task definition and exports the manifest back to ECS task definitions and services', () => {
    writeFileSync(path.join(dir, 'webapp.json'), readFileSync(path.join(__dirname, '..', 'fixtures', 'ecs', 'webapp.json')));
    const imported = flotilla(dir, ['import', 'ecs', 'webapp.json', '-o', 'ecs.flotilla.yaml']);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /not carried: containerDefinitions\.web\.dependsOn/);
    assert.match(readFileSync(path.join(dir, 'ecs.flotilla.yaml'), 'utf8'), /^# Imported from webapp\.json by `flotilla import ecs`/);
    assert.equal(flotilla(dir, ['validate', '-f', 'ecs.flotilla.yaml']).code, 0);
    const exported = flotilla(dir, ['export', 'ecs', '-f', 'ecs.flotilla.yaml', '-o', 'out']);
    assert.equal(exported.code, 0, exported.stderr);
    assert.deepEqual(readdirSync(path.join(dir, 'out')).sort(), ['webapp.service.json', 'webapp.taskdef.json']);
    const task = JSON.parse(readFileSync(path.join(dir, 'out', 'webapp.taskdef.json'), 'utf8'));
    assert.equal(task.networkMode, 'awsvpc');
    assert.deepEqual(
      task.containerDefinitions.map((c: { name: string; essential: boolean }) => `${c.name}:${c.essential}`),
      ['web:true', 'log-router:false'],
    );
    const bad = flotilla(dir, ['import', 'ecs', 'missing.json']);
    assert.equal(bad.code, 2);
  });
});
