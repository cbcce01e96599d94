// Create flotilla.yaml: a commented starting point in the workspace folder (opened, not
// overwritten, when one exists).

import * as vscode from 'vscode';
import { FlotillaError } from '../../core/model/errors';
import { COMMAND } from '../contract';
import type { FlotillaCommand } from './command';

export const MANIFEST_TEMPLATE = `# Flotilla manifest: the services of this project, each a pod of containers sharing localhost
# and volumes. "Flotilla: Up" brings it up; the Flotilla view shows what runs.
version: 1
# project: my-app             # default: the folder name

services:
  web:
    replicas: 1               # pods of this service
    containers:
      app:                    # the first container owns the pod's network
        image: busybox:latest # any image on your engine
        command: [httpd, -f, -p, "8080"]
        env:
          GREETING: hello
    expose:
      port: 8080              # reachable from the host on an ephemeral 127.0.0.1 port
    health:
      tcp: { port: 8080 }     # or http: { path: /healthz, port: 8080 }, or exec: [cmd, ...]
      interval: 10s
    restart: always           # always | on-failure | never

# volumes:
#   data: {}
`;

export const createManifest: FlotillaCommand = {
  id: COMMAND.createManifest,
  async run(ctx) {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 0) throw new FlotillaError('refused', 'Open a folder first: flotilla.yaml is created in the workspace folder.');
    const folder = folders.length === 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Create flotilla.yaml in which folder?' });
    if (!folder) return;
    const uri = vscode.Uri.joinPath(folder.uri, 'flotilla.yaml');
    const exists = await vscode.workspace.fs.stat(uri).then(
      () => true,
      () => false,
    );
    if (!exists) await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(MANIFEST_TEMPLATE));
    await ctx.manifests.read(uri);
    await vscode.window.showTextDocument(uri);
    if (exists) vscode.window.setStatusBarMessage('Flotilla: flotilla.yaml already exists; opened it', 5000);
  },
};
