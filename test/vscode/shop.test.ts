// The palette commands, the manifest's CodeLens and hover, the Services tree and the Problems
// diagnostics, run in the extension host against the real vscode API and the real engine, on
// the runner's copy of examples/shop. The tests run in order: one project goes up, is restarted,
// scaled and taken down, and what the tree shows is compared with what the engine then holds.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FlotillaExtensionApi } from '../../src/vscode/extension';
import {
  engineContainers,
  engineNetworksAndVolumes,
  eventually,
  flotilla,
  markdownText,
  runCommand,
  serviceTarget,
  shopManifest,
  shownTree,
  treeContainers,
  type ShopManifest,
} from './helpers';

describe('Flotilla in the extension host (examples/shop)', function () {
  let api: FlotillaExtensionApi;
  let shop: ShopManifest;

  /**
   * "service/container", once per replica, as the manifest asks (`replicas` overriding its counts).
   * Pod names are not predicted: a rolling restart or a deploy brings pods with new ordinals.
   */
  function expectedShape(replicas: Record<string, number> = {}): string[] {
    return Object.entries(shop.containers)
      .flatMap(([service, containers]) => Array.from({ length: replicas[service] ?? shop.replicas[service] ?? 1 }, () => containers.map((c) => `${service}/${c}`)).flat())
      .sort();
  }

  const shapeOf = (paths: readonly string[]) => paths.map((p) => p.replace(/^([^/]+)\/[^/]+\/(.+)$/, '$1/$2')).sort();

  async function runningOnEngine(): Promise<string[]> {
    return (await engineContainers(shop.project))
      .filter((c) => c.state === 'running')
      .map((c) => `${c.service}/${c.pod}/${c.container}`)
      .sort();
  }

  async function engineShows(replicas: Record<string, number> = {}): Promise<void> {
    const expected = expectedShape(replicas);
    let seen: string[] = [];
    await eventually(
      'the engine runs what the manifest asks for',
      async () => {
        seen = await runningOnEngine();
        return JSON.stringify(shapeOf(seen)) === JSON.stringify(expected) ? seen : undefined;
      },
      30_000,
      () => ({ expected, seen }),
    );
  }

  /** The tree shows exactly the containers the engine runs, and as many as the manifest asks for. */
  async function treeShows(replicas: Record<string, number> = {}): Promise<void> {
    const expected = expectedShape(replicas);
    let seen: { tree: string[]; engine: string[] } = { tree: [], engine: [] };
    await eventually(
      'the Services tree shows every container the engine runs',
      async () => {
        seen = { tree: treeContainers(api), engine: await runningOnEngine() };
        return JSON.stringify(seen.tree) === JSON.stringify(seen.engine) && JSON.stringify(shapeOf(seen.tree)) === JSON.stringify(expected) ? true : undefined;
      },
      15_000,
      () => ({ expected, ...seen }),
    );
  }

  function serviceDescription(service: string): string | undefined {
    return shownTree(api).find((node) => node.kind === 'service' && node.label === service)?.description;
  }

  before(async function () {
    api = await flotilla();
    shop = shopManifest();
    // The tree lists the workspace's manifest once the extension's first scan is done.
    await eventually(
      'the tree lists the shop services',
      () => (shownTree(api).filter((n) => n.kind === 'service').length === Object.keys(shop.replicas).length ? true : undefined),
      30_000,
      () => shownTree(api),
    );
  });

  it('registers every command the extension contributes', async function () {
    const contributed = (vscode.extensions.getExtension('flotilla-dev.flotilla')?.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands.map(
      (c) => c.command,
    );
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      contributed.filter((id) => !registered.has(id)),
      [],
    );
  });

  it('Validate Manifest: a broken manifest gets its problems at the exact ranges', async function () {
    const file = path.join(path.dirname(shop.path), 'broken.flotilla.yaml');
    const text = [
      'version: 1',
      'project: broken',
      'services:',
      '  api:',
      '    replicas: -1',
      '    stopGracePeriud: 2s',
      '    containers:',
      '      server:',
      '        image: flotilla-test/busybox:1',
      '',
    ].join('\n');
    const lines = text.split('\n');
    const at = (line: number, needle: string) => new vscode.Range(line, lines[line]!.indexOf(needle), line, lines[line]!.indexOf(needle) + needle.length);
    await writeFile(file, text);
    const uri = vscode.Uri.file(file);
    try {
      await runCommand('flotilla.validate');
      const diagnostics = await eventually(
        'the broken manifest has two problems',
        () => {
          const found = vscode.languages.getDiagnostics(uri);
          return found.length === 2 ? found : undefined;
        },
        15_000,
        () => vscode.languages.getDiagnostics(uri).map((d) => d.message),
      );
      const shown = diagnostics.map((d) => ({ severity: d.severity, range: d.range, message: d.message })).sort((a, b) => a.range.start.line - b.range.start.line);
      assert.deepEqual(shown[0], { severity: vscode.DiagnosticSeverity.Error, range: at(4, '-1'), message: 'services.api.replicas must be at least 0 (got -1)' });
      assert.deepEqual(shown[1], {
        severity: vscode.DiagnosticSeverity.Error,
        range: at(5, 'stopGracePeriud'),
        message: 'Unknown key "stopGracePeriud" in services.api (did you mean "stopGracePeriod"?)',
      });
      assert.deepEqual(
        vscode.languages.getDiagnostics(shop.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error),
        [],
        'the shop manifest itself has no errors',
      );
      // The tree shows the broken manifest (by its path: a manifest with errors has no project) beside the shop, with its error count.
      const broken = await eventually(
        'the tree shows the broken manifest',
        () => shownTree(api).find((n) => n.kind === 'project' && n.label === file),
        15_000,
        () => shownTree(api),
      );
      assert.equal(broken.description, '2 errors in the manifest');
    } finally {
      await rm(file, { force: true });
    }
    await eventually("the deleted manifest's problems go", () => (vscode.languages.getDiagnostics(uri).length === 0 ? true : undefined));
    await eventually(
      'the tree is back to the shop alone',
      () => (shownTree(api).some((n) => n.kind === 'project') ? undefined : true),
      15_000,
      () => shownTree(api),
    );
  });

  it('Up: the tree shows every service, pod and container, and the engine runs them', async function () {
    await runCommand('flotilla.up');
    await engineShows();
    await treeShows();
    // A probed service (web) is ready once its probe passes: healthy, not just running.
    await eventually(
      'each service says all its replicas are ready',
      () => {
        const all = Object.entries(shop.replicas).every(([service, n]) =>
          serviceDescription(service)?.startsWith(`${n}/${n} ${shop.probed.has(service) ? 'healthy' : 'running'} · `),
        );
        return all ? true : undefined;
      },
      30_000,
      () => Object.keys(shop.replicas).map((s) => `${s}: ${serviceDescription(s)}`),
    );
    assert.ok(shop.probed.has('web'), "the shop's web service has a probe");
    for (const node of shownTree(api).filter((n) => n.kind === 'pod')) assert.match(node.description, /./, `pod ${node.path} has a state`);
  });

  it('CodeLens: Up, Restart, Logs and the live state above each service', async function () {
    await vscode.window.showTextDocument(shop.uri);
    const lenses = await eventually(
      'the lenses show web as 2/2 healthy',
      async () => {
        const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', shop.uri, 100);
        return found.some((l) => l.command?.title === '2/2 healthy') ? found : undefined;
      },
      15_000,
    );
    const lines = readFileSync(shop.path, 'utf8').split('\n');
    for (const service of Object.keys(shop.replicas)) {
      const line = lines.findIndex((text) => text === `  ${service}:`);
      const mine = lenses.filter((l) => l.range.start.line === line);
      assert.deepEqual(mine.map((l) => l.command?.title).slice(0, 3), ['Up', 'Restart', 'Logs'], `the actions above ${service} (line ${line + 1})`);
      assert.match(mine[3]?.command?.title ?? '', /^\d+\/\d+ (healthy|running)/, `the state above ${service}`);
      assert.deepEqual(mine[1]?.command?.arguments, [serviceTarget(shop, service)]);
    }
  });

  it('hover on a service key says what runs now', async function () {
    const document = await vscode.workspace.openTextDocument(shop.uri);
    const line = document
      .getText()
      .split('\n')
      .findIndex((text) => text === '  web:');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', shop.uri, new vscode.Position(line, 3));
    const text = hovers.map((h) => markdownText(h.contents)).join('\n');
    assert.match(text, /Now: 2\/2 healthy/, text);
    assert.deepEqual(hovers.find((h) => /Now:/.test(markdownText(h.contents)))?.range, new vscode.Range(line, 2, line, 5));
  });

  it('Restart Service (the CodeLens action): the api pod is replaced and runs again', async function () {
    const before = (await engineContainers(shop.project)).filter((c) => c.service === 'api');
    assert.equal(before.length, 1);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', shop.uri);
    const restart = lenses.find((l) => l.command?.title === 'Restart' && JSON.stringify(l.command.arguments) === JSON.stringify([serviceTarget(shop, 'api')]));
    assert.ok(restart?.command, 'the api service has a Restart lens');
    await runCommand(restart.command.command, restart.command.arguments);
    const after = (await engineContainers(shop.project)).filter((c) => c.service === 'api');
    assert.equal(after.length, 1, 'one api pod, as before');
    assert.notEqual(after[0]?.id, before[0]?.id, 'the api container was replaced');
    assert.equal(after[0]?.state, 'running');
    await engineShows();
    await eventually(
      'the tree shows the api pod running again',
      () => (/^1\/1 running/.test(serviceDescription('api') ?? '') ? true : undefined),
      15_000,
      () => serviceDescription('api'),
    );
  });

  it('Scale Service: worker to 3 replicas, in the tree and on the engine', async function () {
    await runCommand('flotilla.scaleService', [serviceTarget(shop, 'worker'), 3]);
    await engineShows({ worker: 3 });
    await treeShows({ worker: 3 });
    await eventually(
      'the tree says 3/3 for worker',
      () => (/^3\/3 running/.test(serviceDescription('worker') ?? '') ? true : undefined),
      15_000,
      () => serviceDescription('worker'),
    );
  });

  it('Open Manifest and Reveal in Manifest (on the api node): the manifest opens with the service key selected', async function () {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await runCommand('flotilla.openManifest');
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, shop.path);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const apiNode = shownTree(api).find((n) => n.kind === 'service' && n.label === 'api');
    assert.ok(apiNode, 'the tree has the api service');
    await runCommand('flotilla.revealInManifest', [apiNode.node]);
    const line = readFileSync(shop.path, 'utf8')
      .split('\n')
      .findIndex((text) => text === '  api:');
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, shop.path);
    assert.deepEqual(vscode.window.activeTextEditor?.selection, new vscode.Selection(line, 2, line, 5));
  });

  it('Inspect (on a container node): its engine inspect JSON opens', async function () {
    // The api pod's ordinal changed with the rolling restart above: whichever it is now.
    const node = shownTree(api).find((n) => n.kind === 'container' && /\/api\/api-\d+\/server$/.test(`/${n.path}`));
    assert.ok(node, "the tree has an api pod's server container");
    const pod = /api-\d+/.exec(node.path)?.[0];
    const [onEngine] = (await engineContainers(shop.project)).filter((c) => c.pod === pod && c.container === 'server');
    assert.ok(onEngine, `${pod}/server runs on the engine`);
    await runCommand('flotilla.inspect', [node.node]);
    const document = vscode.window.activeTextEditor?.document;
    assert.equal(document?.languageId, 'json');
    const info = JSON.parse(document.getText()) as { Id: string; State: { Running: boolean } };
    assert.equal(info.Id, onEngine?.id);
    assert.equal(info.State.Running, true);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Down: no container or network of the project is left, the tree shows nothing running', async function () {
    await runCommand('flotilla.down');
    assert.deepEqual(await engineContainers(shop.project), []);
    const left = await engineNetworksAndVolumes(shop.project);
    assert.deepEqual(left.networks, []);
    // Down keeps volumes (the user's data), as it says: the shop's one volume, and nothing else.
    assert.deepEqual(
      left.volumes.map((name) => name.endsWith('logs')),
      [true],
    );
    await treeShows({ web: 0, api: 0, worker: 0 });
    for (const service of Object.keys(shop.replicas)) assert.match(serviceDescription(service) ?? '', /^0\//, `${service} shows nothing ready`);
    assert.deepEqual(
      shownTree(api)
        .filter((n) => n.kind === 'pod')
        .map((n) => n.path),
      [],
      'no pod, not even a pending one: the project is down',
    );
  });
});
