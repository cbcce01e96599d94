// What an import could not carry, changed on the way, or allowed with a warning. Each note is
// written as a comment at its place in the manifest and printed by the command: nothing in the
// compose file is dropped silently.

export type ManifestPath = (string | number)[];

export type NoteKind = 'not-carried' | 'changed' | 'warning';

export interface ImportNote {
  kind: NoteKind;
  /** Where it was in the compose file, dotted: "services.web.container_name". */
  from: string;
  /** The manifest node the comment goes above (a service, a container, or [] for the top). */
  at: ManifestPath;
  message: string;
}

export class Notes {
  readonly items: ImportNote[] = [];

  notCarried(from: string, at: ManifestPath, message: string): void {
    this.items.push({ kind: 'not-carried', from, at, message });
  }

  changed(from: string, at: ManifestPath, message: string): void {
    this.items.push({ kind: 'changed', from, at, message });
  }

  warning(from: string, at: ManifestPath, message: string): void {
    this.items.push({ kind: 'warning', from, at, message });
  }
}

/** A short rendering of a compose value for a note: `my-web`, `[a, b]`, `{...}`. */
export function show(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
