// An in-memory workspace for the editor's manifest registry: files by path, a file watcher the
// test fires, and reads and searches the test can hold in flight (as the extension host's round
// trips are) to run a command in the middle of them. Supplied through the vscode stub.
import * as path from 'node:path';
import { supplyVscode } from './vscode-stub';

type Listener<T> = (value: T) => void;

class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  readonly event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => void (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export interface StandInUri {
  scheme: string;
  fsPath: string;
  path: string;
  toString(): string;
}

const fileUri = (fsPath: string): StandInUri => ({ scheme: 'file', fsPath, path: fsPath, toString: () => `file://${fsPath}` });

class Hold {
  private releases: (() => void)[] = [];
  held = false;
  /** Resolves when the hold is released (at once when nothing is held). */
  wait(): Promise<void> {
    return this.held ? new Promise((resolve) => this.releases.push(resolve)) : Promise.resolve();
  }
  get waiting(): number {
    return this.releases.length;
  }
  release(): void {
    this.held = false;
    for (const release of this.releases.splice(0)) release();
  }
}

export class StandInWorkspace {
  readonly folder: string;
  private readonly files = new Map<string, string>();
  private readonly watchers: { created: EventEmitter<StandInUri>; changed: EventEmitter<StandInUri>; deleted: EventEmitter<StandInUri> }[] = [];
  /** Reads take the file's bytes when called and return them when released. */
  readonly reads = new Hold();
  readonly searches = new Hold();
  /** Reads that fail although the file is there (a save in flight), counted down. */
  failingReads = 0;
  private readonly restore: () => void;

  constructor(folder = '/ws') {
    this.folder = folder;
    this.restore = supplyVscode({
      EventEmitter,
      Uri: { file: fileUri },
      RelativePattern: class {
        constructor(
          readonly base: unknown,
          readonly pattern: string,
        ) {}
      },
      languages: { match: () => 0 },
      window: {
        showQuickPick: () => Promise.reject(new Error('the test expected no quick pick')),
      },
      workspace: {
        workspaceFolders: [{ uri: fileUri(folder), name: 'ws', index: 0 }],
        getWorkspaceFolder: () => ({ uri: fileUri(folder), name: 'ws', index: 0 }),
        asRelativePath: (uri: StandInUri) => path.relative(folder, uri.fsPath),
        createFileSystemWatcher: () => {
          const watcher = { created: new EventEmitter<StandInUri>(), changed: new EventEmitter<StandInUri>(), deleted: new EventEmitter<StandInUri>() };
          this.watchers.push(watcher);
          return {
            onDidCreate: watcher.created.event,
            onDidChange: watcher.changed.event,
            onDidDelete: watcher.deleted.event,
            dispose: () => void this.watchers.splice(this.watchers.indexOf(watcher), 1),
          };
        },
        findFiles: async () => {
          const found = [...this.files.keys()].map(fileUri);
          await this.searches.wait();
          return found;
        },
        fs: {
          readFile: async (uri: StandInUri) => {
            const text = this.files.get(uri.fsPath);
            const failing = this.failingReads > 0;
            if (failing) this.failingReads -= 1;
            await this.reads.wait();
            if (failing) throw new Error(`EBUSY: resource busy or locked, open '${uri.fsPath}'`);
            if (text === undefined) throw new Error(`ENOENT: no such file, open '${uri.fsPath}'`);
            return new TextEncoder().encode(text);
          },
          stat: async (uri: StandInUri) => {
            if (!this.files.has(uri.fsPath)) throw new Error(`ENOENT: no such file, stat '${uri.fsPath}'`);
            return { type: 1, ctime: 0, mtime: 0, size: this.files.get(uri.fsPath)?.length ?? 0 };
          },
        },
      },
    });
  }

  uri(name: string): StandInUri {
    return fileUri(path.join(this.folder, name));
  }

  /** Writes a file; the watcher reports it (as the editor's watcher would, shortly after). */
  write(name: string, text: string): StandInUri {
    const uri = this.uri(name);
    const existed = this.files.has(uri.fsPath);
    this.files.set(uri.fsPath, text);
    for (const watcher of this.watchers) (existed ? watcher.changed : watcher.created).fire(uri);
    return uri;
  }

  remove(name: string): void {
    const uri = this.uri(name);
    this.files.delete(uri.fsPath);
    for (const watcher of this.watchers) watcher.deleted.fire(uri);
  }

  dispose(): void {
    this.reads.release();
    this.searches.release();
    this.restore();
  }
}

/** Lets queued promise callbacks run (the registry's steps) without any real waiting. */
export async function flushPromises(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setImmediate(resolve));
}
