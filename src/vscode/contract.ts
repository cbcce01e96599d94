// Identifiers shared by package.json's contributions, the extension code and the end-to-end
// tests. package.json must use exactly these strings (a unit test checks it).

export const VIEW_CONTAINER = 'flotilla';
export const VIEW = {
  services: 'flotilla.services',
  events: 'flotilla.events',
} as const;

/** Every command is in the palette under the category "Flotilla". */
export const COMMAND = {
  up: 'flotilla.up', // "Up"
  down: 'flotilla.down', // "Down"
  restartService: 'flotilla.restartService', // "Restart Service"
  scaleService: 'flotilla.scaleService', // "Scale Service"
  showLogs: 'flotilla.showLogs', // "Show Logs"
  openShell: 'flotilla.openShell', // "Open Shell in Container"
  inspect: 'flotilla.inspect', // "Inspect"
  validate: 'flotilla.validate', // "Validate Manifest"
  openManifest: 'flotilla.openManifest', // "Open Manifest"
  revealInManifest: 'flotilla.revealInManifest', // "Reveal in Manifest"
  createManifest: 'flotilla.createManifest', // "Create flotilla.yaml"
  refresh: 'flotilla.refresh', // "Refresh"
  retryConnection: 'flotilla.retryConnection', // "Retry Engine Connection"
  deploy: 'flotilla.deploy', // "Deploy"
  rollback: 'flotilla.rollback', // "Rollback"
  openInBrowser: 'flotilla.openInBrowser', // "Open in Browser"
} as const;

/** Context keys set with setContext, used in `when` clauses. */
export const CONTEXT = {
  hasManifest: 'flotilla.hasManifest',
  engineReachable: 'flotilla.engineReachable',
} as const;

/** Context keys that complete the walkthrough's steps (src/vscode/walkthrough.ts). */
export const WALKTHROUGH_CONTEXT = {
  manifest: 'flotilla.walkthrough.manifestShown',
  up: 'flotilla.walkthrough.up',
  healthy: 'flotilla.walkthrough.healthy',
  healed: 'flotilla.walkthrough.healed',
  deployed: 'flotilla.walkthrough.deployed',
  rolledBack: 'flotilla.walkthrough.rolledBack',
} as const;

/** What a command receives from a tree item, a CodeLens or a quick pick. */
export interface FlotillaTarget {
  kind: 'service' | 'pod' | 'container';
  /** Absolute path of the manifest that declares the project. */
  manifestPath: string;
  project: string;
  service: string;
  pod?: string;
  /** Name in the manifest (e.g. app). */
  container?: string;
  containerId?: string;
}

/**
 * Live state of a service, for CodeLens and hovers in the manifest (provided by the views' store,
 * consumed by the language features). `describe` returns e.g. "2/2 healthy" or undefined when
 * nothing runs; onDidChange has the shape of vscode.Event<void>.
 */
export interface LiveServiceState {
  describe(manifestPath: string, service: string): string | undefined;
  onDidChange(listener: () => void): { dispose(): void };
}
