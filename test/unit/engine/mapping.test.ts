import assert from 'node:assert/strict';
import type Docker from 'dockerode';
import { LABEL } from '../../../src/core/labels';
import { JsonLines, toEngineEvent } from '../../../src/engine/events';
import { LogDemuxer } from '../../../src/engine/log-stream';
import { CONTAINER_INDEX_LABEL, toCreateOptions, toObservedPods } from '../../../src/engine/mapping';
import { desiredFrom, SHOP } from '../manifests';

// Trimmed from `listContainers({all: true})` on Docker 20.10.
function info(pod: string, container: string, index: number, state: string, status: string, extra: Partial<Docker.ContainerInfo> = {}): Docker.ContainerInfo {
  return {
    Id: `${pod}-${container}-id`, Names: [`/shop-${pod}-${container}`], Image: 'shop/web:1', ImageID: 'sha256:1', Command: 'httpd', Created: 1764000000,
    Ports: [], State: state, Status: status, HostConfig: { NetworkMode: 'flotilla-shop' }, NetworkSettings: { Networks: {} }, Mounts: [],
    Labels: { [LABEL.project]: 'shop', [LABEL.service]: 'web', [LABEL.pod]: pod, [LABEL.container]: container, [LABEL.revision]: '3', [LABEL.specHash]: 'abc', [LABEL.node]: 'local', [CONTAINER_INDEX_LABEL]: String(index) },
    ...extra,
  } as Docker.ContainerInfo;
}

describe('engine mapping', () => {
  it('groups containers into pods with the namespace owner first, reading state and exit code', () => {
    const pods = toObservedPods([
      info('web-1', 'log-drain', 1, 'exited', 'Exited (137) 3 seconds ago'),
      info('web-1', 'app', 0, 'running', 'Up 5 minutes (healthy)', {
        Ports: [{ IP: '127.0.0.1', PrivatePort: 8080, PublicPort: 32768, Type: 'tcp' }, { IP: '', PrivatePort: 9000, PublicPort: 0, Type: 'tcp' }] as Docker.Port[],
      }),
      { ...info('x', 'y', 0, 'running', 'Up'), Labels: { [LABEL.project]: 'shop' } } as Docker.ContainerInfo,
    ]);
    assert.equal(pods.length, 1);
    const [pod] = pods;
    assert.deepEqual({ name: pod!.name, service: pod!.service, revision: pod!.revision, specHash: pod!.specHash }, { name: 'web-1', service: 'web', revision: 3, specHash: 'abc' });
    assert.deepEqual(pod!.containers.map((c) => c.container), ['app', 'log-drain']);
    const [app, drain] = pod!.containers;
    assert.equal(app!.engineHealth, 'healthy');
    assert.deepEqual(app!.ports, [{ containerPort: 8080, hostIp: '127.0.0.1', hostPort: 32768, protocol: 'tcp' }]);
    assert.equal(app!.createdAt, 1764000000000);
    assert.equal(drain!.state, 'exited');
    assert.equal(drain!.exitCode, 137);
  });

  it('builds create options: the first container owns network, aliases and every port; sidecars join it', () => {
    const desired = desiredFrom(SHOP);
    const web = desired.services.find((s) => s.name === 'web')!;
    const request = { project: 'shop', service: web, pod: 'web-2', revision: 1, network: 'flotilla-shop', node: 'local' };
    const first = toCreateOptions(request, 0);
    assert.equal(first.name, 'shop-web-2-app');
    assert.equal(first.HostConfig!.NetworkMode, 'flotilla-shop');
    assert.deepEqual(first.NetworkingConfig, { EndpointsConfig: { 'flotilla-shop': { Aliases: ['web', 'web-2'] } } });
    assert.deepEqual(first.HostConfig!.PortBindings, { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] });
    assert.equal(first.HostConfig!.NanoCpus, 0.5e9);
    assert.equal(first.HostConfig!.Memory, 128 * 1024 ** 2);
    assert.equal(first.HostConfig!.MemoryReservation, 64 * 1024 ** 2);
    assert.equal(first.HostConfig!.CpuShares, 256);
    assert.deepEqual(first.HostConfig!.RestartPolicy, { Name: 'no' });
    assert.equal(first.StopTimeout, 10);
    assert.deepEqual(first.Env, ['API_URL=http://api:9000']);
    assert.equal(first.Labels![LABEL.pod], 'web-2');
    assert.equal(first.Labels![CONTAINER_INDEX_LABEL], '0');
    const sidecar = toCreateOptions(request, 1, 'abc123');
    assert.equal(sidecar.HostConfig!.NetworkMode, 'container:abc123');
    assert.equal(sidecar.NetworkingConfig, undefined);
    assert.equal(sidecar.HostConfig!.PortBindings, undefined);
    assert.deepEqual(sidecar.HostConfig!.Mounts, [{ Type: 'volume', Source: 'flotilla-shop-logs', Target: '/var/log/app', ReadOnly: true }]);
  });
});

describe('log demultiplexing', () => {
  const frame = (stream: 1 | 2, text: string) => {
    const body = Buffer.from(text);
    const header = Buffer.alloc(8);
    header[0] = stream;
    header.writeUInt32BE(body.length, 4);
    return Buffer.concat([header, body]);
  };

  it('splits frames and lines across chunk boundaries and keeps streams apart', () => {
    const demuxer = new LogDemuxer(false, false);
    const bytes = Buffer.concat([frame(1, 'hello\nwor'), frame(2, 'oops\n'), frame(1, 'ld\n'), frame(1, 'last')]);
    const lines = [];
    for (let i = 0; i < bytes.length; i += 5) lines.push(...demuxer.push(bytes.subarray(i, i + 5)));
    lines.push(...demuxer.end());
    assert.deepEqual(lines, [
      { stream: 'stdout', text: 'hello' },
      { stream: 'stderr', text: 'oops' },
      { stream: 'stdout', text: 'world' },
      { stream: 'stdout', text: 'last' },
    ]);
  });

  it('reads TTY output without headers and parses timestamps', () => {
    const demuxer = new LogDemuxer(true, true);
    assert.deepEqual(demuxer.push(Buffer.from('2026-11-24T10:00:00.123456789Z hi there\r\n')), [{ stream: 'stdout', text: 'hi there', time: Date.parse('2026-11-24T10:00:00.123Z') }]);
  });
});

describe('engine events', () => {
  it('parses newline-delimited JSON split across chunks and maps labels and exit codes', () => {
    const lines = new JsonLines();
    const raw = JSON.stringify({ Type: 'container', Action: 'die', timeNano: 1764000000123456000, Actor: { ID: 'abc', Attributes: { exitCode: '137', [LABEL.project]: 'shop', [LABEL.pod]: 'web-1', [LABEL.container]: 'app' } } });
    assert.deepEqual(lines.push(raw.slice(0, 10)), []);
    const [parsed] = lines.push(`${raw.slice(10)}\n`);
    assert.deepEqual(toEngineEvent(parsed as object), { time: 1764000000123, action: 'die', containerId: 'abc', project: 'shop', service: undefined, pod: 'web-1', container: 'app', exitCode: 137 });
    assert.equal(toEngineEvent({ Type: 'network', Action: 'connect' }), undefined);
  });
});
