// The Docker adapter against the real engine: pods sharing one network namespace, DNS aliases,
// labels and limits, atomic creation, listing, idempotent networks and volumes, removal.
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { isFlotillaError } from '../../src/core/model/errors';
import { LABEL, networkName, volumeEngineName } from '../../src/core/model/labels';
import type { DesiredService } from '../../src/core/model/state';
import { createDockerEngine } from '../../src/engine';
import { CONTAINER_INDEX_LABEL } from '../../src/engine/mapping';
import { cleanupProject, collect, docker, eventually, TEST_IMAGE, testContainer, testService, uniqueProject } from './helpers';

const HTTPD = ['httpd', '-f', '-p', '8080', '-h', '/www'];
/** Fetches url until it answers, prints the body, then idles. */
const fetchOnce = (url: string) => ['sh', '-c', `until wget -qO- ${url} 2>/dev/null; do sleep 0.1; done; sleep 3600`];

describe('DockerEngine pods (real engine)', () => {
  const engine = createDockerEngine();
  let project: string;
  let network: string;

  beforeEach(async () => {
    project = uniqueProject('engine');
    network = networkName(project);
    await engine.createNetwork(project, network);
  });
  afterEach(async () => {
    await cleanupProject(project);
  });

  const create = (svc: DesiredService, pod = `${svc.name}-1`, signal?: AbortSignal) =>
    engine.createPod({ project, service: svc, pod, revision: 7, network, node: 'local' }, signal);
  const stdoutOf = async (id: string) => (await collect(engine.logs(id, { follow: false, timestamps: false }))).filter((l) => l.stream === 'stdout').map((l) => l.text);

  it('runs a pod whose sidecar reaches the first container on localhost, labelled and limited', async () => {
    const svc = testService('web', [
      testContainer('app', HTTPD, { nanoCpus: 0.5e9, memoryBytes: 64 * 2 ** 20, reserveNanoCpus: 0.25e9, reserveMemoryBytes: 32 * 2 ** 20 }),
      testContainer('probe', fetchOnce('http://localhost:8080/')),
    ]);
    const ids = await create(svc);
    assert.equal(ids.length, 2);
    await eventually('the sidecar to fetch the page over localhost', async () => ((await stdoutOf(ids[1]!)).includes('v1') ? true : undefined));

    const [app, probe] = await Promise.all(ids.map((id) => docker.getContainer(id).inspect()));
    for (const [index, info] of [app!, probe!].entries()) {
      const expected = { project, service: 'web', pod: 'web-1', container: index === 0 ? 'app' : 'probe', revision: '7', specHash: 'h1', node: 'local' };
      for (const [key, value] of Object.entries(expected)) assert.equal(info.Config.Labels[LABEL[key as keyof typeof expected]], value, `${info.Name} ${key}`);
      assert.equal(info.Config.Labels[CONTAINER_INDEX_LABEL], String(index));
      assert.equal(info.HostConfig.RestartPolicy?.Name, 'no');
    }
    assert.equal(app!.Name, `/${project}-web-1-app`);
    assert.equal(app!.HostConfig.NanoCpus, 0.5e9);
    assert.equal(app!.HostConfig.Memory, 64 * 2 ** 20);
    assert.equal(app!.HostConfig.MemoryReservation, 32 * 2 ** 20);
    assert.equal(app!.HostConfig.CpuShares, 256);
    assert.equal(probe!.HostConfig.NetworkMode, `container:${ids[0]}`);
  });

  it('lets another pod on the project network reach a pod by service name and by pod name', async () => {
    await create(testService('web', [testContainer('app', HTTPD)]));
    const [byService] = await create(testService('client', [testContainer('main', fetchOnce('http://web:8080/'))]));
    const [byPod] = await create(testService('other', [testContainer('main', fetchOnce('http://web-1:8080/'))]));
    await eventually('the service alias to resolve', async () => ((await stdoutOf(byService!)).includes('v1') ? true : undefined));
    await eventually('the pod alias to resolve', async () => ((await stdoutOf(byPod!)).includes('v1') ? true : undefined));
  });

  it('publishes every port of the pod on the first container, on an ephemeral 127.0.0.1 port', async () => {
    const svc = testService('web', [testContainer('app', ['sleep', '3600']), testContainer('side', HTTPD, { ports: [{ port: 8080, hostIp: '127.0.0.1', protocol: 'tcp' }] })]);
    const ids = await create(svc);
    const [pod] = (await engine.listProject(project)).pods;
    const [port] = pod!.containers[0]!.ports;
    assert.equal(pod!.containers[0]!.id, ids[0]);
    assert.deepEqual({ ...port, hostPort: undefined }, { containerPort: 8080, hostIp: '127.0.0.1', hostPort: undefined, protocol: 'tcp' });
    assert.ok(port!.hostPort > 0);
    const body = await eventually('the sidecar port to answer on the host', async () => {
      const response = await fetch(`http://127.0.0.1:${port!.hostPort}/`).catch(() => undefined);
      return response?.ok ? response.text() : undefined;
    });
    assert.equal(body, 'v1\n');
  });

  it('creates a pod atomically: a sidecar whose image is missing leaves nothing of the pod', async () => {
    const svc = testService('web', [testContainer('app', ['sleep', '3600']), testContainer('broken', ['true'], { image: 'flotilla-test/does-not-exist:1' })]);
    await assert.rejects(
      create(svc),
      (error) => isFlotillaError(error, 'image-missing') && error.message.includes('"flotilla-test/does-not-exist:1"') && error.message.includes(engine.endpoint),
    );
    assert.deepEqual((await engine.listProject(project)).pods, []);
  });

  it('fails with port-in-use, naming the address, when a fixed host port is taken, and leaves nothing', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      const svc = testService('web', [
        testContainer('app', HTTPD, { ports: [{ port: 8080, hostPort: port, hostIp: '127.0.0.1', protocol: 'tcp' }] }),
        testContainer('side', ['sleep', '3600']),
      ]);
      await assert.rejects(
        create(svc),
        (error) => isFlotillaError(error, 'port-in-use') && error.message.includes(`127.0.0.1:${port}`) && /already in use/.test(error.detail ?? ''),
      );
      assert.deepEqual((await engine.listProject(project)).pods, []);
    } finally {
      server.close();
    }
  });

  it('refuses a container name held by a container it did not make, and leaves that container alone', async () => {
    const squatter = await docker.createContainer({ name: `${project}-web-1-app`, Image: TEST_IMAGE, Cmd: ['true'], Labels: { [LABEL.project]: project } });
    await assert.rejects(
      create(testService('web', [testContainer('app', ['sleep', '3600'])])),
      (error) => isFlotillaError(error, 'name-conflict') && error.message.includes(`"${project}-web-1-app"`),
    );
    assert.equal((await docker.getContainer(squatter.id).inspect()).Id, squatter.id);
  });

  it('creates nothing when cancelled before it starts', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(create(testService('web', [testContainer('app', ['sleep', '3600'])]), 'web-1', controller.signal), (error) => isFlotillaError(error, 'cancelled'));
    assert.deepEqual((await engine.listProject(project)).pods, []);
  });

  it('lists the project in one pass: pods grouped with the namespace owner first, networks and volumes', async () => {
    const data = volumeEngineName(project, 'data');
    await engine.createVolume(project, 'data', data, {});
    const mount = { kind: 'volume' as const, volume: 'data', engineName: data, target: '/data', readOnly: false };
    const web = testService(
      'web',
      ['app', 'b', 'c'].map((name) => testContainer(name, ['sleep', '3600'], { mounts: [mount] })),
    );
    const first = await create(web, 'web-1');
    const second = await create(web, 'web-2');
    const [worker] = await create(testService('worker', [testContainer('main', ['sh', '-c', 'exit 4'])]));
    await eventually('the worker to exit', async () => ((await docker.getContainer(worker!).inspect()).State.Status === 'exited' ? true : undefined));

    const observed = await engine.listProject(project);
    assert.deepEqual(observed.networks, [network]);
    assert.deepEqual(observed.volumes, [data]);
    assert.deepEqual(
      observed.pods.map((p) => [p.service, p.name, p.revision, p.specHash, p.node, p.containers.map((c) => c.container)]),
      [
        ['web', 'web-1', 7, 'h1', 'local', ['app', 'b', 'c']],
        ['web', 'web-2', 7, 'h1', 'local', ['app', 'b', 'c']],
        ['worker', 'worker-1', 7, 'h1', 'local', ['main']],
      ],
    );
    assert.deepEqual(
      observed.pods[0]!.containers.map((c) => c.id),
      first,
    );
    assert.deepEqual(
      observed.pods[1]!.containers.map((c) => c.id),
      second,
    );
    assert.ok(observed.pods[0]!.containers.every((c) => c.state === 'running' && c.image === TEST_IMAGE && c.createdAt > 0));
    const exited = observed.pods[2]!.containers[0]!;
    assert.deepEqual([exited.state, exited.exitCode, exited.engineName], ['exited', 4, `${project}-worker-1-main`]);
  });

  it('creates networks and volumes idempotently and refuses names another project holds', async () => {
    const data = volumeEngineName(project, 'data');
    await engine.createNetwork(project, network);
    await engine.createVolume(project, 'data', data, { 'x.team': 'shop' });
    await engine.createVolume(project, 'data', data, { 'x.team': 'shop' });
    const observed = await engine.listProject(project);
    assert.deepEqual([observed.networks, observed.volumes], [[network], [data]]);
    const volume = await docker.getVolume(data).inspect();
    assert.deepEqual(volume.Labels, { [LABEL.project]: project, [LABEL.volume]: 'data', 'x.team': 'shop' });
    const other = `${project}-other`;
    await assert.rejects(engine.createNetwork(other, network), (error) => isFlotillaError(error, 'name-conflict') && error.message.includes(network));
    await assert.rejects(engine.createVolume(other, 'data', data, {}), (error) => isFlotillaError(error, 'name-conflict') && error.message.includes(data));
    await engine.removeVolume(data);
    await engine.removeVolume(data);
    await engine.removeNetwork(network);
    await engine.removeNetwork(network);
    assert.deepEqual(await engine.listProject(project), { project, pods: [], networks: [], volumes: [] });
  });

  it('removes a pod, sidecars first, keeping its named volume; removing it again is a no-op', async () => {
    const data = volumeEngineName(project, 'data');
    await engine.createVolume(project, 'data', data, {});
    const mount = { kind: 'volume' as const, volume: 'data', engineName: data, target: '/data', readOnly: false };
    const ids = await create(testService('web', [testContainer('app', HTTPD, { mounts: [mount] }), testContainer('side', ['sleep', '3600'])]));
    await engine.removePod(ids, 1000);
    const observed = await engine.listProject(project);
    assert.deepEqual([observed.pods, observed.volumes], [[], [data]]);
    await engine.removePod(ids, 1000);
  });

  it('starts stopped containers in order, and starting a running one is fine', async () => {
    const ids = await create(testService('web', [testContainer('app', HTTPD), testContainer('side', ['sleep', '3600'])]));
    await Promise.all(ids.map((id) => docker.getContainer(id).kill()));
    await eventually('both to stop', async () => ((await engine.listProject(project)).pods[0]?.containers.every((c) => c.state === 'exited') ? true : undefined));
    await engine.startContainers(ids);
    await engine.startContainers(ids);
    assert.ok((await engine.listProject(project)).pods[0]!.containers.every((c) => c.state === 'running'));
  });
});
