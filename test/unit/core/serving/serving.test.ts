import assert from 'node:assert/strict';
import type { EngineEvent, EngineEvents, EventStreamStatus, PodCreateRequest } from '../../../../src/core/ports/engine';
import { readyForTraffic, type ServicePortHost } from '../../../../src/core/serving/router';
import type { DesiredService } from '../../../../src/core/model/state';
import { supervise, type SupervisorNote } from '../../../../src/core/supervise/supervisor';
import type { TrafficBackend } from '../../../../src/core/serving/traffic';
import { FakeEngine } from '../../fake-engine';
import { ManualClock } from '../../manual-clock';
import { desiredFrom } from '../../manifests';

/** Publishes the exposed port of each pod's first container, as the Docker adapter does. */
class PublishingEngine extends FakeEngine implements EngineEvents {
  emit: (event: EngineEvent) => void = () => undefined;
  private nextPort = 30_000;
  watchEvents(_project: string, onEvent: (event: EngineEvent) => void, onStatus: (s: EventStreamStatus) => void): void {
    this.emit = onEvent;
    onStatus({ state: 'connected' });
  }
  override async createPod(request: PodCreateRequest): Promise<string[]> {
    const ids = await super.createPod(request);
    const owner = this.containers.find((c) => c.id === ids[0]);
    if (owner && request.service.expose) owner.ports.push({ containerPort: request.service.expose.port, hostIp: '127.0.0.1', hostPort: this.nextPort++, protocol: 'tcp' });
    return ids;
  }
}

class RecordingPorts implements ServicePortHost {
  routes = new Map<string, TrafficBackend[]>();
  opened: string[] = [];
  closed = false;
  refuse = new Set<string>();
  async openService(service: DesiredService): Promise<{ host: string; port: number }> {
    if (this.refuse.has(service.name)) throw new Error(`127.0.0.1:${service.expose?.hostPort} is already in use`);
    this.opened.push(service.name);
    return { host: '127.0.0.1', port: service.expose?.hostPort ?? 0 };
  }
  route(service: string, backends: TrafficBackend[]): void {
    this.routes.set(service, backends);
  }
  routed(service: string): string[] {
    return (this.routes.get(service) ?? []).map((b) => b.pod);
  }
  openConnections(): Map<string, number> {
    return new Map();
  }
  async drain(): Promise<{ cut: number }> {
    return { cut: 0 };
  }
  async closeService(): Promise<void> {}
  async close(): Promise<void> {
    this.closed = true;
  }
}

const WEB = `version: 1
project: p
services:
  web:
    replicas: 2
    containers: { app: { image: i } }
    expose: { port: 8080, hostPort: 18080 }
    health: { exec: [check], interval: 1s, failureThreshold: 1 }
  admin:
    containers: { app: { image: i } }
    expose: { port: 9000, hostPort: 19000 }
`;

describe('service ports under the supervisor', () => {
  it('counts a pod ready when all containers run and its probed ones are healthy', () => {
    const desired = desiredFrom(WEB);
    const web = desired.services.find((s) => s.name === 'web') as DesiredService;
    const container = {
      id: 'c1',
      engineName: 'x',
      service: 'web',
      pod: 'web-1',
      container: 'app',
      revision: 1,
      specHash: web.specHash,
      node: 'local',
      image: 'i',
      state: 'running' as const,
      status: 'Up',
      createdAt: 0,
      ports: [],
    };
    const pod = (over: object) => ({ name: 'web-1', service: 'web', revision: 1, specHash: web.specHash, node: 'local', containers: [{ ...container, ...over }] });
    assert.equal(readyForTraffic(web, pod({})), false, 'no probe result yet');
    assert.equal(readyForTraffic(web, pod({ health: { status: 'healthy', since: 0, failingStreak: 0, passingStreak: 1 } })), true);
    assert.equal(readyForTraffic(web, pod({ health: { status: 'unhealthy', since: 0, failingStreak: 1, passingStreak: 0 } })), false);
    assert.equal(readyForTraffic(web, pod({ state: 'exited', health: { status: 'healthy', since: 0, failingStreak: 0, passingStreak: 1 } })), false);
  });

  it('routes ready pods, drops an unhealthy or dead one at once, tells a taken port once and closes on stop', async () => {
    const engine = new PublishingEngine(['i']);
    const desired = desiredFrom(WEB);
    const clock = new ManualClock();
    const ports = new RecordingPorts();
    ports.refuse.add('admin');
    let failing = new Set<string>();
    const probes = { runProbe: async (target: { containerId: string }) => ({ ok: !failing.has(target.containerId), latencyMs: 1, output: '' }) };
    const notes: SupervisorNote[] = [];
    const controller = new AbortController();
    const running = supervise(desired, engine, controller.signal, { clock, probes, servicePorts: ports, onNote: (n) => notes.push(n) });
    await clock.advance(200);
    engine.emit({ time: clock.now(), action: 'start', containerId: 'x' });
    await clock.advance(500);
    assert.deepEqual(ports.routed('web').sort(), ['web-1', 'web-2'], 'both healthy pods get connections');
    const serving = notes.filter((n) => n.kind === 'serving');
    assert.deepEqual(serving.at(-1), { kind: 'serving', service: 'web', url: 'http://127.0.0.1:18080', pods: ['web-1', 'web-2'] });

    // A failing probe takes the pod out of the routes when the health changes, before any pass.
    const web1 = engine.containers.find((c) => c.pod === 'web-1') as { id: string };
    failing = new Set([web1.id]);
    await clock.advance(1000);
    assert.ok(!ports.routed('web').includes('web-1'), `unhealthy web-1 still routed: ${ports.routed('web').join(', ')}`);

    // A die event takes a pod out at once (the engine may still list it running).
    failing = new Set();
    await clock.advance(3000);
    const web2 = engine.containers.find((c) => c.pod === 'web-2') as { id: string };
    engine.emit({ time: clock.now(), action: 'die', containerId: web2.id, pod: 'web-2', container: 'app', exitCode: 137 });
    assert.ok(!ports.routed('web').includes('web-2'), 'dead web-2 is dropped before the debounced pass');

    // Healed: the replacement is listed after its start event, then routed once its probe passes.
    await clock.advance(500);
    engine.emit({ time: clock.now(), action: 'start', containerId: 'replacement' });
    await clock.advance(1500);
    assert.deepEqual(ports.routed('web').sort(), ['web-1', 'web-2']);

    const portFailures = notes.filter((n) => n.kind === 'port-failed');
    assert.equal(portFailures.length, 1, 'the taken port is told once');
    assert.ok(
      engine.containers.some((c) => c.pod === 'admin-1' && c.state === 'running'),
      'admin is still supervised',
    );

    // Once the port is free, a later pass serves it.
    ports.refuse.clear();
    engine.emit({ time: clock.now(), action: 'start', containerId: 'y' });
    await clock.advance(500);
    assert.deepEqual(ports.routed('admin'), ['admin-1']);
    assert.equal(notes.filter((n) => n.kind === 'port-failed').length, 1);
    controller.abort();
    await running;
    assert.equal(ports.closed, true);
  });
});
