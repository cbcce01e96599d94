import assert from 'node:assert/strict';
import type { ContainerHealth } from '../../../src/core/model/state';
import { emptyRevisions, recordRevision } from '../../../src/core/rollout/revisions';
import { systemClock } from '../../../src/core/ports/clock';
import { LiveView } from '../../../src/core/supervise/live-view';
import { FlotillaStore } from '../../../src/core/status/store';
import type { SupervisorNote } from '../../../src/core/supervise/supervisor';
import { buildServicesTree, indexNodes, STATE_ICON, summarize, type ManifestEntry, type TreeInput, type ViewNode } from '../../../src/vscode/views/model';
import { MASK, maskEnv } from '../../../src/vscode/views/tooltips';
import { desiredFrom, SHOP } from '../manifests';
import { observed, observedContainer } from '../observed';

const NOW = 10_000_000;
const SECRETS = `version: 1
project: vault
services:
  app:
    containers:
      main:
        image: vault/app:1
        env: { API_TOKEN: t0k3n, DB_PASSWORD: hunter2, signing_key: k3y, PUBLIC_URL: "http://x" }
`;

function input(store: FlotillaStore, manifests: ManifestEntry[] = [{ path: '/w/flotilla.yaml', desired: desiredFrom(SHOP), errorCount: 0 }]): TreeInput {
  return { manifests, snapshot: (p) => store.project(p), engine: store.engineStatus(), now: NOW };
}

/** Notes of this window's supervisor, as it feeds the store: each note, then its live view's state. */
function fromSupervisor(store: FlotillaStore, ...notes: SupervisorNote[]): void {
  if (store.project('shop')?.supervision.mode !== 'editor') store.setSupervision('shop', { mode: 'editor' });
  const view = new LiveView('shop', process.pid, systemClock);
  for (const note of notes) {
    view.apply(note);
    store.applySupervisorNote('shop', note);
    store.applyLiveSnapshot('shop', view.snapshot());
  }
}

const find = (roots: ViewNode[], id: string) => indexNodes(roots).get(id)?.node as ViewNode;
const healthy: ContainerHealth = { status: 'healthy', failingStreak: 0, lastProbe: { at: NOW - 2000, ok: true, latencyMs: 4, output: '' } };

/** web-1 and web-2 (app + log-drain each) and api-1, all running, created 3 minutes ago. */
function runningShop(store: FlotillaStore, specHashes = specHashesOf(SHOP)): void {
  const web = { createdAt: NOW - 180_000, specHash: specHashes.web };
  const api = { createdAt: NOW - 180_000, specHash: specHashes.api };
  store.setObserved(
    observed('shop', [
      observedContainer('web-1', 'app', { ...web, ports: [{ containerPort: 8080, hostIp: '127.0.0.1', hostPort: 32768, protocol: 'tcp' }] }),
      observedContainer('web-1', 'log-drain', { ...web, image: 'shop/logdrain:1' }),
      observedContainer('web-2', 'app', web),
      observedContainer('web-2', 'log-drain', { ...web, image: 'shop/logdrain:1' }),
      observedContainer('api-1', 'server', { ...api, image: 'shop/api:1' }),
    ]),
  );
}

/** The pods run what this manifest says (the engine's spec-hash labels match it). */
function specHashesOf(text: string): Record<string, string> {
  return Object.fromEntries(desiredFrom(text).services.map((s) => [s.name, s.specHash]));
}

describe('services view model', () => {
  it('marks a service whose pods run another spec than the saved manifest, or are being rolled out', () => {
    const store = new FlotillaStore();
    runningShop(store, specHashesOf(SHOP.replace('shop/web:1', 'shop/web:2')));
    const roots = buildServicesTree(input(store));
    assert.deepEqual(
      roots.map((n) => n.description),
      ['2/2 running · shop/web:1 · not applied', '1/1 running · shop/api:1'],
    );
    assert.match(roots[0]?.tooltip ?? '', /changed since the last Up or Deploy; saving replaces nothing/);
    const web = desiredFrom(SHOP).services[0]!;
    const inProgress = recordRevision(emptyRevisions('shop'), web, NOW).file;
    const rolling = buildServicesTree({ ...input(store), revisions: () => inProgress });
    assert.equal(rolling[0]?.description, '2/2 running · shop/web:1 · rolling out');
  });

  it("shows one manifest's services as roots, with ready/desired counts and the image", () => {
    const store = new FlotillaStore();
    runningShop(store);
    fromSupervisor(
      store,
      ...['web-1', 'web-2'].map((pod): SupervisorNote => ({ kind: 'health', containerId: `${pod}-app-id`, service: 'web', pod, container: 'app', health: healthy })),
    );
    const roots = buildServicesTree(input(store));
    assert.deepEqual(
      roots.map((n) => [n.label, n.description]),
      [
        ['web', '2/2 healthy · shop/web:1'],
        ['api', '1/1 running · shop/api:1'],
      ],
    );
    assert.equal(roots[0]?.contextValue, 'flotilla.service healthy onEngine exposed');
    assert.equal(roots[1]?.contextValue, 'flotilla.service running onEngine', 'api exposes no port');
    assert.deepEqual(roots[0]?.icon, STATE_ICON.healthy);
    assert.equal(summarize(roots).text, '3/3 healthy');
  });

  it('labels pods and containers per the contract, with revision, uptime and state words', () => {
    const store = new FlotillaStore();
    runningShop(store);
    fromSupervisor(store, {
      kind: 'health',
      containerId: 'web-1-app-id',
      service: 'web',
      pod: 'web-1',
      container: 'app',
      health: { status: 'unhealthy', failingStreak: 3, lastProbe: { at: NOW - 1000, ok: false, latencyMs: 1000, output: 'GET /healthz: 503 ```oops```' } },
    });
    const roots = buildServicesTree(input(store));
    const pod = find(roots, 'pod:shop/web-1');
    assert.equal(pod.label, 'web-1');
    assert.equal(pod.description, 'unhealthy · rev 1 · up 3m');
    const app = find(roots, 'container:shop/web-1/app');
    assert.equal(app.label, 'app');
    assert.ok(app.description?.startsWith('unhealthy · shop/web:2 · up 3m'), app.description);
    assert.equal(app.contextValue, 'flotilla.container unhealthy onEngine');
    assert.deepEqual(app.target, {
      kind: 'container',
      manifestPath: '/w/flotilla.yaml',
      project: 'shop',
      service: 'web',
      pod: 'web-1',
      container: 'app',
      containerId: 'web-1-app-id',
    });
    assert.ok(find(roots, 'container:shop/web-1/log-drain').description?.startsWith('running'));
    // The service counts only healthy pods, and shows the trouble.
    assert.equal(roots[0]?.description, '0/2 healthy · shop/web:1');
    assert.equal(roots[0]?.state, 'unhealthy');
  });

  it('puts the probe detail, ports, restarts, last exit and OOM in the container tooltip', () => {
    const store = new FlotillaStore();
    runningShop(store);
    // web-1/app is OOM-killed (seen exited), then runs again.
    store.applyEngineEvent('shop', { time: NOW - 60_000, action: 'oom', containerId: 'web-1-app-id', pod: 'web-1', container: 'app' });
    store.applyEngineEvent('shop', { time: NOW - 59_990, action: 'die', containerId: 'web-1-app-id', pod: 'web-1', container: 'app', exitCode: 137 });
    store.setObserved(observed('shop', [observedContainer('web-1', 'app', { state: 'exited', exitCode: 137 }), observedContainer('web-1', 'log-drain')]));
    runningShop(store);
    fromSupervisor(store, {
      kind: 'health',
      containerId: 'web-1-app-id',
      service: 'web',
      pod: 'web-1',
      container: 'app',
      health: { status: 'unhealthy', failingStreak: 3, lastProbe: { at: NOW - 1000, ok: false, latencyMs: 1000, output: 'GET /healthz: 503 ```oops```' } },
    });
    const tooltip = find(buildServicesTree(input(store)), 'container:shop/web-1/app').tooltip ?? '';
    for (const part of [
      '127.0.0.1:32768 → 8080/tcp',
      'failing streak 3',
      'last probe failed 1s ago in 1s',
      'restarts (pod): 1',
      'last exit code: 137',
      '**OOM-killed**',
      'flotilla.pod=web-1',
      'API_URL=http://api:9000',
    ]) {
      assert.ok(tooltip.includes(part), `tooltip lacks "${part}":\n${tooltip}`);
    }
    // The probe output sits in a fence its own backticks cannot close.
    assert.ok(tooltip.includes('````text\nGET /healthz: 503 ```oops```\n````'), tooltip);
    assert.equal(find(buildServicesTree(input(store)), 'pod:shop/web-1').description, 'unhealthy · rev 1 · up 3m · 1 restart');
  });

  it('masks the values of secret-looking env keys', () => {
    assert.deepEqual(maskEnv({ API_TOKEN: 'a', DB_PASSWORD: 'b', signing_key: 'c', password_file: 'd', PUBLIC_URL: 'e', TOKENIZER: 'f' }), {
      API_TOKEN: MASK,
      DB_PASSWORD: MASK,
      signing_key: MASK,
      password_file: MASK,
      PUBLIC_URL: 'e',
      TOKENIZER: 'f',
    });
    const store = new FlotillaStore();
    store.setObserved(observed('vault', [observedContainer('app-1', 'main', { image: 'vault/app:1' })]));
    const tooltip = find(buildServicesTree(input(store, [{ path: '/v/flotilla.yaml', desired: desiredFrom(SECRETS), errorCount: 0 }])), 'container:vault/app-1/main').tooltip ?? '';
    assert.ok(tooltip.includes(`API_TOKEN=${MASK}`) && tooltip.includes(`DB_PASSWORD=${MASK}`) && tooltip.includes(`signing_key=${MASK}`), tooltip);
    assert.ok(tooltip.includes('PUBLIC_URL=http://x'));
    for (const secret of ['t0k3n', 'hunter2', 'k3y']) assert.ok(!tooltip.includes(secret), `${secret} leaked`);
  });

  it('shows desired-but-missing pods as pending with the reason while the project runs, and no pods when it is down', () => {
    const store = new FlotillaStore();
    const roots = buildServicesTree(input(store));
    assert.equal(roots[0]?.description, '0/2 healthy · shop/web:1');
    assert.deepEqual(roots[0]?.children, [], 'nothing on the engine and nobody supervising: nothing is pending');
    store.setSupervision('shop', { mode: 'editor' });
    assert.deepEqual(
      buildServicesTree(input(store))[0]?.children.map((p) => [p.label, p.description, p.contextValue]),
      [
        ['web-1', 'pending · waiting to be created', 'flotilla.pod pending'],
        ['web-2', 'pending · waiting to be created', 'flotilla.pod pending'],
      ],
    );
    store.setSupervision('shop', { mode: 'none' });
    // A pod held back by the restart backoff says when it comes back.
    store.setObserved(observed('shop', [observedContainer('web-2', 'app', { createdAt: NOW }), observedContainer('web-2', 'log-drain', { createdAt: NOW })]));
    fromSupervisor(store, { kind: 'heal-delayed', pod: 'web-1', crashes: 3, inMs: 40_000 });
    const backoffNow = store.project('shop')!.backoff.get('web-1')!.until - 40_000;
    const later = buildServicesTree({ ...input(store), now: backoffNow });
    assert.equal(find(later, 'pod:shop/web-1').description, 'pending · restarting in 40s (crash 4)');
    assert.deepEqual(find(later, 'pod:shop/web-1').icon, STATE_ICON.pending);
  });

  it('shows message nodes with a Retry when the engine is unreachable', () => {
    const store = new FlotillaStore();
    store.setEngineStatus({ state: 'unreachable', endpoint: 'unix:///var/run/docker.sock', message: 'connect ENOENT' });
    const roots = buildServicesTree(input(store));
    assert.ok(roots.every((n) => n.kind === 'message'));
    assert.match(roots[0]?.label ?? '', /Cannot reach the Docker engine at unix:\/\/\/var\/run\/docker.sock/);
    assert.ok(roots.some((n) => /Start Docker/.test(n.label)));
    assert.ok(roots.some((n) => /flotilla\.dockerHost/.test(n.label)));
    const retry = roots.find((n) => n.label === 'Retry');
    assert.equal(retry?.command?.command, 'flotilla.retryConnection');
    assert.equal(retry?.contextValue, 'flotilla.message retry');
  });

  it('shows several manifests as project nodes, an invalid one with its error count', () => {
    const store = new FlotillaStore();
    const roots = buildServicesTree(
      input(store, [
        { path: '/w/flotilla.yaml', desired: desiredFrom(SHOP), errorCount: 0 },
        { path: '/w/broken.flotilla.yaml', project: 'broken', errorCount: 2 },
      ]),
    );
    assert.deepEqual(
      roots.map((n) => [n.kind, n.label, n.description]),
      [
        ['project', 'shop', '0/3 healthy'],
        ['project', 'broken', '2 errors in the manifest'],
      ],
    );
    assert.deepEqual(
      roots[0]?.children.map((n) => n.id),
      ['service:shop/web', 'service:shop/api'],
    );
  });

  it('keeps node ids stable across rebuilds', () => {
    const store = new FlotillaStore();
    runningShop(store);
    const ids = (roots: ViewNode[]) => [...indexNodes(roots).keys()];
    const first = ids(buildServicesTree(input(store)));
    fromSupervisor(store, { kind: 'health', containerId: 'web-2-app-id', service: 'web', pod: 'web-2', container: 'app', health: healthy });
    assert.deepEqual(ids(buildServicesTree(input(store))), first);
    assert.equal(new Set(first).size, first.length);
  });
});
