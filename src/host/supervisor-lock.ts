// One supervisor per project: a lock file with the owner's pid in the user's state directory.
// Node-side, shared by the CLI (up --watch) and the editor, so either one sees the other's lock.

import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { stateDir } from './state-dir';

/** Where the state directory is now decided (kept here for the importers that knew it from this module). */
export { stateDir } from './state-dir';

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of the live process supervising the project, if any (without taking the lock). */
export function supervisorOwner(project: string): number | undefined {
  try {
    const owner = Number(readFileSync(path.join(stateDir(), `${project}.supervisor.lock`), 'utf8').trim());
    return Number.isInteger(owner) && owner > 0 && alive(owner) ? owner : undefined;
  } catch {
    return undefined;
  }
}

export type LockResult = { held: true; release: () => void } | { held: false; ownerPid: number };

export function acquireSupervisorLock(project: string): LockResult {
  const dir = stateDir();
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${project}.supervisor.lock`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { held: true, release: () => unlinkSync(file) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && alive(owner)) return { held: false, ownerPid: owner };
      unlinkSync(file); // stale: its supervisor died without releasing it
    }
  }
  throw new Error(`could not take the supervisor lock ${file}`);
}
