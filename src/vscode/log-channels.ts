// The "Flotilla Logs: <target>" output channels and the session following into each. Opening a
// target again reuses its channel and restarts its session; disposing (extension end) stops
// every session and closes every channel.

import * as vscode from 'vscode';
import type { LogSession } from '../app/log-session';

interface OpenLogs {
  channel: vscode.OutputChannel;
  session?: LogSession;
}

export class LogChannels implements vscode.Disposable {
  private readonly open = new Map<string, OpenLogs>();

  /** The channel named `name`, cleared, with its previous session stopped. */
  reuse(name: string): { channel: vscode.OutputChannel; attach(session: LogSession): void } {
    let logs = this.open.get(name);
    if (!logs) {
      logs = { channel: vscode.window.createOutputChannel(name) };
      this.open.set(name, logs);
    }
    logs.session?.dispose();
    logs.session = undefined;
    logs.channel.clear();
    const entry = logs;
    // A second Show Logs for the same target may attach while the first still connects: one wins.
    const attach = (session: LogSession) => {
      entry.session?.dispose();
      entry.session = session;
    };
    return { channel: entry.channel, attach };
  }

  dispose(): void {
    for (const { channel, session } of this.open.values()) {
      session?.dispose();
      channel.dispose();
    }
    this.open.clear();
  }
}
