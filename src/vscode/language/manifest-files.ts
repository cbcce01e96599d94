// Which files are Flotilla manifests, and how the editor loads one: the same loadManifest as
// the CLI (schema, semantic and security checks), with the workspace folder for bind mounts.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadManifest, type LoadedManifest, projectNameFromFolder } from '../../core/manifest/load';

/** flotilla.yaml and *.flotilla.yaml, whatever language id the editor gave them (yaml, usually). */
export const MANIFEST_GLOB = '**/{flotilla.yaml,*.flotilla.yaml}';
export const MANIFEST_SELECTOR: vscode.DocumentSelector = { pattern: MANIFEST_GLOB };

export function isManifestUri(uri: vscode.Uri): boolean {
  const name = path.posix.basename(uri.path);
  return name === 'flotilla.yaml' || name.endsWith('.flotilla.yaml');
}

export function loadManifestAt(uri: vscode.Uri, text: string): LoadedManifest {
  const manifestDir = path.dirname(uri.fsPath);
  const workspaceDir = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
  return loadManifest(text, { manifestDir, workspaceDir, defaultProject: path.basename(manifestDir) });
}

/** The project a manifest declares, or the one its folder's name gives (as `up` does). */
export function projectOf(uri: vscode.Uri, declared: string | undefined): string {
  return declared ?? projectNameFromFolder(path.basename(path.dirname(uri.fsPath)));
}
