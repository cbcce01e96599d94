// Ctx owns everything the extension creates (rust-analyzer's ctx.ts): extension-lifetime parts
// (store, manifests, views, status bar, commands) go into context.subscriptions; engine-lifetime
// parts (the connection, event watches, supervisors) are rebuilt by reconnect() when the
// dockerHost setting or workspace trust changes, or when the user retries.

import * as vscode from 'vscode';
import { systemClock, type Clock } from '../core/ports/clock';
import { down } from '../core/reconcile/down';
import { FlotillaStore } from '../core/status/store';
import { readConfig, effectsOf, SECTION, type FlotillaConfig } from './config';
import { every } from './clock-timers';
import { CONTEXT, VIEW, type LiveServiceState } from './contract';
import { EngineConnection, type Engine } from './connection';
import { LiveStatusFollower } from './live-follower';
import { RevisionsFollower } from './revisions-follower';
import { LogChannels } from './log-channels';
import { ManifestRegistry, type Manifest } from './manifests';
import { RefreshManager } from './refresh';
import { Supervisors } from './supervision';
import { EventsTreeProvider } from './views/events-tree';
import { createLiveServiceState } from './views/live-state';
import type { TreeInput, ViewNode } from './views/model';
import { syncManifestSelection } from './views/manifest-sync';
import { ServicesTreeProvider } from './views/services-tree';
import { FlotillaStatusBar } from './views/status-bar';
import { WalkthroughContext } from './walkthrough';

export class Ctx implements vscode.Disposable {
  readonly store: FlotillaStore;
  readonly channel: vscode.OutputChannel;
  readonly manifests: ManifestRegistry;
  readonly connection: EngineConnection;
  readonly refresh: RefreshManager;
  readonly supervisors: Supervisors;
  /** Supervision as use cases see it from this window (here, another process, or none). */
  readonly liveFollower: LiveStatusFollower;
  readonly revisionsFollower: RevisionsFollower;
  readonly servicesTree: ServicesTreeProvider;
  readonly servicesView: vscode.TreeView<ViewNode>;
  readonly live: LiveServiceState;
  /** Projects this window brought up (flotilla.downOnClose takes them down). */
  readonly broughtUp = new Set<string>();
  readonly logs = new LogChannels();
  private config: FlotillaConfig;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly extension: vscode.ExtensionContext,
    channel: vscode.OutputChannel,
    /** Every timer of the runtime runs on it (refresh, followers, supervisors, the tree's tick). */
    readonly clock: Clock = systemClock,
  ) {
    this.channel = channel;
    this.store = new FlotillaStore(clock);
    this.config = this.readConfig();
    this.manifests = new ManifestRegistry(this.config.manifestGlob);
    this.connection = new EngineConnection(this.store, () => this.config.dockerHost);
    this.supervisors = new Supervisors(this.store, (line) => this.channel.appendLine(line), clock);
    // A project this window supervises is listed and watched by its supervisor only.
    const supervisedHere = (project: string) => this.supervisors.isSupervising(project);
    this.refresh = new RefreshManager(this.store, this.connection, { clock, supervisedHere });
    const walkthrough = new WalkthroughContext(() => this.treeInput());
    this.revisionsFollower = new RevisionsFollower(() => {
      this.servicesTree?.update();
      walkthrough.update();
    }, clock);
    this.liveFollower = new LiveStatusFollower(this.store, supervisedHere, clock);
    this.servicesTree = new ServicesTreeProvider(() => this.treeInput());
    this.servicesView = vscode.window.createTreeView(VIEW.services, { treeDataProvider: this.servicesTree, showCollapseAll: true });
    const eventsTree = new EventsTreeProvider(this.store);
    const eventsView = vscode.window.createTreeView(VIEW.events, { treeDataProvider: eventsTree });
    const statusBar = new FlotillaStatusBar(() => this.treeInput());
    this.live = createLiveServiceState(
      this.store,
      () => this.manifests.list(),
      (listener) => this.manifests.onDidChange(listener),
    );

    // A visible manifest shows live state in its CodeLenses, so it keeps the refresh armed too.
    const manifestVisible = () => vscode.window.visibleTextEditors.some((editor) => this.manifests.isManifest(editor.document));
    const rearm = () => this.refresh.setArmed(this.servicesView.visible || eventsView.visible || manifestVisible());
    const manifestShown = () => manifestVisible() && walkthrough.manifestShown();
    this.disposables.push(
      this.manifests,
      this.servicesTree,
      this.servicesView,
      eventsTree,
      eventsView,
      statusBar,
      this.servicesView.onDidChangeVisibility(rearm),
      eventsView.onDidChangeVisibility(rearm),
      this.supervisors.onDidChange(() => this.refresh.supervisionChanged()),
      vscode.window.onDidChangeVisibleTextEditors(rearm),
      vscode.window.onDidChangeVisibleTextEditors(manifestShown),
      this.store.onDidChange((change) => {
        if (change.kinds.has('engine')) void vscode.commands.executeCommand('setContext', CONTEXT.engineReachable, this.store.engineStatus().state !== 'unreachable');
        if (change.kinds.has('engine')) this.servicesTree.rebuild();
        else this.servicesTree.update();
        statusBar.update();
        walkthrough.update();
      }),
      this.manifests.onDidChange(() => this.manifestsChanged()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(SECTION)) this.settingsChanged();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.settingsChanged()),
      syncManifestSelection(this),
      { dispose: () => this.refresh.dispose() },
      this.liveFollower,
      this.revisionsFollower,
    );
    // Uptimes and backoff countdowns move with time; a cheap redraw once every 10 s.
    const stopTick = every(clock, 10_000, () => {
      this.servicesTree.update();
      statusBar.update();
    });
    this.disposables.push({ dispose: stopTick });
    rearm();
  }

  get settings(): FlotillaConfig {
    return this.config;
  }

  trusted(): boolean {
    return vscode.workspace.isTrusted;
  }

  engine(): Promise<Engine> {
    return this.connection.get();
  }

  treeInput(): TreeInput {
    // Replica counts as this window keeps them (Scale Service overrides the manifest for a while).
    const manifests = this.manifests.list().map((m) => (m.desired ? { ...m, desired: this.supervisors.effective(m.desired) } : m));
    return { manifests, snapshot: (p) => this.store.project(p), engine: this.store.engineStatus(), now: this.clock.now(), revisions: (p) => this.revisionsFollower.revisions(p) };
  }

  start(): Promise<void> {
    return this.manifests.scan();
  }

  /** Drops the engine connection and everything that lives on it, then connects again. */
  async reconnect(): Promise<void> {
    // Supervision resumes with the state each supervisor kept (a saved but not applied edit stays unapplied).
    const supervised = this.manifests
      .list()
      .flatMap((m) => (m.desired ? [this.supervisors.kept(m.desired.project)] : []))
      .filter((d) => d !== undefined);
    await this.supervisors.stopAll();
    this.connection.reset();
    this.store.setEngineStatus({ state: 'unknown' });
    try {
      const engine = await this.engine();
      this.channel.appendLine(`Connected to the Docker engine at ${engine.endpoint}.`);
      for (const desired of supervised) this.supervisors.start(desired, engine);
    } catch (error) {
      this.channel.appendLine((error as Error).message);
    }
    this.refresh.restart();
  }

  manifestFor(project: string): Manifest | undefined {
    return this.manifests.byProject(project);
  }

  private readConfig(): FlotillaConfig {
    const section = vscode.workspace.getConfiguration(SECTION);
    return readConfig((key) => section.get(key), vscode.workspace.isTrusted);
  }

  private settingsChanged(): void {
    const before = this.config;
    this.config = this.readConfig();
    const effects = effectsOf(before, this.config);
    if (effects.rescan) void this.manifests.scan(this.config.manifestGlob);
    if (effects.reconnect) void this.reconnect();
  }

  private manifestsChanged(): void {
    const manifests = this.manifests.list();
    void vscode.commands.executeCommand('setContext', CONTEXT.hasManifest, manifests.length > 0);
    const projects = manifests.flatMap((m) => (m.desired ? [m.desired.project] : []));
    this.refresh.setProjects(projects);
    this.liveFollower.setProjects(projects);
    this.revisionsFollower.setProjects(projects);
    for (const manifest of manifests) {
      const desired = manifest.desired;
      if (desired && this.supervisors.isSupervising(desired.project)) {
        this.supervisors.manifestChanged(desired);
      }
    }
    this.servicesTree.update();
  }

  /** On deactivate: stop this window's supervisors; with downOnClose, take down what it brought up. */
  async shutdown(): Promise<void> {
    await this.supervisors.stopAll();
    if (!this.config.downOnClose || this.broughtUp.size === 0) return;
    const engine = await this.engine().catch(() => undefined);
    if (!engine) return;
    await Promise.allSettled([...this.broughtUp].map((project) => down(project, engine, { removeVolumes: false, desired: this.manifestFor(project)?.desired })));
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
    this.logs.dispose();
  }
}
