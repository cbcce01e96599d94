// What a service port's load balancer reports, and its words. The type lives here (pure) so the
// core can word it; src/proxy raises these notes.

export type ProxyNote =
  /** The backend did not accept a connection; the client was sent to the next one. */
  | { kind: 'backend-failed'; id: string; error: string }
  /** The backend's container IP could not be reached; it is used on its fallback (published) address from now on. */
  | { kind: 'backend-fallback'; id: string; error: string; fallback: string }
  /** No backend accepted: the client's connection was closed. */
  | { kind: 'no-backend'; tried: string[] }
  /** drain() cut connections still open when its timeout passed. */
  | { kind: 'drain-cut'; id: string; connections: number };

/** One line for a person about a proxy note, or undefined for notes not worth a line. */
export function describeProxyNote(service: string, note: ProxyNote): string | undefined {
  switch (note.kind) {
    case 'backend-failed':
      return `${service}: pod ${note.id} refused a connection (${note.error}); sent it to the next pod`;
    case 'backend-fallback':
      return `${service}: pod ${note.id} cannot be reached on its container address (${note.error}); using its published port ${note.fallback} from now on`;
    case 'drain-cut':
      return `${service}: cut ${note.connections} connection(s) to ${note.id} still open at the drain timeout`;
    case 'no-backend':
      return undefined; // the supervisor's serving line already says no pod is ready
  }
}
