// How the editor loads a manifest: the same loadManifest as the CLI (schema, semantic and
// security checks), with the workspace folder for bind mounts. Which files are manifests is the
// registry's to say (ManifestRegistry: flotilla.manifestGlob).

import * as path from 'node:path';
import * as vscode from 'vscode';
import { loadManifest, type LoadedManifest, projectNameFromFolder } from '../../core/manifest/load';

export function loadManifestAt(uri: vscode.Uri, text: string): LoadedManifest {
  const manifestDir = path.dirname(uri.fsPath);
  const workspaceDir = vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
  return loadManifest(text, { manifestDir, workspaceDir, defaultProject: path.basename(manifestDir) });
}

/** The project a manifest declares, or the one its folder's name gives (as `up` does). */
export function projectOf(uri: vscode.Uri, declared: string | undefined): string {
  return declared ?? projectNameFromFolder(path.basename(path.dirname(uri.fsPath)));
}
