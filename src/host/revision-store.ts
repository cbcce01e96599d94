// The revision histories of one project in `<stateDir>/<project>.revisions.json`, shared by the
// CLI and the editor. Writes are atomic (a temporary file in the same folder, flushed, then
// renamed over the old one), so a reader sees the old or the new file, never half of one.
// Read-modify-write runs under a small lock file, so two processes never lose each other's
// revision.

import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import * as path from 'node:path';
import { stateDir, writeAtomically } from './state-dir';
import { FlotillaError } from '../core/model/errors';
import { emptyRevisions, parseRevisionsFile, type RevisionsFile, type RevisionStore } from '../core/rollout/revisions';

/** A lock older than this belongs to a process that died mid-update. */
const STALE_LOCK_MS = 10_000;
const LOCK_WAIT_MS = 5_000;

export class FileRevisionStore implements RevisionStore {
  readonly file: string;

  constructor(
    private readonly project: string,
    dir: string = stateDir(),
  ) {
    this.file = path.join(dir, `${project}.revisions.json`);
  }

  async read(): Promise<RevisionsFile> {
    return this.readNow();
  }

  async update(change: (file: RevisionsFile) => RevisionsFile): Promise<RevisionsFile> {
    const release = await this.lock();
    try {
      const next = change(this.readNow());
      writeAtomically(this.file, `${JSON.stringify(next, null, 2)}\n`, { durable: true });
      return next;
    } finally {
      release();
    }
  }

  private readNow(): RevisionsFile {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyRevisions(this.project);
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new FlotillaError('refused', `${this.file}: not valid JSON (${(error as Error).message}). Move the file aside to start a new history.`);
    }
    return parseRevisionsFile(parsed, this.project, this.file);
  }

  private async lock(): Promise<() => void> {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const lockFile = `${this.file}.lock`;
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        closeSync(openSync(lockFile, 'wx'));
        return () => unlinkSync(lockFile);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      if (isStale(lockFile)) {
        try {
          unlinkSync(lockFile);
        } catch {
          // another process took it over first
        }
        continue;
      }
      if (Date.now() > deadline) throw new FlotillaError('timeout', `${lockFile} has been held for over ${LOCK_WAIT_MS / 1000} s by another Flotilla process; try again.`);
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 10));
    }
  }
}

function isStale(lockFile: string): boolean {
  try {
    return Date.now() - statSync(lockFile).mtimeMs > STALE_LOCK_MS;
  } catch {
    return false; // released meanwhile
  }
}
