// Workspace Trust: anything that starts something (Up, Restart, Scale, Open Shell) calls this on
// its own path, whatever the `when` clauses already hid.

import * as vscode from 'vscode';

export const MANAGE_TRUST = 'Manage Workspace Trust';

/** True when trusted; otherwise says why nothing starts, offers to manage trust, and returns false. */
export function requireTrust(action: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window
    .showWarningMessage(
      `Flotilla does not ${action} in an untrusted workspace: a manifest from an untrusted folder could run anything on your Docker engine. Trust the workspace to allow it.`,
      MANAGE_TRUST,
    )
    .then((choice) => {
      if (choice === MANAGE_TRUST) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  return false;
}
