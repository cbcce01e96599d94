import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import './vscode-stub';
import { COMMANDS } from '../../../src/vscode/commands/index';
import { COMMAND, CONTEXT, VIEW, VIEW_CONTAINER } from '../../../src/vscode/contract';
import { DEFAULT_MANIFEST_NAMES, DEFAULTS, KEYS, SECTION } from '../../../src/vscode/config';
import { MANIFEST_NAMES } from '../../../src/cli/context';

interface Contributed {
  command: string;
  title: string;
  category?: string;
}

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const TITLES: Record<keyof typeof COMMAND, string> = {
  up: 'Up',
  down: 'Down',
  restartService: 'Restart Service',
  scaleService: 'Scale Service',
  showLogs: 'Show Logs',
  openShell: 'Open Shell in Container',
  inspect: 'Inspect',
  validate: 'Validate Manifest',
  openManifest: 'Open Manifest',
  revealInManifest: 'Reveal in Manifest',
  createManifest: 'Create flotilla.yaml',
  refresh: 'Refresh',
  retryConnection: 'Retry Engine Connection',
  deploy: 'Deploy',
  rollback: 'Rollback',
  openInBrowser: 'Open in Browser',
};

describe('package.json contributions and the contract', () => {
  it('contributes every contract command with category Flotilla and its title, and nothing else', () => {
    const contributed = pkg.contributes.commands as Contributed[];
    assert.deepEqual(contributed.map((c) => c.command).sort(), Object.values(COMMAND).sort());
    for (const [key, id] of Object.entries(COMMAND)) {
      const entry = contributed.find((c) => c.command === id);
      assert.equal(entry?.category, 'Flotilla', id);
      assert.equal(entry?.title, TITLES[key as keyof typeof COMMAND], id);
    }
  });

  it('registers every contract command in the command table under its own id', () => {
    assert.deepEqual(Object.keys(COMMANDS).sort(), Object.keys(COMMAND).sort());
    for (const [key, command] of Object.entries(COMMANDS)) assert.equal(command.id, COMMAND[key as keyof typeof COMMAND]);
  });

  it('contributes the view container and views with the contract ids and titles', () => {
    const container = pkg.contributes.viewsContainers.activitybar.find((c: { id: string }) => c.id === VIEW_CONTAINER);
    assert.equal(container?.title, 'Flotilla');
    assert.match(container?.icon ?? '', /^media\/.+\.svg$/);
    readFileSync(container.icon, 'utf8');
    assert.deepEqual(
      pkg.contributes.views[VIEW_CONTAINER].map((v: { id: string; name: string }) => [v.id, v.name]),
      [
        [VIEW.services, 'Services'],
        [VIEW.events, 'Events'],
      ],
    );
  });

  it('names only known commands, views and context keys in menus and welcome content', () => {
    const ids = new Set<string>(Object.values(COMMAND));
    for (const [menu, entries] of Object.entries(pkg.contributes.menus as Record<string, { command: string; when?: string }[]>)) {
      for (const entry of entries) {
        assert.ok(ids.has(entry.command), `${menu} names unknown command ${entry.command}`);
        for (const view of entry.when?.match(/view == ([\w.]+)/g) ?? []) assert.ok(Object.values(VIEW).includes(view.slice(8) as never), `${menu}: ${view}`);
      }
    }
    const welcome = pkg.contributes.viewsWelcome as { view: string; contents: string; when?: string }[];
    const noManifest = welcome.find((w) => w.view === VIEW.services && w.when === `!${CONTEXT.hasManifest}`);
    assert.ok(noManifest?.contents.includes(`[Create flotilla.yaml](command:${COMMAND.createManifest})`));
  });

  it("matches tree context values with the menus' regular expressions", () => {
    const entries = pkg.contributes.menus['view/item/context'] as { command: string; when: string; group?: string }[];
    const shown = (contextValue: string, command: string, inline = false) =>
      entries.some((e) => e.command === command && (e.group?.startsWith('inline') ?? false) === inline && new RegExp(/viewItem =~ \/(.+)\/$/.exec(e.when)![1]!).test(contextValue));
    assert.ok(shown('flotilla.container running onEngine', COMMAND.openShell));
    assert.ok(shown('flotilla.container running onEngine', COMMAND.openShell, true));
    assert.ok(!shown('flotilla.container exited onEngine', COMMAND.openShell));
    assert.ok(shown('flotilla.container exited onEngine', COMMAND.inspect));
    assert.ok(shown('flotilla.service healthy onEngine', COMMAND.restartService, true));
    assert.ok(!shown('flotilla.service pending', COMMAND.restartService, true));
    assert.ok(shown('flotilla.service healthy onEngine exposed', COMMAND.openInBrowser));
    assert.ok(!shown('flotilla.service healthy onEngine', COMMAND.openInBrowser));
    assert.ok(shown('flotilla.pod pending', COMMAND.showLogs));
    assert.ok(shown('flotilla.message retry', COMMAND.retryConnection, true) || shown('flotilla.message retry', COMMAND.retryConnection));
  });

  it('contributes the settings the config wrapper reads, with its defaults, and limited untrusted support', () => {
    const properties = pkg.contributes.configuration.properties as Record<string, { default: unknown }>;
    for (const [key, setting] of Object.entries(KEYS)) {
      assert.deepEqual(properties[`${SECTION}.${setting}`]?.default, DEFAULTS[key as keyof typeof DEFAULTS], setting);
    }
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations, ['flotilla.dockerHost']);
    assert.deepEqual(pkg.activationEvents.sort(), DEFAULT_MANIFEST_NAMES.map((name) => `workspaceContains:**/${name}`).sort());
  });

  it('finds by default every manifest name the CLI finds on its own (flotilla.yml too)', () => {
    assert.equal(DEFAULTS.manifestGlob, `**/{${DEFAULT_MANIFEST_NAMES.join(',')}}`);
    for (const name of MANIFEST_NAMES) assert.ok((DEFAULT_MANIFEST_NAMES as readonly string[]).includes(name), name);
  });
});

describe('Create flotilla.yaml template', () => {
  it('is a valid manifest with no warnings', async () => {
    const { MANIFEST_TEMPLATE } = await import('../../../src/vscode/commands/create-manifest');
    const { loadManifest } = await import('../../../src/core/manifest/load');
    const loaded = loadManifest(MANIFEST_TEMPLATE, { manifestDir: process.cwd(), defaultProject: 'my-app' });
    assert.deepEqual(
      loaded.diagnostics.map((d) => d.message),
      [],
    );
    assert.equal(loaded.desired?.project, 'my-app');
  });
});

describe('Scale Service input', () => {
  it('accepts whole numbers from 0 to the maximum and says what is wrong otherwise', async () => {
    const { validateReplicas } = await import('../../../src/vscode/commands/scale-service');
    assert.equal(validateReplicas('0'), undefined);
    assert.equal(validateReplicas(' 3 '), undefined);
    assert.equal(validateReplicas('50'), undefined);
    assert.equal(validateReplicas('51'), 'At most 50 replicas.');
    assert.equal(validateReplicas('8', 6), 'At most 6 replicas.');
    for (const bad of ['', '-1', '1.5', 'two', '1e3']) assert.equal(validateReplicas(bad), 'A whole number from 0 to 50.', bad);
  });
});
