// The user's state directory, shared by the CLI and the editor: the supervisor lock, the live
// status, the revision histories and the desired-state hand-over live there, one file each per
// project (`<project><suffix>`). Every file is written whole, atomically, and the folder is
// watched rather than each file, since a rename replaces the file a watch would follow.

import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, unlinkSync, watch, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { systemClock, type Clock } from '../core/ports/clock';

export function stateDir(): string {
  if (process.env.XDG_STATE_HOME) return path.join(process.env.XDG_STATE_HOME, 'flotilla');
  if (process.platform === 'win32') return path.join(process.env.LOCALAPPDATA ?? path.join(homedir(), 'AppData', 'Local'), 'flotilla', 'state');
  if (process.platform === 'darwin') return path.join(homedir(), 'Library', 'Application Support', 'flotilla', 'state');
  return path.join(homedir(), '.local', 'state', 'flotilla');
}

/** The state file of one project, e.g. stateFile('shop', '.live.json'). */
export function stateFile(project: string, suffix: string): string {
  return path.join(stateDir(), `${project}${suffix}`);
}

/**
 * Replaces the file with the text: written to a temporary file in the same folder, then renamed
 * over it, so a reader sees the old or the new file, never half of one. durable: flushed to
 * disk before the rename (for files that must survive a crash, such as revision histories).
 */
export function writeAtomically(file: string, text: string, options: { durable?: boolean } = {}): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    writeSync(fd, text);
    if (options.durable) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temporary, file);
  } catch (error) {
    unlinkSync(temporary);
    throw error;
  }
}

/** Removes the file if it is there. */
export function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // not there
  }
}

export interface StateDirWatch {
  close(): void;
}

export interface StateDirWatchOptions {
  /**
   * Reports a project once this long after its file first changed (later changes meanwhile
   * are covered by that one report), so bursts of writes cost one read. 0: every change at once.
   */
  delayMs?: number;
  /** The watch failed and is closed. */
  onError?: (error: Error) => void;
  /** What times the delay (tests: a manual clock). */
  clock?: Clock;
}

/**
 * Calls onChange with the project whose `<project><suffix>` file changed in the state
 * directory (created first if missing). Throws when the folder cannot be made or watched.
 */
export function watchStateDir(suffix: string, onChange: (project: string) => void, options: StateDirWatchOptions = {}): StateDirWatch {
  const dir = stateDir();
  mkdirSync(dir, { recursive: true });
  const clock = options.clock ?? systemClock;
  /** Per project: cancels its report due after the delay. */
  const pending = new Map<string, AbortController>();
  const watcher = watch(dir, (_event, filename) => {
    const name = filename?.toString() ?? '';
    if (!name.endsWith(suffix)) return;
    const project = name.slice(0, -suffix.length);
    if (!options.delayMs) return onChange(project);
    if (pending.has(project)) return;
    const cancel = new AbortController();
    pending.set(project, cancel);
    clock.sleep(options.delayMs, cancel.signal).then(
      () => {
        pending.delete(project);
        onChange(project);
      },
      () => undefined,
    );
  });
  const close = () => {
    watcher.close();
    for (const cancel of pending.values()) cancel.abort();
    pending.clear();
  };
  watcher.on('error', (error) => {
    close();
    options.onError?.(error);
  });
  return { close };
}
